package io.appseg.netpol;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * A ClusterNetworkPolicy ({@code policy.networking.k8s.io/v1alpha2}, cluster-scoped) as the
 * evaluator reads it: which pods it applies to ({@code subject}), in which tier and at which
 * priority, and its ordered rules per direction. Built by {@link ClusterPolicyReader}, which checks
 * what the API's schema checks.
 */
public record ClusterPolicy(
    String name, Tier tier, int priority, PodSet subject, List<Rule> ingress, List<Rule> egress) {

  public ClusterPolicy {
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  /** Admin is judged before NetworkPolicies, Baseline after them (C01). */
  public enum Tier {
    Admin,
    Baseline
  }

  public enum Action {
    Accept,
    Deny,
    Pass
  }

  /**
   * Pods by namespace labels alone ({@code namespaces}), or by namespace AND pod labels ({@code
   * pods}); an empty selector selects everything. Host-network pods are never in a set (C11).
   */
  public record PodSet(LabelSelector namespaces, LabelSelector podNamespaces, LabelSelector pods) {}

  /**
   * One rule: its action for traffic to or from any of {@code peers} on any of {@code protocols}
   * (empty: all).
   */
  public record Rule(
      int index, String name, Action action, List<Peer> peers, List<PortMatch> protocols) {
    public Rule {
      peers = List.copyOf(peers);
      protocols = List.copyOf(protocols);
    }
  }

  /**
   * Exactly one of: pods (a {@link PodSet}), networks (CIDRs), or {@code unmodelled}: a kind the
   * evaluator cannot see (nodes, domainNames) or none it knows, which fails closed (C12).
   */
  public record Peer(PodSet pods, List<String> networks, String unmodelled) {}

  /**
   * A protocol with all ports ({@code first} 1, {@code last} 65535), a number, a range, or a named
   * port.
   */
  public record PortMatch(Protocol protocol, int first, int last, String namedPort) {}
}
