package io.appseg.plan;

import io.appseg.api.v1alpha1.GeneratedPolicy;
import io.appseg.api.v1alpha1.Mode;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;

/**
 * The exact NetworkPolicies one AppSegmentation needs, in a fixed order: namespaces in the order
 * the tiers name them (the AppSegmentation's own first when it holds a tier), in each the
 * default-deny policy, then one policy per tier in declaration order, then the peer halves.
 */
public record Plan(
    String segNamespace,
    String segName,
    Mode mode,
    int tiers,
    List<NetworkPolicy> policies,
    List<String> namespaces,
    List<String> namespaceDenyAccepted) {

  /**
   * @param namespaceDenyAccepted the tier namespaces other than the own whose grant accepted the
   *     namespace-wide default-deny when this was planned (the self-check's intent reads them)
   */
  public Plan {
    policies = List.copyOf(policies);
    namespaces = List.copyOf(namespaces);
    namespaceDenyAccepted = List.copyOf(namespaceDenyAccepted);
  }

  /** A plan for which no other namespace accepted the namespace-wide default-deny. */
  public Plan(
      String segNamespace,
      String segName,
      Mode mode,
      int tiers,
      List<NetworkPolicy> policies,
      List<String> namespaces) {
    this(segNamespace, segName, mode, tiers, policies, namespaces, List.of());
  }

  /** Namespaces other than the AppSegmentation's own: these need the grant annotation. */
  public List<String> foreignNamespaces() {
    return namespaces.stream().filter(ns -> !ns.equals(segNamespace)).toList();
  }

  /** The plan as reported in status.generated. */
  public List<GeneratedPolicy> generated() {
    return policies.stream()
        .map(
            p ->
                new GeneratedPolicy(
                    p.getMetadata().getNamespace(),
                    p.getMetadata().getName(),
                    p.getMetadata().getLabels().get(Labels.COMPONENT),
                    p.getMetadata().getLabels().get(Labels.TIER)))
        .toList();
  }
}
