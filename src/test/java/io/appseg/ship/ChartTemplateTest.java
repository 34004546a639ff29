package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.appseg.operator.config.ConfigException;
import io.appseg.operator.config.LeaseTimings;
import io.appseg.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `helm lint` and `helm template` over the values that change what is rendered. */
class ChartTemplateTest {

  @Test
  void lintStrictPasses() {
    LintResult result = new Helm(ChartFixture.CHART).lint().strict().call();
    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  @Test
  void defaultsRenderTheWholeOperator() {
    Rendered r = ChartFixture.render(Map.of());

    assertThat(r.kinds())
        .containsExactlyInAnyOrder(
            "CustomResourceDefinition/appsegmentations.appseg.io",
            "ServiceAccount/appseg-operator",
            "ClusterRole/appseg-operator",
            "ClusterRoleBinding/appseg-operator",
            "Role/appseg-operator-leader-election",
            "RoleBinding/appseg-operator-leader-election",
            "Deployment/appseg-operator",
            "Service/appseg-operator-metrics",
            "PodDisruptionBudget/appseg-operator",
            "NetworkPolicy/appseg-operator");

    CustomResourceDefinition crd =
        r.one("CustomResourceDefinition", CustomResourceDefinition.class);
    assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");

    Deployment d = r.one("Deployment", Deployment.class);
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    Container c = operator(d);
    assertThat(c.getImage()).isEqualTo("appseg-operator:0.1.0");
    assertThat(c.getArgs()).containsExactly("operator");
    assertThat(env(c))
        .containsEntry("APPSEG_LEADER_ELECTION", "true")
        .containsEntry("APPSEG_LOG_FORMAT", "json")
        .containsEntry("APPSEG_METRICS_PORT", "8080")
        .doesNotContainKeys(
            "APPSEG_WATCH_NAMESPACES",
            "APPSEG_DNS_NAMESPACE",
            "APPSEG_DNS_POD_SELECTOR",
            "APPSEG_MONITORING_NAMESPACE_SELECTOR",
            "APPSEG_MONITORING_PORT");
    assertThat(fieldRef(c, "POD_NAME")).isEqualTo("metadata.name");
    assertThat(fieldRef(c, "POD_NAMESPACE")).isEqualTo("metadata.namespace");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(c.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKey("memory");

    ServiceAccount sa = r.one("ServiceAccount", ServiceAccount.class);
    assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(sa.getMetadata().getName());
    assertThat(r.one("ClusterRoleBinding", ClusterRoleBinding.class).getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo(sa.getMetadata().getName());
              assertThat(s.getNamespace()).isEqualTo(ChartFixture.NAMESPACE);
            });
    assertThat(r.one("RoleBinding", RoleBinding.class).getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo(sa.getMetadata().getName()));

    // The Service must reach the pods: its selector is a subset of the pod labels, and it targets
    // the named port.
    Service svc = r.one("Service", Service.class);
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(svc.getSpec().getSelector());
    assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(svc.getSpec().getSelector());
    assertThat(svc.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
  }

  @Test
  void everyObjectCarriesTheStandardLabelsAndNamespacedOnesTheReleaseNamespace() {
    Rendered r =
        ChartFixture.render(Map.of("metrics", Map.of("serviceMonitor", Map.of("enabled", true))));
    for (HasMetadata o : r.objects()) {
      assertThat(o.getMetadata().getLabels())
          .as(o.getKind())
          .containsEntry("app.kubernetes.io/name", "appseg-operator")
          .containsEntry("app.kubernetes.io/instance", ChartFixture.RELEASE)
          .containsEntry("app.kubernetes.io/version", "0.1.0")
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsEntry("helm.sh/chart", "appseg-operator-0.1.0");
      boolean clusterScoped =
          List.of("CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding")
              .contains(o.getKind());
      assertThat(o.getMetadata().getNamespace())
          .as(o.getKind())
          .isEqualTo(clusterScoped ? null : ChartFixture.NAMESPACE);
    }
  }

  @Test
  void crdsInstallFalseLeavesTheCrdOut() {
    Rendered r = ChartFixture.render(Map.of("crds", Map.of("install", false)));
    assertThat(r.has("CustomResourceDefinition")).isFalse();
    assertThat(r.has("Deployment")).isTrue();
  }

  @Test
  void crdsKeepFalseDropsTheKeepPolicy() {
    Rendered r = ChartFixture.render(Map.of("crds", Map.of("keep", false)));
    assertThat(
            r.one("CustomResourceDefinition", CustomResourceDefinition.class)
                .getMetadata()
                .getAnnotations())
        .doesNotContainKey("helm.sh/resource-policy");
  }

  @Test
  void serviceMonitorIsOptionalAndScrapesTheMetricsService() {
    assertThat(ChartFixture.render(Map.of()).has("ServiceMonitor")).isFalse();

    Rendered r =
        ChartFixture.render(
            Map.of(
                "metrics",
                Map.of(
                    "serviceMonitor",
                    Map.of(
                        "enabled",
                        true,
                        "interval",
                        "15s",
                        "labels",
                        Map.of("release", "prometheus")))));
    GenericKubernetesResource sm = r.one("ServiceMonitor", GenericKubernetesResource.class);
    Service svc = r.one("Service", Service.class);
    assertThat(sm.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(sm.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(sm.<Map<String, String>>get("spec", "selector", "matchLabels"))
        .isEqualTo(svc.getSpec().getSelector());
    assertThat(svc.getMetadata().getLabels())
        .containsAllEntriesOf(sm.get("spec", "selector", "matchLabels"));
    assertThat(sm.<List<String>>get("spec", "namespaceSelector", "matchNames"))
        .containsExactly(ChartFixture.NAMESPACE);
    List<Map<String, Object>> endpoints = sm.get("spec", "endpoints");
    assertThat(endpoints)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e)
                  .containsEntry("port", svc.getSpec().getPorts().get(0).getName())
                  .containsEntry("path", "/metrics")
                  .containsEntry("interval", "15s");
            });
  }

  @Test
  void watchNamespacesBecomeACommaSeparatedList() {
    Rendered r = ChartFixture.render(Map.of("watchNamespaces", List.of("shop", "billing")));
    assertThat(env(operator(r.one("Deployment", Deployment.class))))
        .containsEntry("APPSEG_WATCH_NAMESPACES", "shop,billing");
    assertThat(r.has("ClusterRole"))
        .as("policies land in granting namespaces too, so RBAC stays cluster-wide")
        .isTrue();
  }

  @Test
  void aShardByLabelGetsItsNameSelectorAndHandOver() {
    Rendered r =
        ChartFixture.render(
            Map.of(
                "shard", Map.of("name", "a", "namespaceSelector", Map.of("appseg.io/shard", "a"))));
    assertThat(env(operator(r.one("Deployment", Deployment.class))))
        .containsEntry("APPSEG_SHARD", "a")
        .containsEntry("APPSEG_SHARD_SELECTOR", "appseg.io/shard=a")
        .containsEntry("APPSEG_SHARD_HANDOVER", "10s")
        .containsEntry("MALLOC_ARENA_MAX", "2")
        .doesNotContainKey("APPSEG_WATCH_NAMESPACES");
  }

  @Test
  void logFormatAndLevelReachTheOperator() {
    Map<String, String> env =
        env(
            operator(
                ChartFixture.render(Map.of("logFormat", "text", "logLevel", "DEBUG"))
                    .one("Deployment", Deployment.class)));
    assertThat(env)
        .containsEntry("APPSEG_LOG_FORMAT", "text")
        .containsEntry("APPSEG_LOG_LEVEL", "DEBUG");
  }

  @Test
  void clusterDnsAndMonitoringDefaultsUseTheOperatorsEnvFormat() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(
        "dns",
        Map.of(
            "namespace", "dns-system", "podSelector", Map.of("k8s-app", "coredns", "tier", "dns")));
    values.put(
        "monitoring", Map.of("namespaceSelector", Map.of("purpose", "monitoring"), "port", 9090));
    Map<String, String> env =
        env(operator(ChartFixture.render(values).one("Deployment", Deployment.class)));
    assertThat(env)
        .containsEntry("APPSEG_DNS_NAMESPACE", "dns-system")
        .containsEntry("APPSEG_DNS_POD_SELECTOR", "k8s-app=coredns,tier=dns")
        .containsEntry("APPSEG_MONITORING_NAMESPACE_SELECTOR", "purpose=monitoring")
        .containsEntry("APPSEG_MONITORING_PORT", "9090");
  }

