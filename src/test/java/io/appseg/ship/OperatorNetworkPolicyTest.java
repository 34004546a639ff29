package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's NetworkPolicy for the operator itself: egress to the API server is any address on its
 * ports unless the addresses are listed, or read from the cluster at install (which a render
 * without a cluster refuses in one line rather than cut the operator off); DNS to kube-dns only.
 */
class OperatorNetworkPolicyTest {
  @Test
  void byDefaultTheApiServerRuleIsAnyAddressOnItsPortsAndDnsGoesToKubeDnsOnly() {
    List<NetworkPolicyEgressRule> egress = egress(Map.of());

    assertThat(egress).hasSize(2);
    assertThat(ports(egress.get(0))).containsExactly(443, 6443);
    assertThat(egress.get(0).getTo()).as("any address: the chart cannot know it").isEmpty();
    assertThat(ports(egress.get(1))).containsExactly(53, 53);
    assertThat(egress.get(1).getTo())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPodSelector().getMatchLabels())
                  .isEqualTo(Map.of("k8s-app", "kube-dns"));
              assertThat(p.getNamespaceSelector().getMatchLabels())
                  .isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
            });
  }

  @Test
  void listedAddressesNarrowTheApiServerRuleToThemOnTheGivenPorts() {
    List<NetworkPolicyEgressRule> egress =
        egress(
            Map.of(
                "apiServer",
                Map.of(
                    "cidrs", List.of("10.96.0.1/32", "192.168.1.10/32"), "ports", List.of(6443))));

    assertThat(ports(egress.get(0))).containsExactly(6443);
    assertThat(egress.get(0).getTo())
        .extracting(NetworkPolicyPeer::getIpBlock)
        .extracting(b -> b.getCidr())
        .containsExactly("10.96.0.1/32", "192.168.1.10/32");
  }

  @Test
  void disabledRendersNoPolicy() {
    assertThat(ChartFixture.render(Map.of("networkPolicy", Map.of("enabled", false))).has(KIND))
        .isFalse();
  }

  private static final String KIND = "NetworkPolicy";

  private static List<NetworkPolicyEgressRule> egress(Map<String, ?> networkPolicy) {
    NetworkPolicy np =
        ChartFixture.render(
                networkPolicy.isEmpty() ? Map.of() : Map.of("networkPolicy", networkPolicy))
            .one(KIND, NetworkPolicy.class);
    assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    return np.getSpec().getEgress();
  }

  private static List<Integer> ports(NetworkPolicyEgressRule rule) {
    return rule.getPorts().stream().map(p -> p.getPort().getIntVal()).toList();
  }
}
