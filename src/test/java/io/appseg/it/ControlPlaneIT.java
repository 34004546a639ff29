package io.appseg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.local.ControlPlaneBinaries;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Smoke checks of the harness itself: the release built (kube-apiserver and kubectl report it),
 * controller manager (GC, namespace deletion), SA tokens, namespaces.
 */
class ControlPlaneIT extends KubeIT {

  private static final Duration CONTROLLER_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void theServerAndKubectlAreTheReleaseTheProjectSupports() {
    assertThat(client.getKubernetesVersion().getGitVersion())
        .isEqualTo("v" + ControlPlaneBinaries.VERSION);
    Kubectl.Result version = kube.kubectl().run("version", "--client", "-o", "json");
    assertThat(version.exitCode()).as(version.stderr()).isZero();
    assertThat(version.stdout())
        .contains("\"gitVersion\": \"v" + ControlPlaneBinaries.VERSION + "\"");
  }

  @Test
  void garbageCollectorDeletesDependentsOfDeletedAppSegmentation() {
    String ns = kube.createUniqueNamespace("gc");
    AppSegmentation owner =
        AppSegmentations.typed(client)
            .resource(AppSegmentations.withTiers(ns, "owner", "web"))
            .create();
    ConfigMap dependent =
        client.configMaps().inNamespace(ns).resource(ownedConfigMap(owner)).create();

    AppSegmentations.typed(client).resource(owner).delete();

    await("ConfigMap garbage-collected")
        .atMost(CONTROLLER_TIMEOUT)
        .until(
            () ->
                client
                        .configMaps()
                        .inNamespace(ns)
                        .withName(dependent.getMetadata().getName())
                        .get()
                    == null);
    kube.requireControllerManagerAlive();
  }

  @Test
  void namespaceDeletionCompletes() {
    String ns = kube.createUniqueNamespace("doomed");
    AppSegmentations.typed(client).resource(AppSegmentations.withTiers(ns, "app", "web")).create();

    client.namespaces().withName(ns).delete();

    await("namespace " + ns + " deleted")
        .atMost(CONTROLLER_TIMEOUT)
        .until(() -> client.namespaces().withName(ns).get() == null);
  }

  /**
   * Peers select namespaces by this label; the API server sets it on every namespace (the tests do
   * not).
   */
  @Test
  void theApiServerLabelsEachNamespaceWithItsName() {
    Namespace created =
        kube.createNamespace(
            Namespaces.uniqueName("granting"), Map.of("appseg.io/allow-segmentations-from", "*"));

    Namespace stored = client.namespaces().withName(created.getMetadata().getName()).get();
    assertThat(stored.getMetadata().getLabels())
        .containsEntry(Namespaces.NAME_LABEL, created.getMetadata().getName());
    assertThat(stored.getMetadata().getAnnotations())
        .containsEntry("appseg.io/allow-segmentations-from", "*");
  }

  @Test
  void serviceAccountClientHasOnlyItsBoundPermissions() {
    String ns = kube.createUniqueNamespace("rbac");
    grantConfigMapReader(ns, "reader");
    KubernetesClient reader = kube.serviceAccountClient(ns, "reader");

    assertThat(reader.configMaps().inNamespace(ns).list().getItems()).isNotNull();
    KubernetesClientException denied =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> reader.configMaps().inNamespace(ns).resource(configMap("forbidden")).create());
    assertThat(denied).isNotNull();
    assertThat(denied.getCode()).isEqualTo(403);
    assertThat(denied.getMessage()).contains("system:serviceaccount:" + ns + ":reader");
  }

  private static void grantConfigMapReader(String ns, String serviceAccount) {
    client
        .rbac()
        .roles()
        .inNamespace(ns)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("configmap-reader")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("configmaps")
                .withVerbs("get", "list", "watch")
                .endRule()
                .build())
        .create();
    client
        .rbac()
        .roleBindings()
        .inNamespace(ns)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("configmap-reader")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "configmap-reader")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(serviceAccount)
                .withNamespace(ns)
                .endSubject()
                .build())
        .create();
  }

  private static ConfigMap ownedConfigMap(AppSegmentation owner) {
    OwnerReference ref =
        new OwnerReferenceBuilder()
            .withApiVersion(owner.getApiVersion())
            .withKind(owner.getKind())
            .withName(owner.getMetadata().getName())
            .withUid(owner.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build();
    ConfigMap cm = configMap("owned");
    cm.getMetadata().getOwnerReferences().add(ref);
    return cm;
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToData("k", "v")
        .build();
  }
}
