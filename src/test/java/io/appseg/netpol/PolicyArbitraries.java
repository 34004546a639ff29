package io.appseg.netpol;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random valid policies over the {@link World}, built from the shapes
 * docs/networkpolicy-semantics.md discusses.
 */
final class PolicyArbitraries {
  private PolicyArbitraries() {}

  /** A policy without name; {@link #named} gives names. */
  static Arbitrary<NetworkPolicy> policy(List<String> namespaces, List<List<String>> typeChoices) {
    return Combinators.combine(
            Arbitraries.of(namespaces),
            selector("pod"),
            Arbitraries.of(typeChoices),
            rules(),
            rules())
        .as(
            (ns, selector, types, in, out) ->
                new NetworkPolicyBuilder()
                    .withNewMetadata()
                    .withNamespace(ns)
                    .withName("unnamed")
                    .endMetadata()
                    .withNewSpec()
                    .withPodSelector(selector)
                    .withPolicyTypes(types)
                    .withIngress(
                        in.stream()
                            .map(r -> new NetworkPolicyIngressRule(r.peers(), r.ports()))
                            .toList())
                    .withEgress(
                        out.stream()
                            .map(r -> new NetworkPolicyEgressRule(r.ports(), r.peers()))
                            .toList())
                    .endSpec()
                    .build());
  }

  static Arbitrary<List<NetworkPolicy>> policies(
      List<String> namespaces, List<List<String>> typeChoices, int max) {
    return policy(namespaces, typeChoices).list().ofMaxSize(max).map(PolicyArbitraries::named);
  }

  static final List<List<String>> ANY_TYPES =
      List.of(List.of(), List.of("Ingress"), List.of("Egress"), List.of("Ingress", "Egress"));

  static List<NetworkPolicy> named(List<NetworkPolicy> policies) {
    List<NetworkPolicy> out = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      out.add(
          new NetworkPolicyBuilder(policies.get(i))
              .editMetadata()
              .withName("p" + i)
              .endMetadata()
              .build());
    }
    return out;
  }

  record Rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {}

  private static Arbitrary<List<Rule>> rules() {
    Arbitrary<Rule> rule =
        Combinators.combine(peer().list().ofMaxSize(2), port().list().ofMaxSize(2)).as(Rule::new);
    return rule.list().ofMaxSize(2);
  }

  private static Arbitrary<LabelSelector> selector(String key) {
    return Arbitraries.oneOf(
        Arbitraries.just(new LabelSelector()),
        Arbitraries.of("a", "b", "c", "x", "y", "z")
            .map(v -> new LabelSelectorBuilder().addToMatchLabels(key, v).build()),
        Arbitraries.of("a", "b", "x")
            .map(
                v ->
                    new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey(key)
                        .withOperator("NotIn")
                        .withValues(v)
                        .endMatchExpression()
                        .build()),
        Arbitraries.of("Exists", "DoesNotExist")
            .map(
                op ->
                    new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey(key)
                        .withOperator(op)
                        .endMatchExpression()
                        .build()));
  }

  private static Arbitrary<NetworkPolicyPeer> peer() {
    return Arbitraries.oneOf(
        selector("pod").map(s -> new NetworkPolicyPeerBuilder().withPodSelector(s).build()),
        selector("ns").map(s -> new NetworkPolicyPeerBuilder().withNamespaceSelector(s).build()),
        Combinators.combine(selector("ns"), selector("pod"))
            .as(
                (n, p) ->
                    new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(n)
                        .withPodSelector(p)
                        .build()),
        Arbitraries.of(
                "10.0.0.0/16|10.0.2.0/24", "10.0.1.0/24|", "0.0.0.0/0|10.0.0.0/8", "10.0.3.2/32|")
            .map(
                s ->
                    new NetworkPolicyPeerBuilder()
                        .withNewIpBlock()
                        .withCidr(s.split("\\|")[0])
                        .withExcept(s.endsWith("|") ? List.of() : List.of(s.split("\\|")[1]))
                        .endIpBlock()
                        .build()));
  }

  private static Arbitrary<NetworkPolicyPort> port() {
    return Arbitraries.of(
        port(80, null, null),
        port(81, null, "UDP"),
        port(null, null, "UDP"),
        port("serve-80-tcp", null, null),
        port("serve-81-udp", null, "UDP"),
        port(80, 81, null),
        port(null, null, "SCTP"),
        port(9999, null, "TCP"));
  }

  private static NetworkPolicyPort port(Object port, Integer endPort, String protocol) {
    IntOrString p =
        port == null
            ? null
            : port instanceof Integer i ? new IntOrString(i) : new IntOrString((String) port);
    return new NetworkPolicyPort(endPort, p, protocol);
  }
}
