package io.appseg.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties the rules of docs/networkpolicy-semantics.md imply for every set of policies. */
class NetpolPropertiesTest {
  private static final List<Connection> PROBE_PORTS =
      List.of(
          probe(80, Protocol.TCP),
          probe(81, Protocol.TCP),
          probe(80, Protocol.UDP),
          probe(81, Protocol.UDP),
          probe(80, Protocol.SCTP),
          probe(9999, Protocol.TCP));

  private static Connection probe(int port, Protocol protocol) {
    return Connection.of(Endpoint.parse("x/a"), Endpoint.parse("x/b"), port, protocol);
  }

  @Provide
  Arbitrary<List<NetworkPolicy>> policies() {
    return PolicyArbitraries.policies(World.NAMESPACES, PolicyArbitraries.ANY_TYPES, 4);
  }

  @Provide
  Arbitrary<List<NetworkPolicy>> policiesInXAndY() {
    return PolicyArbitraries.policies(List.of("x", "y"), PolicyArbitraries.ANY_TYPES, 4);
  }

  @Provide
  Arbitrary<NetworkPolicy> onePolicy() {
    return PolicyArbitraries.policy(World.NAMESPACES, PolicyArbitraries.ANY_TYPES)
        .map(
            p ->
                new NetworkPolicyBuilder(p).editMetadata().withName("added").endMetadata().build());
  }

  @Provide
  Arbitrary<NetworkPolicy> explicitTypesPolicy() {
    return PolicyArbitraries.policy(
        World.NAMESPACES,
        List.of(List.of("Ingress"), List.of("Egress"), List.of("Ingress", "Egress")));
  }

  /** R02: once both ends are isolated for their direction, another policy can only open traffic. */
  @Property(tries = 60)
  void addingAPolicyNeverClosesAConnectionBetweenAlreadyIsolatedEnds(
      @ForAll("policies") List<NetworkPolicy> base, @ForAll("onePolicy") NetworkPolicy added) {
    Cluster before = Cluster.of(World.namespaces(), World.pods(), base);
    List<NetworkPolicy> more = new ArrayList<>(base);
    more.add(added);
    Cluster after = Cluster.of(World.namespaces(), World.pods(), more);
    forEveryConnection(
        before,
        c -> {
          Verdict was = NetworkPolicyEvaluator.evaluate(before, c);
          if (was.allowed() && was.egress().isolated() && was.ingress().isolated()) {
            assertThat(NetworkPolicyEvaluator.allows(after, c))
                .as(c + " after adding " + added.getSpec())
                .isTrue();
          }
        });
  }

  /**
   * R01/R21: pods of a namespace without policies are reachable from anywhere outside on every
   * port.
   */
  @Property(tries = 60)
  void podsOfANamespaceWithoutPoliciesAreOpenToTheOutsideOnEveryPort(
      @ForAll("policiesInXAndY") List<NetworkPolicy> policies) {
    Cluster c = Cluster.of(World.namespaces(), World.pods(), policies);
    for (String pod : World.PODS) {
      for (Connection probe : PROBE_PORTS) {
        Connection in =
            new Connection(
                Endpoint.ip("198.51.100.1"),
                Endpoint.pod("z", pod),
                probe.port(),
                probe.protocol());
        Connection out =
            new Connection(
                Endpoint.pod("z", pod),
                Endpoint.ip("198.51.100.1"),
                probe.port(),
                probe.protocol());
        assertThat(NetworkPolicyEvaluator.allows(c, in)).as(in.toString()).isTrue();
        assertThat(NetworkPolicyEvaluator.allows(c, out)).as(out.toString()).isTrue();
      }
    }
  }

