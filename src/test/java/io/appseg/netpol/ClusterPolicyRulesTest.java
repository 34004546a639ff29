package io.appseg.netpol;

import static io.appseg.netpol.World.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appseg.netpol.ClusterPolicy.Action;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per ClusterNetworkPolicy rule C01-C13 of docs/networkpolicy-semantics.md. */
class ClusterPolicyRulesTest {
  private static final String ALL_PODS = "{pods: {namespaceSelector: {}, podSelector: {}}}";

  static String cnp(String name, String tier, int priority, String subject, String rules) {
    return "{apiVersion: policy.networking.k8s.io/v1alpha2, kind: ClusterNetworkPolicy, metadata: {name: "
        + name
        + "}, spec: {tier: "
        + tier
        + ", priority: "
        + priority
        + ", subject: "
        + subject
        + ", "
        + rules
        + "}}";
  }

  static String pods(String ns, String pod) {
    return "{pods: {namespaceSelector: {matchLabels: {ns: "
        + ns
        + "}}, podSelector: {matchLabels: {pod: "
        + pod
        + "}}}}";
  }

  static String ingress(String action, String from) {
    return "ingress: [{action: " + action + ", from: [" + from + "]}]";
  }

  static String egress(String action, String to) {
    return "egress: [{action: " + action + ", to: [" + to + "]}]";
  }

  private static final String ALLOW_X_B_TO_X_A =
      NetpolRulesTest.policy(
          "x",
          "allow-b",
          "{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]}");

  @Test
  void c01_adminBeforeNetworkPoliciesBaselineAfter() {
    Cluster adminDeny =
        World.withAll(
            ALLOW_X_B_TO_X_A,
            cnp("deny", "Admin", 10, pods("x", "a"), ingress("Deny", pods("x", "b"))));
    assertThat(tcp(adminDeny, "x/b", "x/a", 80))
        .as("Admin Deny beats a NetworkPolicy allow")
        .isFalse();
    Verdict v = World.verdict(adminDeny, "x/b", "x/a", 80);
    assertThat(v.ingress().decidedBy())
        .extracting(ClusterRuleRef::policy, ClusterRuleRef::action)
        .containsExactly("deny", Action.Deny);
    Cluster baselineDeny =
        World.withAll(
            ALLOW_X_B_TO_X_A,
            cnp("base", "Baseline", 10, pods("x", "a"), ingress("Deny", pods("x", "b"))));
    assertThat(tcp(baselineDeny, "x/b", "x/a", 80))
        .as("a NetworkPolicy that isolates decides before Baseline")
        .isTrue();
  }

  @Test
  void c02_adminAcceptIsFinalForItsSideOnly() {
    Cluster c =
        World.withAll(
            NetpolRulesTest.DENY_INGRESS_X_A,
            cnp("accept", "Admin", 1, pods("x", "a"), ingress("Accept", pods("x", "b"))));
    assertThat(tcp(c, "x/b", "x/a", 80)).as("Accept beats the NetworkPolicy deny").isTrue();
    assertThat(tcp(c, "x/c", "x/a", 80)).as("only the accepted peer").isFalse();
    Cluster egressDenied =
        World.withAll(
            NetpolRulesTest.DENY_EGRESS_X_A,
            cnp("accept", "Admin", 1, pods("x", "c"), ingress("Accept", pods("x", "a"))));
    assertThat(tcp(egressDenied, "x/a", "x/c", 80)).as("the other side is still judged").isFalse();
  }

  @Test
  void c03_passHandsTheDecisionToTheNextTier() {
    String pass = cnp("pass", "Admin", 1, pods("x", "a"), ingress("Pass", pods("x", "b")));
    String deny = cnp("deny", "Admin", 2, pods("x", "a"), ingress("Deny", pods("x", "b")));
    assertThat(tcp(World.withAll(pass, deny, ALLOW_X_B_TO_X_A), "x/b", "x/a", 80))
        .as("Pass skips the later Admin Deny; the NetworkPolicy allows")
        .isTrue();
    assertThat(tcp(World.withAll(pass, deny, NetpolRulesTest.DENY_INGRESS_X_A), "x/b", "x/a", 80))
        .as("the NetworkPolicy denies")
        .isFalse();
    String baselineDeny =
        cnp("base", "Baseline", 1, pods("x", "a"), ingress("Deny", pods("x", "b")));
    assertThat(tcp(World.withAll(pass, baselineDeny), "x/b", "x/a", 80))
        .as("no NetworkPolicy: on to Baseline")
        .isFalse();
    String baselinePass =
        cnp("base", "Baseline", 1, pods("x", "a"), ingress("Pass", pods("x", "b")));
    assertThat(tcp(World.withAll(baselinePass), "x/b", "x/a", 80))
        .as("Pass at Baseline: the default")
        .isTrue();
  }

