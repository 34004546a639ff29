package io.appseg.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The bulk {@link Reachability} answers every pair exactly as {@link NetworkPolicyEvaluator#allows}
 * does.
 */
class ReachabilityPropertiesTest {
  private static final List<Integer> PORTS = List.of(80, 81, 82, 9999, 1);

  @Provide
  Arbitrary<List<NetworkPolicy>> policies() {
    return PolicyArbitraries.policies(World.NAMESPACES, PolicyArbitraries.ANY_TYPES, 4);
  }

  /**
   * Ends cover every case of the single question: pods (one listed twice, so loopback is by pod,
   * not position), a pod's IP asked as an address, a node's address (R19), addresses inside and
   * outside the generated ipBlocks.
   */
  @Property(tries = 80)
  void everyPairAgreesWithTheSingleQuestion(@ForAll("policies") List<NetworkPolicy> policies) {
    Cluster c = Cluster.of(World.namespaces(), World.pods(), policies);
    List<Endpoint> ends = new ArrayList<>(c.pods().stream().map(PodInfo::endpoint).toList());
    ends.add(Endpoint.pod("y", "b"));
    for (String ip :
        List.of("10.0.1.2", "172.16.0.2", "10.0.2.7", "10.0.3.2", "192.0.2.1", "2001:db8::1")) {
      ends.add(Endpoint.ip(ip));
    }
    Reachability bulk = Reachability.of(c, ends);
    int allowed = 0;
    for (int port : PORTS) {
      for (Protocol protocol : Protocol.values()) {
        BitSet[] rows = bulk.allowed(port, protocol);
        for (int i = 0; i < ends.size(); i++) {
          for (int j = 0; j < ends.size(); j++) {
            Connection q = Connection.of(ends.get(i), ends.get(j), port, protocol);
            boolean single = NetworkPolicyEvaluator.allows(c, q);
            assertThat(rows[i].get(j)).as(q + " with " + policies).isEqualTo(single);
            allowed += single ? 1 : 0;
          }
        }
      }
    }
    int pairs = ends.size() * ends.size() * PORTS.size() * Protocol.values().length;
    Statistics.label("some denied").collect(allowed < pairs);
  }
}
