package io.appseg.netpol;

import static io.appseg.netpol.World.allowed;
import static io.appseg.netpol.World.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * One test per rule R01-R22 of docs/networkpolicy-semantics.md, each with cases on both sides of
 * the rule.
 */
class NetpolRulesTest {
  static final String DENY_INGRESS_X_A =
      """
      {kind: NetworkPolicy, apiVersion: networking.k8s.io/v1, metadata: {name: deny-a, namespace: x},
       spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress]}}""";
  static final String DENY_EGRESS_X_A =
      """
      {kind: NetworkPolicy, apiVersion: networking.k8s.io/v1, metadata: {name: deny-egress-a, namespace: x},
       spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress]}}""";

  static String policy(String ns, String name, String spec) {
    return "{kind: NetworkPolicy, apiVersion: networking.k8s.io/v1, metadata: {name: "
        + name
        + ", namespace: "
        + ns
        + "}, spec: "
        + spec
        + "}";
  }

  @Test
  void r01_isolationIsPerDirectionAndOnlyForSelectedPods() {
    assertThat(tcp(World.with(), "x/b", "x/a", 80)).as("no policies: all allowed").isTrue();
    Cluster c = World.with(DENY_INGRESS_X_A);
    assertThat(tcp(c, "x/b", "x/a", 80)).as("ingress-isolated").isFalse();
    assertThat(tcp(c, "x/a", "x/b", 80)).as("egress of x/a stays open").isTrue();
    assertThat(tcp(c, "x/b", "x/c", 80)).as("x/c not selected").isTrue();
    Verdict v = World.verdict(c, "x/a", "x/b", 80);
    assertThat(v.egress().isolated()).isFalse();
    assertThat(World.verdict(c, "x/b", "x/a", 80).ingress().isolated()).isTrue();
    Cluster none =
        World.with(
            policy(
                "x",
                "nobody",
                "{podSelector: {matchLabels: {pod: nobody}}, policyTypes: [Ingress, Egress]}"));
    assertThat(tcp(none, "x/b", "x/a", 80)).as("a policy selecting no pod has no effect").isTrue();
  }