  @Test
  void leaseTimingsReachTheOperatorAsItsOwnConfiguration() throws ConfigException {
    Map<String, String> chartDefaults =
        env(operator(ChartFixture.render(Map.of()).one("Deployment", Deployment.class)));
    Map<String, String> changed =
        env(
            operator(
                ChartFixture.render(
                        Map.of(
                            "leaderElection",
                            Map.of(
                                "leaseDuration", "20s",
                                "renewDeadline", "15s",
                                "retryPeriod", "500ms")))
                    .one("Deployment", Deployment.class)));

    assertThat(operatorConfig(chartDefaults).lease()).isEqualTo(LeaseTimings.DEFAULT);
    assertThat(operatorConfig(changed).lease())
        .isEqualTo(
            new LeaseTimings(
                Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofMillis(500)));
  }

  /** What the operator reads from the rendered env (the fieldRef variables filled as in a pod). */
  private static OperatorConfig operatorConfig(Map<String, String> env) throws ConfigException {
    Map<String, String> pod = new LinkedHashMap<>(env);
    pod.put("POD_NAME", "op-0");
    pod.put("POD_NAMESPACE", ChartFixture.NAMESPACE);
    return OperatorConfig.fromEnv(pod);
  }

  @Test
  void singleReplicaWithoutLeaderElectionHasNoLeaseRole() {
    Rendered r =
        ChartFixture.render(Map.of("replicaCount", 1, "leaderElection", Map.of("enabled", false)));
    Deployment d = r.one("Deployment", Deployment.class);
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(env(operator(d))).containsEntry("APPSEG_LEADER_ELECTION", "false");
    assertThat(r.has("Role")).isFalse();
    assertThat(r.has("RoleBinding")).isFalse();
    assertThat(r.has("ClusterRole")).isTrue();
  }

