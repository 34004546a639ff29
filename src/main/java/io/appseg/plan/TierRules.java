package io.appseg.plan;

import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Tier;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;

/**
 * The allow rules of one tier's policy: one ingress rule per flow into the tier, then monitoring;
 * one egress rule per flow out of the tier, then DNS. Flow order is spec order, so output order is
 * stable.
 */
final class TierRules {
  private final Resolved spec;
  private final List<Flow> flows;

  TierRules(Resolved spec, List<Flow> flows) {
    this.spec = spec;
    this.flows = flows == null ? List.of() : flows;
  }

  List<NetworkPolicyIngressRule> ingress(Tier tier) {
    String policyNs = spec.namespaceOf(tier.getName());
    List<NetworkPolicyIngressRule> rules = new ArrayList<>();
    for (Flow f : flows) {
      if (tier.getName().equals(f.getTo().getTier())) {
        rules.add(
            new NetworkPolicyIngressRuleBuilder()
                .withFrom(peers(f.getFrom(), policyNs))
                .withPorts(Rendering.ports(f.getPorts() != null ? f.getPorts() : tier.getPorts()))
                .build());
      }
    }
    if (spec.monitoring()) {
      PortSpec metrics =
          new PortSpec(
              tier.getMetricsPort() != null ? tier.getMetricsPort() : spec.metricsPort(),
              null,
              spec.metricsProtocol());
      rules.add(
          new NetworkPolicyIngressRuleBuilder()
              .withFrom(Rendering.peers(spec.scrapers(), spec.segNamespace(), policyNs))
              .withPorts(Rendering.port(metrics))
              .build());
    }
    return rules;
  }

  List<NetworkPolicyEgressRule> egress(Tier tier) {
    String policyNs = spec.namespaceOf(tier.getName());
    List<NetworkPolicyEgressRule> rules = new ArrayList<>();
    for (Flow f : flows) {
      if (tier.getName().equals(f.getFrom().getTier())) {
        rules.add(
            new NetworkPolicyEgressRuleBuilder()
                .withTo(peers(f.getTo(), policyNs))
                .withPorts(
                    Rendering.ports(
                        f.getPorts() != null ? f.getPorts() : destinationPorts(f.getTo())))
                .build());
      }
    }
    if (spec.dns()) {
      rules.add(
          new NetworkPolicyEgressRuleBuilder()
              .withTo(Rendering.peers(spec.dnsPeers(), spec.segNamespace(), policyNs))
              .withPorts(Rendering.ports(spec.dnsPorts()))
              .build());
    }
    return rules;
  }

  /** Null (omitted) means any peer, which is what "anywhere" asks for. */
  private List<NetworkPolicyPeer> peers(Endpoint e, String policyNs) {
    if (Boolean.TRUE.equals(e.getAnywhere())) {
      return null;
    }
    if (e.getTier() != null) {
      Tier other = spec.tiers().get(e.getTier());
      return List.of(
          Rendering.podsIn(spec.namespaceOf(other.getName()), other.getPodSelector(), policyNs));
    }
    return List.of(Rendering.peer(e, spec.segNamespace(), policyNs));
  }

  private List<PortSpec> destinationPorts(Endpoint to) {
    return to.getTier() != null ? spec.tiers().get(to.getTier()).getPorts() : null;
  }
}