  @Test
  void r02_allowRulesAreAdditiveAndTheFirstSelectingPolicyIsolates() {
    String allowB =
        policy(
            "x",
            "allow-b",
            "{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]}");
    String allowAll = policy("x", "allow-all", "{podSelector: {}, ingress: [{}]}");
    Cluster first = World.with(allowB);
    assertThat(tcp(first, "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(first, "x/c", "x/a", 80)).as("the first allow policy isolates").isFalse();
    Cluster both = World.with(DENY_INGRESS_X_A, allowB, allowAll);
    assertThat(tcp(both, "x/c", "x/a", 80)).as("allow-all wins over a restrictive policy").isTrue();
    Cluster reversed = World.with(allowAll, allowB, DENY_INGRESS_X_A);
    assertThat(World.verdict(reversed, "x/c", "x/a", 80).decision())
        .isEqualTo(World.verdict(both, "x/c", "x/a", 80).decision());
  }

  @Test
  void r03_bothEndsMustAllowAndExternalPeersOnlyTheirPodSide() {
    String allowAllIngress = policy("x", "open", "{podSelector: {}, ingress: [{}]}");
    Cluster c = World.with(DENY_EGRESS_X_A, allowAllIngress);
    Verdict v = World.verdict(c, "x/a", "x/b", 80);
    assertThat(v.allowed()).as("egress of the client denies though the server allows").isFalse();
    assertThat(v.egress().allowed()).isFalse();
    assertThat(v.ingress().allowed()).isTrue();
    assertThat(tcp(c, "x/b", "x/c", 80)).isTrue();
    Cluster denyIn = World.with(DENY_INGRESS_X_A);
    assertThat(tcp(denyIn, "x/b", "x/a", 80)).as("server side denies").isFalse();
    assertThat(tcp(denyIn, "192.168.1.1", "x/b", 80))
        .as("external source: only the pod side")
        .isTrue();
    assertThat(tcp(denyIn, "192.168.1.1", "x/a", 80)).isFalse();
    assertThat(tcp(c, "x/a", "192.168.1.1", 80)).isFalse();
    assertThat(World.verdict(denyIn, "x/a", "192.168.1.1", 80).ingress().isolated())
        .as("an IP is never isolated")
        .isFalse();
  }

  @Test
  void r04_policyTypesDefaultToIngressPlusEgressOnlyWithEgressRules() {
    Cluster egressRules =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, egress: [{to: [{podSelector: {matchLabels: {pod: b}}}]}]}"));
    assertThat(tcp(egressRules, "x/a", "x/b", 80)).isTrue();
    assertThat(tcp(egressRules, "x/a", "x/c", 80))
        .as("egress rules present: Egress defaulted in")
        .isFalse();
    assertThat(tcp(egressRules, "x/b", "x/a", 80))
        .as("a policy written for egress still isolates ingress")
        .isFalse();
    Cluster emptyEgress =
        World.with(policy("x", "p", "{podSelector: {matchLabels: {pod: a}}, egress: []}"));
    assertThat(tcp(emptyEgress, "x/a", "x/c", 80))
        .as("egress: [] without policyTypes is not deny-egress")
        .isTrue();
    assertThat(tcp(emptyEgress, "x/b", "x/a", 80)).isFalse();
    Cluster explicit =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress, Egress], egress: []}"));
    assertThat(tcp(explicit, "x/a", "x/c", 80))
        .as("explicit Egress with no rules denies")
        .isFalse();
  }

  @Test
  void r05_emptyOrAbsentPodSelectorSelectsAllPodsOfThePolicyNamespaceOnly() {
    for (String spec :
        new String[] {"{podSelector: {}, policyTypes: [Ingress]}", "{policyTypes: [Ingress]}"}) {
      Cluster c = World.with(policy("x", "deny", spec));
      assertThat(tcp(c, "y/a", "x/a", 80)).isFalse();
      assertThat(tcp(c, "y/a", "x/c", 80)).isFalse();
      assertThat(tcp(c, "x/a", "y/b", 80)).as("y is untouched").isTrue();
    }
  }

  @Test
  void r06_emptyRuleListDeniesButOneEmptyRuleAllowsEverything() {
    Cluster emptyList =
        World.with(policy("x", "p", "{podSelector: {}, policyTypes: [Ingress], ingress: []}"));
    Cluster absent = World.with(policy("x", "p", "{podSelector: {}, policyTypes: [Ingress]}"));
    Cluster emptyRule =
        World.with(policy("x", "p", "{podSelector: {}, policyTypes: [Ingress], ingress: [{}]}"));
    assertThat(tcp(emptyList, "x/b", "x/a", 80)).isFalse();
    assertThat(tcp(absent, "x/b", "x/a", 80)).isFalse();
    assertThat(tcp(emptyRule, "y/b", "x/a", 80)).isTrue();
    assertThat(allowed(emptyRule, "203.0.113.9", "x/a", 4242, Protocol.UDP))
        .as("external IPs too")
        .isTrue();
  }

  @Test
  void r07_absentOrEmptyFromMatchesEveryPodAndEveryAddress() {
    for (String rule : new String[] {"{ports: [{port: 80}]}", "{from: [], ports: [{port: 80}]}"}) {
      Cluster c =
          World.with(
              policy("x", "p", "{podSelector: {matchLabels: {pod: a}}, ingress: [" + rule + "]}"));
      assertThat(tcp(c, "z/c", "x/a", 80)).isTrue();
      assertThat(tcp(c, "198.51.100.7", "x/a", 80)).isTrue();
      assertThat(tcp(c, "z/c", "x/a", 81)).as("ports still apply").isFalse();
    }
    assertThatThrownBy(
            () -> World.with(policy("x", "p", "{podSelector: {}, ingress: [{from: [{}]}]}")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("spec.ingress[0].from[0]: must specify a peer");
  }

  @Test
  void r08_podSelectorOnlyPeerMeansThePolicyNamespace() {
    Cluster in =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]}"));
    assertThat(tcp(in, "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(in, "y/b", "x/a", 80)).as("same labels, other namespace").isFalse();
    Cluster out =
        World.with(
            policy(
                "y",
                "p",
                "{podSelector: {}, policyTypes: [Egress], egress: [{to: [{podSelector: {}}]}]}"));
    assertThat(tcp(out, "y/a", "y/c", 80)).isTrue();
    assertThat(tcp(out, "y/a", "x/c", 80))
        .as("the policy's namespace, not the destination's")
        .isFalse();
  }

  @Test
  void r09_namespaceSelectorOnlyPeerMeansAllPodsOfMatchingNamespacesButNoAddresses() {
    Cluster y =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {ns: y}}}]}]}"));
    assertThat(tcp(y, "y/c", "x/a", 80)).isTrue();
    assertThat(tcp(y, "x/b", "x/a", 80)).isFalse();
    Cluster all =
        World.with(
            policy("x", "p", "{podSelector: {}, ingress: [{from: [{namespaceSelector: {}}]}]}"));
    assertThat(tcp(all, "x/b", "x/a", 80)).as("{} includes the policy's own namespace").isTrue();
    assertThat(tcp(all, "z/b", "x/a", 80)).isTrue();
    assertThat(tcp(all, "10.0.2.2", "x/a", 80)).as("never an address, even a pod's IP").isFalse();
    Cluster byName =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: z}}}]}]}"));
    assertThat(tcp(byName, "z/a", "x/a", 80))
        .as("metadata.name label set by the control plane")
        .isTrue();
    assertThat(tcp(byName, "y/a", "x/a", 80)).isFalse();
  }

  @Test
  void r10_selectorsInOneElementAreAndedSeparateElementsOred() {
    Cluster and =
        World.with(
            policy(
                "x",
                "p",
                """
        {podSelector: {matchLabels: {pod: a}}, ingress: [{from: [
          {namespaceSelector: {matchLabels: {ns: y}}, podSelector: {matchLabels: {pod: b}}}]}]}"""));
    assertThat(tcp(and, "y/b", "x/a", 80)).isTrue();
    assertThat(tcp(and, "y/c", "x/a", 80)).isFalse();
    assertThat(tcp(and, "x/b", "x/a", 80)).isFalse();
    Cluster or =
        World.with(
            policy(
                "x",
                "p",
                """
        {podSelector: {matchLabels: {pod: a}}, ingress: [{from: [
          {namespaceSelector: {matchLabels: {ns: y}}}, {podSelector: {matchLabels: {pod: b}}}]}]}"""));
    assertThat(tcp(or, "y/c", "x/a", 80)).isTrue();
    assertThat(tcp(or, "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(or, "z/b", "x/a", 80)).isFalse();
    Cluster everyPod =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {}, ingress: [{from: [{podSelector: {}, namespaceSelector: {}}]}]}"));
    assertThat(tcp(everyPod, "z/c", "x/a", 80)).isTrue();
    assertThat(tcp(everyPod, "8.8.8.8", "x/a", 80)).isFalse();
  }

  @Test
  void r11_ipBlockMatchesInsideCidrOutsideItsOwnExceptsIncludingPodIps() {
    Cluster c =
        World.with(
            policy(
                "x",
                "p",
                """
        {podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.2.0/24]}}]}]}"""));
    assertThat(tcp(c, "y/a", "x/a", 80)).as("excepted pod IP").isFalse();
    assertThat(tcp(c, "z/a", "x/a", 80)).as("pod IPs are matched").isTrue();
    assertThat(tcp(c, "10.0.9.9", "x/a", 80)).isTrue();
    assertThat(tcp(c, "10.1.0.1", "x/a", 80)).isFalse();
    assertThat(tcp(c, "::ffff:a00:909", "x/a", 80)).as("IPv4 block, IPv6 address").isFalse();
    Cluster union =
        World.with(
            policy(
                "x",
                "p",
                """
        {podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.2.0/24]}},
          {ipBlock: {cidr: 10.0.2.1/32}}]}]}"""));
    assertThat(tcp(union, "y/a", "x/a", 80)).as("except is local to its peer").isTrue();
    assertThat(tcp(union, "y/b", "x/a", 80)).isFalse();
    Cluster sloppy =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.3.7/24}}]}]}"));
    assertThat(tcp(sloppy, "z/c", "x/a", 80)).as("host bits are dropped").isTrue();
    assertThatThrownBy(
            () ->
                World.with(
                    policy(
                        "x",
                        "p",
                        "{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]}]}")))
        .hasMessageContaining("must be a strict subset of cidr");
  }

  @Test
  void r12_portsDefaultToTcpAreOredAndCrossedWithPeersPerRule() {
    Cluster dns =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: 53}]}]}"));
    assertThat(allowed(dns, "x/b", "x/a", 53, Protocol.TCP)).isTrue();
    assertThat(allowed(dns, "x/b", "x/a", 53, Protocol.UDP))
        .as("port without protocol is TCP only")
        .isFalse();
    Cluster udp =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{protocol: UDP}]}]}"));
    assertThat(allowed(udp, "x/b", "x/a", 9999, Protocol.UDP)).isTrue();
    assertThat(allowed(udp, "x/b", "x/a", 80, Protocol.TCP))
        .as("UDP-only rule does not admit TCP")
        .isFalse();
    Cluster rules =
        World.with(
            policy(
                "x",
                "p",
                """
        {podSelector: {matchLabels: {pod: a}}, ingress: [
          {from: [{podSelector: {matchLabels: {pod: b}}}], ports: [{port: 80}]},
          {from: [{podSelector: {matchLabels: {pod: c}}}], ports: [{port: 81}, {port: 82}]}]}"""));
    assertThat(tcp(rules, "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(rules, "x/c", "x/a", 82)).isTrue();
    assertThat(tcp(rules, "x/b", "x/a", 81)).as("rules are never merged").isFalse();
    assertThat(tcp(rules, "x/c", "x/a", 80)).isFalse();
  }

  @Test
  void r13_namedPortsResolveOnTheDestinationPodWithItsProtocol() {
    Cluster egress =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress], egress: [{ports: [{port: serve-81-tcp}]}]}"));
    assertThat(tcp(egress, "x/a", "y/b", 81))
        .as("egress name resolved on the destination")
        .isTrue();
    assertThat(tcp(egress, "x/a", "y/b", 80)).isFalse();
    assertThat(tcp(egress, "x/a", "192.0.2.1", 81)).as("an address has no named ports").isFalse();
    assertThat(allowed(egress, "x/a", "y/b", Port.named("serve-81-tcp"), Protocol.TCP)).isTrue();
    Cluster wrongProtocol =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: serve-80-udp}]}]}"));
    assertThat(allowed(wrongProtocol, "x/b", "x/a", 80, Protocol.UDP))
        .as("defaulted TCP != the port's UDP")
        .isFalse();
    assertThat(allowed(wrongProtocol, "x/b", "x/a", 80, Protocol.TCP)).isFalse();
    Cluster rightProtocol =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: serve-80-udp, protocol: UDP}]}]}"));
    assertThat(allowed(rightProtocol, "x/b", "x/a", 80, Protocol.UDP)).isTrue();
    assertThat(allowed(rightProtocol, "192.0.2.1", "x/a", 80, Protocol.UDP))
        .as("ingress from an address: the pod resolves it")
        .isTrue();
    assertThat(allowed(rightProtocol, "192.0.2.1", "x/a", 81, Protocol.UDP)).isFalse();
    Cluster missing =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: metrics}]}]}"));
    assertThat(tcp(missing, "x/b", "x/a", 80))
        .as("a pod without the name stays isolated, no port open")
        .isFalse();
    assertThat(tcp(missing, "x/b", "x/a", 9090)).isFalse();
  }

  @Test
  void r14_endPortGivesAnInclusiveRangeWithTheProtocol() {
    Cluster c =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: 80, endPort: 82}]}]}"));
    assertThat(tcp(c, "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(c, "x/b", "x/a", 82)).isTrue();
    assertThat(tcp(c, "x/b", "x/a", 79)).isFalse();
    assertThat(tcp(c, "x/b", "x/a", 83)).isFalse();
    assertThat(allowed(c, "x/b", "x/a", 81, Protocol.UDP)).isFalse();
    Cluster single =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: 80, endPort: 80}]}]}"));
    assertThat(tcp(single, "x/b", "x/a", 80)).isTrue();
    assertThat(tcp(single, "x/b", "x/a", 81)).isFalse();
    assertThatThrownBy(
            () ->
                World.with(
                    policy(
                        "x",
                        "p",
                        "{podSelector: {}, ingress: [{ports: [{port: 80, endPort: 79}]}]}")))
        .hasMessageContaining("endPort");
  }

  @Test
  void r15_sctpIsItsOwnProtocolAndAnSctpPolicyStillIsolates() {
    Cluster c =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: 80, protocol: SCTP}]}]}"));
    assertThat(allowed(c, "x/b", "x/a", 80, Protocol.SCTP)).isTrue();
    assertThat(allowed(c, "x/b", "x/a", 80, Protocol.TCP)).isFalse();
    assertThat(allowed(c, "x/b", "x/a", 81, Protocol.SCTP)).isFalse();
    Cluster all =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{protocol: SCTP}]}]}"));
    assertThat(allowed(all, "x/b", "x/a", 5000, Protocol.SCTP)).isTrue();
    assertThat(allowed(all, "x/b", "x/a", 5000, Protocol.UDP)).isFalse();
  }

  @Test
  void r16_labelSelectorOperatorsAndMissingKeys() {
    String spec =
        "{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {matchExpressions: [%s]}}]}]}";
    Cluster notIn =
        World.with(policy("x", "p", spec.formatted("{key: tier, operator: NotIn, values: [db]}")));
    assertThat(tcp(notIn, "x/b", "x/a", 80)).as("NotIn matches a missing key").isTrue();
    Cluster notInPod =
        World.with(policy("x", "p", spec.formatted("{key: pod, operator: NotIn, values: [b]}")));
    assertThat(tcp(notInPod, "x/b", "x/a", 80)).isFalse();
    assertThat(tcp(notInPod, "x/c", "x/a", 80)).isTrue();
    Cluster in =
        World.with(policy("x", "p", spec.formatted("{key: tier, operator: In, values: [db]}")));
    assertThat(tcp(in, "x/b", "x/a", 80)).as("In needs the key").isFalse();
    Cluster exists = World.with(policy("x", "p", spec.formatted("{key: pod, operator: Exists}")));
    assertThat(tcp(exists, "x/b", "x/a", 80)).isTrue();
    Cluster doesNotExist =
        World.with(policy("x", "p", spec.formatted("{key: pod, operator: DoesNotExist}")));
    assertThat(tcp(doesNotExist, "x/b", "x/a", 80)).isFalse();
    Cluster noTier =
        World.with(policy("x", "p", spec.formatted("{key: tier, operator: DoesNotExist}")));
    assertThat(tcp(noTier, "x/b", "x/a", 80)).isTrue();
    Cluster allPairs =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {matchLabels: {pod: b, pod2: updated}}}]}]}"));
    assertThat(tcp(allPairs, "x/b", "x/a", 80)).as("matchLabels needs every pair").isFalse();
  }

  @Test
  void r17_podToItselfIsUndefinedAndReportedAllowedWithACaveat() {
    Cluster c = World.with(DENY_INGRESS_X_A, DENY_EGRESS_X_A);
    Verdict self = World.verdict(c, "x/a", "x/a", 80);
    assertThat(self.allowed()).isTrue();
    assertThat(self.caveats()).containsExactly(Caveat.LOOPBACK);
    assertThat(NetworkPolicyEvaluator.allows(c, self.connection())).isTrue();
    assertThat(self.ingress().allowed()).as("the sides still say what the policies say").isFalse();
    Verdict other = World.verdict(c, "x/b", "x/a", 80);
    assertThat(other.allowed()).isFalse();
    assertThat(other.caveats()).isEmpty();
    assertThat(
            NetworkPolicyEvaluator.matrix(c, Port.of(80), Protocol.TCP)
                .allowed(Endpoint.parse("x/a"), Endpoint.parse("x/a")))
        .isTrue();
  }

  @Test
  void r18_hostNetworkPodsAreFlaggedAndEvaluatedLikePods() {
    var pods = new java.util.ArrayList<>(World.pods());
    pods.add(
        new io.fabric8.kubernetes.api.model.PodBuilder(
                World.pod("x", "h", "172.16.0.1", "172.16.0.1"))
            .editSpec()
            .withHostNetwork(true)
            .endSpec()
            .build());
    Cluster c = Cluster.of(World.namespaces(), pods, World.policies(DENY_INGRESS_X_A));
    Verdict toHost = World.verdict(c, "x/b", "x/h", 80);
    assertThat(toHost.caveats()).containsExactly(Caveat.HOST_NETWORK);
    Verdict fromHost = World.verdict(c, "x/h", "x/a", 80);
    assertThat(fromHost.caveats()).containsExactly(Caveat.HOST_NETWORK);
    assertThat(fromHost.allowed()).as("evaluated as a pod: x/a is isolated").isFalse();
    assertThat(World.verdict(c, "x/b", "x/c", 80).caveats()).isEmpty();
  }

  @Test
  void r19_trafficBetweenAPodAndItsNodeIsAlwaysAllowed() {
    Cluster c = World.with(DENY_INGRESS_X_A, DENY_EGRESS_X_A);
    Verdict fromNode = World.verdict(c, "172.16.0.1", "x/a", 80);
    assertThat(fromNode.allowed()).isTrue();
    assertThat(fromNode.caveats()).containsExactly(Caveat.NODE_LOCAL);
    assertThat(tcp(c, "x/a", "172.16.0.1", 80)).isTrue();
    assertThat(tcp(c, "172.16.0.2", "x/a", 80)).as("another node is not special").isFalse();
    assertThat(tcp(c, "x/a", "172.16.0.2", 80)).isFalse();
  }

  @Test
  void r20_connectionsNotPacketsTheServersEgressDoesNotBlockReplies() {
    Cluster c = World.with(DENY_EGRESS_X_A);
    assertThat(tcp(c, "x/b", "x/a", 80))
        .as("replies of an allowed connection are implied")
        .isTrue();
    assertThat(tcp(c, "x/a", "x/b", 80)).as("but x/a cannot open connections").isFalse();
  }

  @Test
  void r21_aPolicyOnlyGovernsPodsOfItsOwnNamespace() {
    Cluster c =
        World.with(policy("x", "deny-all", "{podSelector: {}, policyTypes: [Ingress, Egress]}"));
    assertThat(tcp(c, "y/b", "y/a", 80)).as("same labels in y are not selected").isTrue();
    assertThat(tcp(c, "y/b", "x/a", 80)).isFalse();
    assertThat(tcp(c, "x/a", "y/b", 80)).isFalse();
    Cluster yOnly =
        World.with(
            policy(
                "y",
                "egress-only-to-x",
                "{podSelector: {}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: {matchLabels: {ns: x}}}]}]}"));
    assertThat(tcp(yOnly, "z/a", "y/a", 80))
        .as("y's egress policy does not govern y's ingress")
        .isTrue();
    assertThat(tcp(yOnly, "y/a", "z/a", 80)).isFalse();
    assertThat(tcp(yOnly, "y/a", "x/a", 80)).isTrue();
  }

  @Test
  void r22_rulesOfADirectionMissingFromExplicitPolicyTypesAreInert() {
    Cluster egressOnly =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress], ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]}"));
    assertThat(tcp(egressOnly, "x/c", "x/a", 80)).as("ingress rules inert: not isolated").isTrue();
    assertThat(tcp(egressOnly, "x/a", "x/c", 80)).as("Egress listed, no egress rules").isFalse();
    Cluster ingressOnly =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress], egress: [{to: [{podSelector: {matchLabels: {pod: b}}}]}]}"));
    assertThat(tcp(ingressOnly, "x/a", "x/c", 80)).isTrue();
    Cluster both =
        World.with(
            policy(
                "x",
                "p",
                "{podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress, Egress], egress: [{to: [{podSelector: {matchLabels: {pod: b}}}]}]}"));
    assertThat(tcp(both, "x/a", "x/c", 80)).isFalse();
    assertThat(tcp(both, "x/a", "x/b", 80)).isTrue();
  }
}