  @Test
  void imageAndExtraEnvAreConfigurable() {
    Rendered r =
        ChartFixture.render(
            Map.of(
                "image", Map.of("repository", "registry.example/appseg", "tag", "1.2.3"),
                "extraEnv", List.of(Map.of("name", "APPSEG_SERVER_SIDE_APPLY", "value", "false"))));
    Container c = operator(r.one("Deployment", Deployment.class));
    assertThat(c.getImage()).isEqualTo("registry.example/appseg:1.2.3");
    assertThat(env(c)).containsEntry("APPSEG_SERVER_SIDE_APPLY", "false");
  }

  @Test
  void rbacAndServiceAccountCanBeManagedElsewhere() {
    Rendered r =
        ChartFixture.render(
            Map.of(
                "rbac",
                Map.of("create", false),
                "serviceAccount",
                Map.of("create", false, "name", "platform-operator")));
    assertThat(r.kinds())
        .noneMatch(
            k ->
                k.startsWith("ClusterRole")
                    || k.startsWith("Role")
                    || k.startsWith("ServiceAccount"));
    assertThat(
            r.one("Deployment", Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getServiceAccountName())
        .isEqualTo("platform-operator");
  }

  static Container operator(Deployment d) {
    List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).extracting(Container::getName).containsExactly("operator");
    return containers.get(0);
  }

  /** Literal env values by name; fails on a duplicate name (the later one would silently win). */
  static Map<String, String> env(Container c) {
    Map<String, String> out = new LinkedHashMap<>();
    for (EnvVar e : c.getEnv()) {
      assertThat(out).as("duplicate env %s", e.getName()).doesNotContainKey(e.getName());
      out.put(e.getName(), e.getValue());
    }
    return out;
  }

  private static String fieldRef(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .map(e -> e.getValueFrom().getFieldRef().getFieldPath())
        .orElse(null);
  }
}
