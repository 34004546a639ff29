package io.appseg.netpol;

import static io.appseg.netpol.NetpolRulesTest.policy;
import static io.appseg.netpol.World.allowed;
import static io.appseg.netpol.World.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The traps of docs/networkpolicy-semantics.md ("Traps"), each written the way it trips
 * implementations.
 */
class NetpolTrapsTest {

  @Test
  void trap1_nullAndEmptyRuleListsMeanTheSameInMemory() {
    NetworkPolicy nullIngress =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName("p")
            .withNamespace("x")
            .endMetadata()
            .withNewSpec()
            .withPodSelector(new LabelSelector())
            .withPolicyTypes("Ingress")
            .endSpec()
            .build();
    nullIngress.getSpec().setIngress(null);
    NetworkPolicy emptyIngress =
        new NetworkPolicyBuilder(nullIngress)
            .editSpec()
            .withIngress(new ArrayList<>())
            .endSpec()
            .build();
    for (NetworkPolicy p : List.of(nullIngress, emptyIngress)) {
      Cluster c = Cluster.of(World.namespaces(), World.pods(), List.of(p));
      assertThat(tcp(c, "x/b", "x/a", 80))
          .as("no rules: deny, unlike KNP's in-memory reading")
          .isFalse();
    }
  }

  @Test
  void trap1_noPolicyTypesMeansIngressIsolationEvenForAnEgressPolicy() {
    Cluster c =
        World.with(
            policy(
                "x",
                "dns-only",
                """
        {podSelector: {}, egress: [{ports: [{port: 53, protocol: UDP}]}]}"""));
    assertThat(tcp(c, "y/a", "x/a", 80)).as("ingress isolated by defaulting").isFalse();
    assertThat(allowed(c, "x/a", "y/a", 53, Protocol.UDP)).isTrue();
    assertThat(tcp(c, "x/a", "y/a", 80)).isFalse();
  }

  @Test
  void trap2_yamlDashPlacementDecidesAndVersusOr() {
    String and =
        """
        kind: NetworkPolicy
        apiVersion: networking.k8s.io/v1
        metadata: {name: p, namespace: x}
        spec:
          podSelector: {matchLabels: {pod: a}}
          ingress:
          - from:
            - namespaceSelector: {matchLabels: {ns: y}}
              podSelector: {matchLabels: {pod: b}}
        """;
    String or =
        and.replace(
            "    podSelector: {matchLabels: {pod: b}}", "  - podSelector: {matchLabels: {pod: b}}");
    assertThat(or).isNotEqualTo(and);
    assertThat(tcp(World.with(and), "x/b", "x/a", 80)).isFalse();
    assertThat(tcp(World.with(or), "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(World.with(or), "y/c", "x/a", 80)).isTrue();
    assertThat(tcp(World.with(and), "y/c", "x/a", 80)).isFalse();
  }

  @Test
  void trap3_sameNameMayMeanDifferentNumbersOnDifferentPods() {
    var pods = new ArrayList<>(World.pods());
    pods.add(
        new io.fabric8.kubernetes.api.model.PodBuilder(
                World.pod("y", "d", "10.0.2.4", "172.16.0.2"))
            .editSpec()
            .editFirstContainer()
            .withPorts(
                new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                    .withName("serve-80-tcp")
                    .withContainerPort(8080)
                    .build())
            .endContainer()
            .endSpec()
            .build());
    Cluster c =
        Cluster.of(
            World.namespaces(),
            pods,
            World.policies(
                policy("y", "p", "{podSelector: {}, ingress: [{ports: [{port: serve-80-tcp}]}]}")));
    assertThat(tcp(c, "x/a", "y/d", 8080)).isTrue();
    assertThat(tcp(c, "x/a", "y/d", 80)).isFalse();
    assertThat(tcp(c, "x/a", "y/a", 80)).isTrue();
    assertThat(tcp(c, "x/a", "y/a", 8080)).isFalse();
  }

  @Test
  void trap4_externalIpNeedsOnlyThePodSideButPodToPodNeedsBoth() {
    Cluster c =
        World.with(
            policy(
                "x",
                "out",
                "{podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}"),
            policy("y", "in", "{podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress]}"));
    assertThat(tcp(c, "x/a", "203.0.113.1", 443)).isTrue();
    assertThat(tcp(c, "x/a", "y/b", 443)).as("0.0.0.0/0 reaches pod IPs too").isTrue();
    assertThat(tcp(c, "x/a", "y/a", 443)).as("but y/a's ingress is closed").isFalse();
  }

  @Test
  void trap5_emptyNamespaceSelectorIsNotEveryAddressButEmptyFromIs() {
    Cluster ns =
        World.with(
            policy("x", "p", "{podSelector: {}, ingress: [{from: [{namespaceSelector: {}}]}]}"));
    Cluster any = World.with(policy("x", "p", "{podSelector: {}, ingress: [{from: []}]}"));
    assertThat(tcp(ns, "203.0.113.1", "x/a", 80)).isFalse();
    assertThat(tcp(any, "203.0.113.1", "x/a", 80)).isTrue();
    assertThat(tcp(ns, "z/a", "x/a", 80)).isTrue();
  }

  @Test
  void trap6_dnsEgressWithoutProtocolUdpBreaksDns() {
    String dns =
        "{podSelector: {}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: {matchLabels: {ns: z}}, podSelector: {matchLabels: {pod: c}}}], ports: [%s]}]}";
    Cluster broken = World.with(policy("x", "dns", dns.formatted("{port: 53}")));
    Cluster fixed =
        World.with(
            policy(
                "x", "dns", dns.formatted("{port: 53, protocol: UDP}, {port: 53, protocol: TCP}")));
    assertThat(allowed(broken, "x/a", "z/c", 53, Protocol.UDP)).isFalse();
    assertThat(allowed(fixed, "x/a", "z/c", 53, Protocol.UDP)).isTrue();
    assertThat(allowed(fixed, "x/a", "z/b", 53, Protocol.UDP)).isFalse();
  }

  @Test
  void trap7_notInAndDoesNotExistMatchPodsWithoutTheKey() {
    Cluster c =
        World.with(
            policy(
                "x",
                "p",
                """
        {podSelector: {matchExpressions: [{key: role, operator: NotIn, values: [admin]}]}, policyTypes: [Ingress]}"""));
    assertThat(tcp(c, "y/a", "x/a", 80)).as("x/a has no role label and is selected").isFalse();
    Cluster ns =
        World.with(
            policy(
                "x",
                "p",
                """
        {podSelector: {}, ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [y]}]}}]}]}"""));
    assertThat(tcp(ns, "z/a", "x/a", 80)).isTrue();
    assertThat(tcp(ns, "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(ns, "y/a", "x/a", 80)).isFalse();
  }

  @Test
  void trap8_endPortBoundsAreInclusiveAndKeepTheirProtocol() {
    Cluster c =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {}, ingress: [{ports: [{protocol: SCTP, port: 80, endPort: 81}]}]}"));
    assertThat(allowed(c, "x/b", "x/a", 81, Protocol.SCTP))
        .as("the upper bound is included")
        .isTrue();
    assertThat(allowed(c, "x/b", "x/a", 82, Protocol.SCTP)).isFalse();
    assertThat(allowed(c, "x/b", "x/a", 81, Protocol.TCP)).as("SCTP range admits no TCP").isFalse();
    assertThat(allowed(c, "y/b", "x/c", 80, Protocol.UDP)).isFalse();
  }
}