  @Test
  void c04_baselineOnlyForPodsNoNetworkPolicyIsolates() {
    String baselineDeny = cnp("base", "Baseline", 1, ALL_PODS, ingress("Deny", ALL_PODS));
    Cluster c = World.withAll(baselineDeny, ALLOW_X_B_TO_X_A);
    assertThat(tcp(c, "x/b", "x/a", 80)).as("x/a is isolated: its NetworkPolicy decides").isTrue();
    assertThat(tcp(c, "x/a", "x/b", 80)).as("x/b is not: Baseline denies").isFalse();
    assertThat(World.verdict(c, "x/a", "x/b", 80).ingress().decidedBy().tier())
        .isEqualTo(ClusterPolicy.Tier.Baseline);
  }

  @Test
  void c05_noDecisionMeansAllowed() {
    Cluster c = World.withAll(cnp("other", "Admin", 1, pods("y", "a"), ingress("Deny", ALL_PODS)));
    assertThat(tcp(c, "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(c, "x/b", "y/a", 80)).isFalse();
  }

  @Test
  void c06_lowerPriorityFirstThenRuleOrder() {
    String accept = cnp("accept", "Admin", 5, pods("x", "a"), ingress("Accept", pods("x", "b")));
    String deny = cnp("deny", "Admin", 9, pods("x", "a"), ingress("Deny", pods("x", "b")));
    assertThat(tcp(World.withAll(accept, deny), "x/b", "x/a", 80)).isTrue();
    String denyFirst = cnp("deny", "Admin", 1, pods("x", "a"), ingress("Deny", pods("x", "b")));
    assertThat(tcp(World.withAll(accept, denyFirst), "x/b", "x/a", 80)).isFalse();
    String ordered =
        cnp(
            "ordered",
            "Admin",
            1,
            pods("x", "a"),
            "ingress: [{action: Accept, from: ["
                + pods("x", "b")
                + "]}, {action: Deny, from: ["
                + ALL_PODS
                + "]}]");
    assertThat(tcp(World.withAll(ordered), "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(World.withAll(ordered), "x/c", "x/a", 80)).isFalse();
  }

  @Test
  void c07_equalPrioritiesAreOrderedByName() {
    String a = cnp("a-accept", "Admin", 5, pods("x", "a"), ingress("Accept", pods("x", "b")));
    String b = cnp("b-deny", "Admin", 5, pods("x", "a"), ingress("Deny", pods("x", "b")));
    assertThat(tcp(World.withAll(b, a), "x/b", "x/a", 80)).isTrue();
    assertThat(World.verdict(World.withAll(a, b), "x/b", "x/a", 80).ingress().decidedBy().policy())
        .isEqualTo("a-accept");
  }

  @Test
  void c08_subjectsByNamespaceOrByNamespaceAndPod() {
    Cluster byNamespace =
        World.withAll(
            cnp(
                "ns",
                "Admin",
                1,
                "{namespaces: {matchLabels: {ns: y}}}",
                ingress("Deny", ALL_PODS)));
    assertThat(tcp(byNamespace, "x/a", "y/b", 80)).isFalse();
    assertThat(tcp(byNamespace, "y/a", "x/b", 80)).isTrue();
    Cluster byPod =
        World.withAll(cnp("pod", "Admin", 1, pods("y", "b"), ingress("Deny", ALL_PODS)));
    assertThat(tcp(byPod, "x/a", "y/b", 80)).isFalse();
    assertThat(tcp(byPod, "x/a", "y/c", 80)).isTrue();
  }

  @Test
  void c09_peersPodsNamespacesAndNetworks() {
    Cluster ns =
        World.withAll(
            cnp(
                "n",
                "Admin",
                1,
                pods("x", "a"),
                ingress("Deny", "{namespaces: {matchLabels: {ns: z}}}")));
    assertThat(tcp(ns, "z/c", "x/a", 80)).isFalse();
    assertThat(tcp(ns, "y/c", "x/a", 80)).isTrue();
    Cluster networks =
        World.withAll(
            cnp(
                "net",
                "Admin",
                1,
                pods("x", "a"),
                egress("Deny", "{networks: [203.0.113.0/24, 10.0.2.0/24]}")));
    assertThat(tcp(networks, "x/a", "203.0.113.9", 443)).as("an address").isFalse();
    assertThat(tcp(networks, "x/a", "198.51.100.1", 443)).isTrue();
    assertThat(tcp(networks, "x/a", "y/b", 80)).as("a pod whose IP is inside (10.0.2.2)").isFalse();
  }

  /** An Admin Deny of everything to x/a on these protocols. */
  private static Cluster denyAllToXaOn(String protocols) {
    return World.withAll(
        cnp(
            "p",
            "Admin",
            1,
            pods("x", "a"),
            "ingress: [{action: Deny, from: [" + ALL_PODS + "], protocols: [" + protocols + "]}]"));
  }

  @Test
  void c10_protocolsNumbersRangesAndNamedPorts() {
    Cluster number = denyAllToXaOn("{tcp: {destinationPort: {number: 80}}}");
    assertThat(tcp(number, "x/b", "x/a", 80)).isFalse();
    assertThat(tcp(number, "x/b", "x/a", 81)).isTrue();
    assertThat(World.allowed(number, "x/b", "x/a", 80, Protocol.UDP)).isTrue();
    Cluster range = denyAllToXaOn("{udp: {destinationPort: {range: {start: 80, end: 81}}}}");
    assertThat(World.allowed(range, "x/b", "x/a", 81, Protocol.UDP)).isFalse();
    assertThat(tcp(range, "x/b", "x/a", 81)).isTrue();
    Cluster named = denyAllToXaOn("{destinationNamedPort: serve-81-tcp}");
    assertThat(tcp(named, "x/b", "x/a", 81)).isFalse();
    assertThat(tcp(named, "x/b", "x/a", 80)).isTrue();
  }

  @Test
  void c11_hostNetworkPodsAreNeitherSubjectsNorPodPeers() {
    String deny = cnp("deny", "Admin", 1, ALL_PODS, ingress("Deny", ALL_PODS));
    Cluster parsed = World.withAll(deny);
    List<Pod> pods = new ArrayList<>(World.pods());
    pods.add(
        new PodBuilder(World.pod("x", "h", "172.16.0.1", "172.16.0.1"))
            .editSpec()
            .withHostNetwork(true)
            .endSpec()
            .build());
    Cluster c =
        Cluster.of(World.namespaces(), pods, List.of())
            .withClusterPolicies(parsed.clusterPolicies());
    assertThat(tcp(c, "x/b", "x/h", 80)).as("not a subject").isTrue();
    assertThat(tcp(c, "x/h", "x/b", 80)).as("not a pod peer").isTrue();
    assertThat(tcp(c, "x/c", "x/b", 80)).isFalse();
  }

  @Test
  void c12_peersOfUnknownKindsFailClosed() {
    Cluster deny = World.withAll(cnp("d", "Admin", 1, pods("x", "a"), ingress("Deny", "{}")));
    assertThat(tcp(deny, "y/b", "x/a", 80)).as("Deny with an unknown peer denies all").isFalse();
    Cluster accept =
        World.withAll(
            NetpolRulesTest.DENY_INGRESS_X_A,
            cnp("a", "Admin", 1, pods("x", "a"), ingress("Accept", "{}")));
    assertThat(tcp(accept, "y/b", "x/a", 80))
        .as("Accept with an unknown peer matches nothing")
        .isFalse();
    Cluster nodes =
        World.withAll(cnp("n", "Admin", 1, pods("x", "a"), egress("Deny", "{nodes: {}}")));
    assertThat(tcp(nodes, "x/a", "y/b", 80))
        .as("nodes peers are not modelled: match nothing")
        .isTrue();
  }

  @Test
  void c13_invalidPoliciesAreRefusedWithTheirFieldPath() {
    assertThatThrownBy(
            () ->
                World.withAll(
                    cnp("bad", "Middle", 1001, "{}", "ingress: [{action: Allow, from: []}]")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "ClusterNetworkPolicy bad: spec.tier: \"Middle\" is not one of [Admin, Baseline]")
        .hasMessageContaining("spec.priority: must be an integer 0-1000")
        .hasMessageContaining("spec.subject: exactly one of namespaces or pods")
        .hasMessageContaining(
            "spec.ingress[0].action: \"Allow\" is not one of [Accept, Deny, Pass]")
        .hasMessageContaining("spec.ingress[0].from: must list 1-25 peers");
  }
}
