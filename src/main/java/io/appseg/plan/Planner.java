package io.appseg.plan;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.kube.PolicyTypes;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Desired state as a pure function: an AppSegmentation (plus cluster defaults) in, the exact
 * ordered NetworkPolicies out. No client calls; the same input always gives byte-identical output.
 *
 * <p>Per namespace holding a tier: a default-deny policy (scope Namespace; in another namespace
 * only when its grant accepts it), then per tier one policy selecting the tier's pods with its
 * allow rules, then the peer halves ({@link PeerHalves}) that pods peers already isolated there
 * need. Policy types are written out and list only the denied directions: a direction that is not
 * denied by default is open anyway, so rules for it would mean nothing.
 */
public final class Planner {
  private final PlanDefaults defaults;
  private final SpecValidator validator = new SpecValidator();

  public Planner(PlanDefaults defaults) {
    this.defaults = defaults;
  }

  /**
   * Validates the spec (all errors at once) and plans it alone, as for namespaces that accept no
   * namespace-wide default-deny from it and where nothing else isolates (what the CLI renders for
   * one app).
   */
  public Plan plan(AppSegmentation seg) throws InvalidSpecException {
    return plan(seg, Map.of(), Isolation.NONE);
  }

  /**
   * Plans with what the namespaces say and what others already isolate: a tier namespace other than
   * the app's own gets its namespace-wide default-deny only when its grant accepts it (P5), and
   * {@code isolation} decides where tiers and pods peers get the half of a flow that it would
   * otherwise leave missing (P11, docs/design.md).
   */
  public Plan plan(AppSegmentation seg, Map<String, NamespaceFacts> namespaces, Isolation isolation)
      throws InvalidSpecException {
    List<SpecError> errors = validator.validate(seg);
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
    List<String> accepted = Grants.acceptingNamespaceDeny(seg, namespaces);
    Resolved spec = Resolved.of(seg, defaults, accepted);
    TierRules rules = new TierRules(spec, seg.getSpec().getFlows());
    PeerHalves peers = new PeerHalves(spec, isolation);
    List<NetworkPolicy> policies = new ArrayList<>();
    boolean denies = spec.denyIngress() || spec.denyEgress();
    for (String namespace : spec.namespaces()) {
      if (denies && spec.namespaceWideDeny().contains(namespace)) {
        policies.add(defaultDeny(spec, namespace));
      }
      spec.tiers().values().stream()
          .filter(t -> spec.namespaceOf(t.getName()).equals(namespace))
          .forEach(t -> tierPolicy(spec, rules, t, isolation).ifPresent(policies::add));
      policies.addAll(peers.in(namespace));
    }
    return new Plan(
        spec.segNamespace(),
        spec.segName(),
        spec.mode(),
        spec.tiers().size(),
        policies.stream().map(Planner::canonical).toList(),
        spec.namespaces(),
        accepted);
  }

  /**
   * Plans each AppSegmentation among the others' policies and {@code context}, as the operator
   * plans it in a cluster holding them all (P11). One pass suffices: peer halves never count, and a
   * direction that isolation adds to a tier policy covers only pods another policy isolates
   * already.
   */
  public List<Plan> planTogether(List<AppSegmentation> segs, Collection<NetworkPolicy> context)
      throws InvalidSpecException {
    return planTogether(segs, context, Map.of());
  }

  /** As {@link #planTogether(List, Collection)}, with what the namespaces say (their grants). */
  public List<Plan> planTogether(
      List<AppSegmentation> segs,
      Collection<NetworkPolicy> context,
      Map<String, NamespaceFacts> namespaces)
      throws InvalidSpecException {
    List<Plan> alone = new ArrayList<>();
    List<NetworkPolicy> all = new ArrayList<>(context);
    for (AppSegmentation seg : segs) {
      alone.add(plan(seg));
      all.addAll(alone.get(alone.size() - 1).policies());
    }
    // An app's plan asks only about the namespaces it writes to: grouping the policies by namespace
    // keeps many apps linear (10,000 apps each reading every other's policies were quadratic).
    Map<String, List<NetworkPolicy>> byNamespace =
        all.stream().collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace()));
    List<Plan> plans = new ArrayList<>();
    for (int i = 0; i < segs.size(); i++) {
      Plan first = alone.get(i);
      List<NetworkPolicy> near =
          first.namespaces().stream()
              .flatMap(ns -> byNamespace.getOrDefault(ns, List.of()).stream())
              .toList();
      Isolation isolation = Isolation.of(near, first.segNamespace(), first.segName());
      plans.add(plan(segs.get(i), namespaces, isolation));
    }
    return plans;
  }

  /**
   * The form the object has after a trip through YAML or the API server (empty lists rather than
   * nulls), so a plan equals what was rendered or read back, and comparing them never reports a
   * difference that is not one.
   */
  private static NetworkPolicy canonical(NetworkPolicy policy) {
    return Serialization.clone(policy);
  }

  private static NetworkPolicy defaultDeny(Resolved spec, String namespace) {
    return new NetworkPolicyBuilder()
        .withMetadata(
            metadata(
                spec,
                namespace,
                Names.defaultDenyPolicy(spec.segNamespace(), spec.segName(), namespace),
                Labels.ROLE_DEFAULT_DENY,
                null))
        .withNewSpec()
        .withPodSelector(new LabelSelector())
        .withPolicyTypes(policyTypes(spec.denyIngress(), spec.denyEgress()))
        .endSpec()
        .build();
  }

  /**
   * A tier's policy lists the directions the app denies, and those that others already isolate for
   * all of the tier's pods (P11): there its rules only widen what the pods may do.
   */
  private static Optional<NetworkPolicy> tierPolicy(
      Resolved spec, TierRules rules, Tier tier, Isolation isolation) {
    String namespace = spec.namespaceOf(tier.getName());
    boolean ingress =
        spec.denyIngress() || isolation.isolates(namespace, tier.getPodSelector(), false);
    boolean egress =
        spec.denyEgress() || isolation.isolates(namespace, tier.getPodSelector(), true);
    if (!ingress && !egress) {
      return Optional.empty();
    }
    return Optional.of(
        new NetworkPolicyBuilder()
            .withMetadata(
                metadata(
                    spec,
                    namespace,
                    Names.tierPolicy(
                        spec.segNamespace(), spec.segName(), namespace, tier.getName()),
                    Labels.ROLE_TIER,
                    tier.getName()))
            .withNewSpec()
            .withPodSelector(Rendering.selector(tier.getPodSelector()))
            .withPolicyTypes(policyTypes(ingress, egress))
            .withIngress(ingress ? rules.ingress(tier) : null)
            .withEgress(egress ? rules.egress(tier) : null)
            .endSpec()
            .build());
  }

  static ObjectMeta metadata(
      Resolved spec, String namespace, String name, String role, String tier) {
    return new ObjectMetaBuilder()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(Labels.forPolicy(spec.segNamespace(), spec.segName(), role, tier))
        .build();
  }

  static List<String> policyTypes(boolean ingress, boolean egress) {
    List<String> types = new ArrayList<>();
    if (ingress) {
      types.add(PolicyTypes.INGRESS);
    }
    if (egress) {
      types.add(PolicyTypes.EGRESS);
    }
    return types;
  }
}
