package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every container the chart or config/ deploys meets Pod Security Standard "restricted". */
class PodSecurityTest {

  static List<Map<String, Object>> valueSets() {
    return List.of(
        Map.of(),
        Map.of("replicaCount", 1, "leaderElection", Map.of("enabled", false)),
        Map.of("metrics", Map.of("serviceMonitor", Map.of("enabled", true)), "logFormat", "text"));
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void chartDeploymentIsRestricted(Map<String, Object> values) {
    PodSpec pod =
        ChartFixture.render(values)
            .one("Deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
  }

  @Test
  void kustomizeDeploymentIsRestricted() {
    Rendered r = new Rendered(ChartFixture.parse(Kustomize.build(Path.of("config", "default"))));
    PodSpec pod = r.one("Deployment", Deployment.class).getSpec().getTemplate().getSpec();
    assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
  }

  @Test
  void overridingTheSecurityContextAwayIsCaught() {
    // Helm merges maps, so each default has to be overridden explicitly to get a non-compliant pod.
    PodSpec pod =
        ChartFixture.render(
                Map.of(
                    "securityContext",
                        Map.of(
                            "privileged",
                            true,
                            "allowPrivilegeEscalation",
                            true,
                            "readOnlyRootFilesystem",
                            false,
                            "capabilities",
                            Map.of("drop", List.of("NET_RAW"))),
                    "podSecurityContext",
                        Map.of(
                            "runAsUser",
                            0,
                            "runAsNonRoot",
                            false,
                            "seccompProfile",
                            Map.of("type", "Unconfined"))))
            .one("Deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(RestrictedPodSecurity.violations(pod))
        .contains(
            "pod runAsUser 0",
            "container operator: privileged",
            "container operator: allowPrivilegeEscalation must be false",
            "container operator: runAsNonRoot must be true",
            "container operator: seccompProfile must be RuntimeDefault or Localhost",
            "container operator: capabilities must drop ALL",
            "container operator: readOnlyRootFilesystem must be true",
            "container operator: needs a numeric non-root runAsUser");
  }

  @Test
  void checkerFlagsHostAccess() {
    PodSpec pod =
        new PodSpecBuilder()
            .withHostNetwork(true)
            .addNewVolume()
            .withName("root")
            .withNewHostPath()
            .withPath("/")
            .endHostPath()
            .endVolume()
            .addNewContainer()
            .withName("c")
            .addNewPort()
            .withContainerPort(80)
            .withHostPort(80)
            .endPort()
            .withNewSecurityContext()
            .withNewCapabilities()
            .withAdd("SYS_ADMIN")
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .endContainer()
            .build();
    assertThat(RestrictedPodSecurity.violations(pod))
        .contains(
            "pod shares a host namespace",
            "volume root of type hostPath",
            "container c: hostPort 80",
            "container c: adds capabilities [SYS_ADMIN]",
            "container c: /tmp must be an emptyDir (the root filesystem is read-only)");
  }
}
