package io.appseg.netpol;

import static io.appseg.netpol.NetpolRulesTest.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictAndMatrixTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Cluster cluster =
      World.with(
          policy("x", "deny", "{podSelector: {}, policyTypes: [Ingress, Egress]}"),
          policy(
              "x",
              "web",
              """
          {podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress],
           ingress: [{from: [{podSelector: {matchLabels: {pod: c}}}]},
                     {from: [{ipBlock: {cidr: 10.9.0.0/16}}, {podSelector: {matchLabels: {pod: b}}}], ports: [{port: 81}, {port: 80}]}]}"""),
          policy(
              "x",
              "out",
              "{podSelector: {matchLabels: {pod: b}}, policyTypes: [Egress], egress: [{}]}"));

  @Test
  void explanationNamesIsolatingPoliciesAndTheAdmittingRulePeerAndPort() {
    Verdict v = World.verdict(cluster, "x/b", "x/a", 80);
    assertThat(v.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(v.egress().policies())
        .containsExactly(new PolicyRef("x", "deny"), new PolicyRef("x", "out"));
    assertThat(v.egress().admittedBy())
        .containsExactly(new RuleRef(new PolicyRef("x", "out"), Direction.EGRESS, 0, null, null));
    assertThat(v.ingress().admittedBy())
        .containsExactly(new RuleRef(new PolicyRef("x", "web"), Direction.INGRESS, 1, 1, 1));
    assertThat(v.summary()).contains("x/web ingress[1] from[1] ports[1]");
  }

  @Test
  void explanationSaysWhenNoRuleAdmits() {
    Verdict v = World.verdict(cluster, "x/c", "x/b", 80);
    assertThat(v.decision()).isEqualTo(Decision.DENIED);
    assertThat(v.egress().allowed()).as("x/c egress isolated by deny").isFalse();
    assertThat(v.ingress().isolated()).isTrue();
    assertThat(v.ingress().admittedBy()).isEmpty();
    assertThat(v.ingress().explanation())
        .contains("isolated by [x/deny]")
        .contains("no rule admits it");
  }

  @Test
  void verdictSerialisesToPlainJson() throws Exception {
    JsonNode json =
        JSON.readTree(JSON.writeValueAsString(World.verdict(cluster, "x/b", "x/a", 80)));
    assertThat(json.path("decision").asText()).isEqualTo("ALLOWED");
    assertThat(json.path("connection").path("source").path("namespace").asText()).isEqualTo("x");
    assertThat(json.path("connection").path("source").has("ip")).isFalse();
    assertThat(json.path("connection").path("port").path("number").asInt()).isEqualTo(80);
    assertThat(json.path("ingress").path("admittedBy").get(0).path("policy").path("name").asText())
        .isEqualTo("web");
    assertThat(json.path("egress").path("admittedBy").get(0).has("peer"))
        .as("null peer index omitted")
        .isFalse();
    Verdict back =
        JSON.readValue(
            JSON.writeValueAsString(World.verdict(cluster, "x/b", "x/a", 80)), Verdict.class);
    assertThat(back).isEqualTo(World.verdict(cluster, "x/b", "x/a", 80));
  }

  @Test
  void matrixAgreesWithEvaluateOffTheDiagonal() {
    Matrix m = NetworkPolicyEvaluator.matrix(cluster, Port.of(80), Protocol.TCP);
    assertThat(m.pods()).hasSize(9);
    for (int i = 0; i < 9; i++) {
      for (int j = 0; j < 9; j++) {
        if (i != j) {
          Connection c = Connection.tcp(m.pods().get(i), m.pods().get(j), 80);
          assertThat(m.allowed(i, j))
              .as(c.toString())
              .isEqualTo(NetworkPolicyEvaluator.evaluate(cluster, c).allowed());
        }
      }
    }
    assertThat(m.allowed(Endpoint.parse("x/b"), Endpoint.parse("x/a"))).isTrue();
    assertThat(m.allowed(Endpoint.parse("x/c"), Endpoint.parse("x/a"))).isFalse();
  }

  @Test
  void matrixWithANamedPortMarksDestinationsWithoutIt() {
    var pods = new java.util.ArrayList<>(World.pods());
    pods.add(
        new io.fabric8.kubernetes.api.model.PodBuilder(
                World.pod("y", "n", "10.0.2.9", "172.16.0.2"))
            .editSpec()
            .editFirstContainer()
            .withPorts(List.of())
            .endContainer()
            .endSpec()
            .build());
    Cluster c = Cluster.of(World.namespaces(), pods, List.of());
    List<Endpoint> some = List.of(Endpoint.parse("x/a"), Endpoint.parse("y/n"));
    Matrix m = NetworkPolicyEvaluator.matrix(c, some, Port.named("serve-81-udp"), Protocol.UDP);
    assertThat(m.allowed(1, 0)).isTrue();
    assertThat(m.allowed(0, 1)).isFalse();
    assertThat(m.notes()).containsExactly("y/n has no UDP container port named 'serve-81-udp'");
    assertThatThrownBy(
            () ->
                NetworkPolicyEvaluator.evaluate(
                    c,
                    new Connection(
                        some.get(0), some.get(1), Port.named("serve-81-udp"), Protocol.UDP)))
        .hasMessageContaining("no UDP container port named");
  }

  /**
   * Large tables take the bit-set path (Reachability); every 37th cell is checked against a single
   * question.
   */
  @Test
  void matrixOfHundredsOfPodsAgreesWithSingleQuestions() {
    var pods = new java.util.ArrayList<io.fabric8.kubernetes.api.model.Pod>();
    for (int i = 0; i < 600; i++) {
      String ns = World.NAMESPACES.get(i % 3);
      pods.add(
          new io.fabric8.kubernetes.api.model.PodBuilder(
                  World.pod(ns, "p" + i, "10.1." + i / 250 + "." + i % 250, "172.16.0.1"))
              .editMetadata()
              .addToLabels("pod", World.PODS.get(i % 3 == 0 ? 0 : i % 2 + 1))
              .endMetadata()
              .build());
    }
    Cluster big = Cluster.of(World.namespaces(), pods, cluster.policies());
    Matrix m = NetworkPolicyEvaluator.matrix(big, Port.of(80), Protocol.TCP);
    assertThat(m.pods()).hasSize(600);
    int allowed = 0;
    for (int cell = 0; cell < 600 * 600; cell += 37) {
      int i = cell / 600;
      int j = cell % 600;
      boolean single =
          NetworkPolicyEvaluator.allows(
              big, Connection.of(m.pods().get(i), m.pods().get(j), 80, Protocol.TCP));
      assertThat(m.allowed(i, j))
          .as("%s -> %s", m.pods().get(i), m.pods().get(j))
          .isEqualTo(single);
      allowed += single ? 1 : 0;
    }
    assertThat(allowed)
        .as("the sample holds allowed and denied cells")
        .isPositive()
        .isLessThan(600 * 600 / 37);
  }

  @Test
  void unknownPodsAndBadAddressesAreClearErrors() {
    assertThatThrownBy(() -> World.verdict(cluster, "x/nope", "x/a", 80))
        .hasMessage("unknown pod x/nope");
    assertThatThrownBy(() -> Endpoint.parse("10.0.0.300"))
        .hasMessageContaining("is not an IP address");
    assertThatThrownBy(() -> Endpoint.parse("10.0.0.0/8"))
        .hasMessageContaining("is not an IP address");
    assertThat(Endpoint.parse("shop/web-1.example"))
        .isEqualTo(Endpoint.pod("shop", "web-1.example"));
    assertThat(Endpoint.parse("2001:db8::1")).isEqualTo(Endpoint.ip("2001:db8::1"));
    assertThatThrownBy(
            () ->
                NetworkPolicyEvaluator.evaluate(
                    cluster,
                    new Connection(
                        Endpoint.parse("x/a"),
                        Endpoint.parse("1.2.3.4"),
                        Port.named("http"),
                        Protocol.TCP)))
        .hasMessageContaining("cannot be resolved");
  }
}
