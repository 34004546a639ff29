package io.appseg.verify;

import io.appseg.plan.Plan;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Deliberate planner mistakes, applied to a correct plan: each must be caught by the verifier. */
final class BrokenPlans {

  /** The plan with {@code edit} applied to a copy of the policy called {@code name}. */
  static Plan editPolicy(Plan plan, String name, UnaryOperator<NetworkPolicy> edit) {
    List<NetworkPolicy> policies = new ArrayList<>();
    boolean found = false;
    for (NetworkPolicy p : plan.policies()) {
      boolean hit = p.getMetadata().getName().equals(name);
      found |= hit;
      policies.add(hit ? edit.apply(Serialization.clone(p)) : p);
    }
    if (!found) {
      throw new IllegalArgumentException("no policy " + name + " in " + plan.generated());
    }
    return new Plan(
        plan.segNamespace(),
        plan.segName(),
        plan.mode(),
        plan.tiers(),
        policies,
        plan.namespaces(),
        plan.namespaceDenyAccepted());
  }

  /** The ingress half of a tier-to-tier flow goes missing. */
  static NetworkPolicy dropIngress(NetworkPolicy p) {
    p.getSpec().getIngress().remove(0);
    return p;
  }

  /** The DNS rule (always the last egress rule) goes missing. */
  static NetworkPolicy dropDns(NetworkPolicy p) {
    List<?> egress = p.getSpec().getEgress();
    egress.remove(egress.size() - 1);
    return p;
  }

  /** The classic mistake: namespace and pod selector as two peers (OR) instead of one (AND). */
  static NetworkPolicy orSelectors(NetworkPolicy p) {
    p.getSpec().getEgress().forEach(rule -> rule.setTo(split(rule.getTo())));
    p.getSpec().getIngress().forEach(rule -> rule.setFrom(split(rule.getFrom())));
    return p;
  }

  /** A single port becomes a range reaching ten ports further. */
  static NetworkPolicy widenPorts(NetworkPolicy p) {
    p.getSpec().getIngress().forEach(rule -> rule.getPorts().forEach(BrokenPlans::widen));
    return p;
  }

  private static void widen(NetworkPolicyPort port) {
    if (port.getPort() != null && port.getPort().getIntVal() != null) {
      port.setEndPort(port.getPort().getIntVal() + 10);
    }
  }

  private static List<NetworkPolicyPeer> split(List<NetworkPolicyPeer> peers) {
    List<NetworkPolicyPeer> out = new ArrayList<>();
    for (NetworkPolicyPeer peer : peers) {
      if (peer.getNamespaceSelector() != null && peer.getPodSelector() != null) {
        out.add(
            new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(peer.getNamespaceSelector())
                .build());
        out.add(new NetworkPolicyPeerBuilder().withPodSelector(peer.getPodSelector()).build());
      } else {
        out.add(peer);
      }
    }
    return out;
  }

  private BrokenPlans() {}
}
