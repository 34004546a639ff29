package io.appseg.plan;

import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Tier;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peer's half of a flow between a tier and a pods peer (P11). A tier gets both halves of a
 * tier-to-tier flow; a pods peer normally gets none, because a policy selecting it would isolate
 * it. But where the peer is isolated already, its half is missing and the declared flow does not
 * work. So a peer half is written exactly when all of this holds:
 *
 * <ul>
 *   <li>the peer is pods in one known namespace ({@code podSelector} and/or {@code namespace}; not
 *       a namespaceSelector, a CIDR or anywhere) that holds one of the app's tiers, i.e. one the
 *       app writes to;
 *   <li>its direction in the flow (egress for {@code from}, ingress for {@code to}) is isolated for
 *       every pod the peer selects: by the app's own namespace-wide default-deny there, or by
 *       another NetworkPolicy there whose pod selector selects all of them ({@link Isolation}).
 * </ul>
 *
 * Then the half only widens what those pods may do, never isolates them. One policy per peer
 * (namespace and selector), its rules in flow order.
 */
final class PeerHalves {
  private final Resolved spec;
  private final Isolation isolation;

  private record Peer(String namespace, LabelSelector podSelector) {}

  private record Halves(
      List<NetworkPolicyIngressRule> ingress, List<NetworkPolicyEgressRule> egress) {}

  PeerHalves(Resolved spec, Isolation isolation) {
    this.spec = spec;
    this.isolation = isolation;
  }

  /** The peer halves to write in {@code namespace}, in order of the flow that first needs each. */
  List<NetworkPolicy> in(String namespace) {
    Map<Peer, Halves> halves = new LinkedHashMap<>();
    for (Flow f : spec.flows()) {
      if (f.getTo().getTier() != null) {
        peerIn(f.getFrom(), namespace)
            .filter(p -> isolated(p, true))
            .ifPresent(p -> halvesOf(halves, p).egress().add(egress(f, namespace)));
      }
      if (f.getFrom().getTier() != null) {
        peerIn(f.getTo(), namespace)
            .filter(p -> isolated(p, false))
            .ifPresent(p -> halvesOf(halves, p).ingress().add(ingress(f, namespace)));
      }
    }
    List<NetworkPolicy> out = new ArrayList<>();
    halves.forEach((peer, h) -> out.add(policy(peer, h)));
    return out;
  }

  private Optional<Peer> peerIn(Endpoint e, String namespace) {
    if (!Resolved.isPodsOfOneNamespace(e)
        || !e.namespaceOr(spec.segNamespace()).equals(namespace)) {
      return Optional.empty();
    }
    return Optional.of(
        new Peer(
            namespace, e.getPodSelector() == null ? null : Rendering.selector(e.getPodSelector())));
  }

  private boolean isolated(Peer peer, boolean egress) {
    boolean denied = egress ? spec.denyEgress() : spec.denyIngress();
    return denied && spec.namespaceWideDeny().contains(peer.namespace())
        || isolation.isolates(peer.namespace(), peer.podSelector(), egress);
  }

  private static Halves halvesOf(Map<Peer, Halves> halves, Peer peer) {
    return halves.computeIfAbsent(peer, p -> new Halves(new ArrayList<>(), new ArrayList<>()));
  }

  private NetworkPolicyEgressRule egress(Flow f, String namespace) {
    Tier to = spec.tiers().get(f.getTo().getTier());
    List<PortSpec> ports = f.getPorts() != null ? f.getPorts() : to.getPorts();
    return new NetworkPolicyEgressRuleBuilder()
        .withTo(Rendering.podsIn(spec.namespaceOf(to.getName()), to.getPodSelector(), namespace))
        .withPorts(Rendering.ports(ports))
        .build();
  }

  private NetworkPolicyIngressRule ingress(Flow f, String namespace) {
    Tier from = spec.tiers().get(f.getFrom().getTier());
    return new NetworkPolicyIngressRuleBuilder()
        .withFrom(
            Rendering.podsIn(spec.namespaceOf(from.getName()), from.getPodSelector(), namespace))
        .withPorts(Rendering.ports(f.getPorts()))
        .build();
  }

  private NetworkPolicy policy(Peer peer, Halves h) {
    List<String> types = Planner.policyTypes(!h.ingress().isEmpty(), !h.egress().isEmpty());
    LabelSelector selector = peer.podSelector() == null ? new LabelSelector() : peer.podSelector();
    return new NetworkPolicyBuilder()
        .withMetadata(
            Planner.metadata(
                spec,
                peer.namespace(),
                Names.peerPolicy(
                    spec.segNamespace(),
                    spec.segName(),
                    peer.namespace(),
                    Serialization.asJson(selector)),
                Labels.ROLE_PEER,
                null))
        .withNewSpec()
        .withPodSelector(selector)
        .withPolicyTypes(types)
        .withIngress(h.ingress().isEmpty() ? null : h.ingress())
        .withEgress(h.egress().isEmpty() ? null : h.egress())
        .endSpec()
        .build();
  }
}
