package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.it.KubeIT;
import io.appseg.it.RealKubeApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What we ship, server-side applied on a real API server so that its validation and defaulting run
 * on every object: the chart's (CRD, RBAC, ServiceAccount, Deployment, Service) and kustomize's
 * config/default (its Namespace comes first, from the test). ReadmeInstallIT runs the README's
 * kubectl commands themselves. The ServiceMonitor needs prometheus-operator's CRD: rendered off.
 */
@RealKubeApi(installCrd = false)
class ShippedManifestsIT extends KubeIT {
  private static final String FIELD_MANAGER = "appseg-shipped-manifests-it";

  @BeforeAll
  static void operatorNamespace() {
    kube.createNamespace(ChartFixture.NAMESPACE);
  }

  @Test
  void theHelmChartsObjectsAreAcceptedByTheApiServer() {
    applyThenRemove(ChartFixture.render(Map.of()).objects());
  }

  @Test
  void theKustomizeObjectsAreAcceptedByTheApiServer() {
    List<HasMetadata> objects =
        ChartFixture.parse(Kustomize.build(Path.of("config", "default"))).stream()
            .filter(o -> !"Namespace".equals(o.getKind()))
            .toList();
    applyThenRemove(objects);
  }

  private static void applyThenRemove(List<HasMetadata> objects) {
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains(
            "CustomResourceDefinition", "ClusterRole", "Role", "ServiceAccount", "Deployment");
    for (HasMetadata o : objects) {
      HasMetadata applied =
          client
              .resource(o)
              .inNamespace(namespaceOf(o))
              .fieldManager(FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
      assertThat(applied.getMetadata().getUid())
          .as(o.getKind() + "/" + o.getMetadata().getName())
          .isNotBlank();
    }
    Deployment deployment =
        client
            .apps()
            .deployments()
            .inNamespace(ChartFixture.NAMESPACE)
            .withName(ChartFixture.RELEASE)
            .get();
    assertThat(
            deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getSecurityContext()
                .getReadOnlyRootFilesystem())
        .isTrue();
    objects.forEach(o -> client.resource(o).inNamespace(namespaceOf(o)).delete());
    await("shipped objects removed")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(objects)
                    .allSatisfy(
                        o ->
                            assertThat(client.resource(o).inNamespace(namespaceOf(o)).get())
                                .isNull()));
  }

  private static String namespaceOf(HasMetadata o) {
    return o.getMetadata().getNamespace() != null
        ? o.getMetadata().getNamespace()
        : ChartFixture.NAMESPACE;
  }
}