  /** R02: "order of evaluation does not affect the policy result", whatever the names sort to. */
  @Property(tries = 40)
  void policyOrderDoesNotMatter(
      @ForAll("policies") List<NetworkPolicy> policies, @ForAll long seed) {
    List<NetworkPolicy> shuffled = new ArrayList<>(PolicyArbitraries.named(policies));
    Collections.shuffle(shuffled, new Random(seed));
    Cluster a = Cluster.of(World.namespaces(), World.pods(), PolicyArbitraries.named(policies));
    Cluster b = Cluster.of(World.namespaces(), World.pods(), PolicyArbitraries.named(shuffled));
    for (Connection probe : PROBE_PORTS) {
      assertThat(NetworkPolicyEvaluator.matrix(a, probe.port(), probe.protocol()))
          .isEqualTo(NetworkPolicyEvaluator.matrix(b, probe.port(), probe.protocol()));
    }
  }

  /**
   * R02: the rules of one policy mean the same as one policy per rule (explicit policyTypes, so no
   * defaulting shifts).
   */
  @Property(tries = 60)
  void splittingAPolicysRulesAcrossPoliciesChangesNothing(
      @ForAll("explicitTypesPolicy") NetworkPolicy policy) {
    List<NetworkPolicy> split = new ArrayList<>();
    var spec = policy.getSpec();
    for (int i = 0; i < spec.getIngress().size(); i++) {
      split.add(
          new NetworkPolicyBuilder(policy)
              .editMetadata()
              .withName("in" + i)
              .endMetadata()
              .editSpec()
              .withIngress(spec.getIngress().get(i))
              .withEgress(List.of())
              .endSpec()
              .build());
    }
    for (int i = 0; i < spec.getEgress().size(); i++) {
      split.add(
          new NetworkPolicyBuilder(policy)
              .editMetadata()
              .withName("out" + i)
              .endMetadata()
              .editSpec()
              .withIngress(List.of())
              .withEgress(spec.getEgress().get(i))
              .endSpec()
              .build());
    }
    split.add(
        new NetworkPolicyBuilder(policy)
            .editMetadata()
            .withName("isolate")
            .endMetadata()
            .editSpec()
            .withIngress(List.of())
            .withEgress(List.of())
            .endSpec()
            .build());
    Cluster whole = Cluster.of(World.namespaces(), World.pods(), List.of(policy));
    Cluster parts = Cluster.of(World.namespaces(), World.pods(), split);
    forEveryConnection(
        whole,
        c ->
            assertThat(NetworkPolicyEvaluator.allows(parts, c))
                .as(c.toString())
                .isEqualTo(NetworkPolicyEvaluator.allows(whole, c)));
  }

  /**
   * R03: the decision is the conjunction of the sides, and the fast paths agree with the
   * explanation.
   */
  @Property(tries = 40)
  void decisionIsBothSidesAndAllEntryPointsAgree(@ForAll("policies") List<NetworkPolicy> policies) {
    Cluster c = Cluster.of(World.namespaces(), World.pods(), policies);
    for (Connection probe : PROBE_PORTS) {
      Matrix m = NetworkPolicyEvaluator.matrix(c, probe.port(), probe.protocol());
      for (int i = 0; i < m.pods().size(); i++) {
        for (int j = 0; j < m.pods().size(); j++) {
          Verdict v =
              NetworkPolicyEvaluator.evaluate(
                  c,
                  new Connection(m.pods().get(i), m.pods().get(j), probe.port(), probe.protocol()));
          boolean sides = v.egress().allowed() && v.ingress().allowed();
          assertThat(v.allowed()).isEqualTo(i == j || sides);
          assertThat(m.allowed(i, j)).isEqualTo(v.allowed());
        }
      }
    }
  }

  private static void forEveryConnection(Cluster c, java.util.function.Consumer<Connection> check) {
    List<Endpoint> ends = new ArrayList<>(c.pods().stream().map(PodInfo::endpoint).toList());
    ends.add(Endpoint.ip("10.0.2.2"));
    ends.add(Endpoint.ip("192.0.2.1"));
    for (Endpoint from : ends) {
      for (Endpoint to : ends) {
        for (Connection probe : PROBE_PORTS) {
          if (!from.equals(to)) {
            check.accept(new Connection(from, to, probe.port(), probe.protocol()));
          }
        }
      }
    }
  }
}
