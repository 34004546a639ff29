package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AuditFlip;
import io.appseg.api.v1alpha1.AuditPreview;
import io.appseg.plan.Plan;
import io.appseg.verify.ContextCheck.Changes;
import io.appseg.verify.ContextCheck.Flip;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What Enforce would write compared with the cluster now, as {@code namespace/name}: policies to
 * create, to update, to prune (leftovers of an earlier Enforce generation included), and foreign
 * objects holding a name of the plan (a Conflict if enforced).
 */
public record PlanDifference(
    List<String> create, List<String> update, List<String> prune, List<String> conflicts) {
  private static final int SHOWN = 5;

  public PlanDifference {
    create = List.copyOf(create);
    update = List.copyOf(update);
    prune = List.copyOf(prune);
    conflicts = List.copyOf(conflicts);
  }

  public static PlanDifference none() {
    return new PlanDifference(List.of(), List.of(), List.of(), List.of());
  }

  /**
   * What Enforce would write for {@code plan} into a cluster holding {@code policies} (every
   * NetworkPolicy of the plan's namespaces and every one carrying the app's labels): the same
   * decision the operator takes from its cache, for a reader with no cache (the CLI's {@code
   * plan}). Ownership is proven as the operator proves it, so {@code seg} needs the UID it has in
   * that cluster.
   */
  public static PlanDifference between(
      AppSegmentation seg, Plan plan, Collection<NetworkPolicy> policies) {
    Map<ResourceID, NetworkPolicy> byName = new LinkedHashMap<>();
    policies.forEach(np -> byName.put(ResourceID.fromResource(np), np));
    List<NetworkPolicy> owned =
        byName.values().stream().filter(np -> Ownership.owns(seg, np)).toList();
    return of(
        PolicyDiff.compute(
            DesiredPolicies.of(plan, seg),
            owned,
            byName::get,
            np -> Ownership.owns(seg, np),
            new ServerAnswers()));
  }

  static PlanDifference of(PolicyDiff diff) {
    return new PlanDifference(
        PolicySync.describe(diff.creates()),
        diff.updates().stream().map(u -> PolicySync.describe(u.desired())).toList(),
        PolicySync.describe(diff.deletes()),
        PolicySync.describe(diff.conflicts()));
  }

  /** Whether enforcing would write anything or stop at a Conflict. */
  public boolean isEmpty() {
    return create.isEmpty() && update.isEmpty() && prune.isEmpty() && conflicts.isEmpty();
  }

  /**
   * One bounded line: "Enforce would create 2 (a, b), prune 1 (c)", or that it would write nothing.
   */
  public String summary() {
    StringBuilder out = new StringBuilder();
    part(out, "create", create);
    part(out, "update", update);
    part(out, "prune", prune);
    part(out, "conflict with", conflicts);
    return out.length() == 0 ? "Enforce would write nothing" : "Enforce would " + out;
  }

  /**
   * The difference and {@code changes} as status.audit, each list cut at its bound, with how many
   * were left out.
   */
  public AuditPreview toStatus(Changes changes) {
    AuditPreview audit = new AuditPreview();
    int omitted = 0;
    omitted += fill(create, audit::setCreate);
    omitted += fill(update, audit::setUpdate);
    omitted += fill(prune, audit::setPrune);
    omitted += fill(conflicts, audit::setConflicts);
    audit.setNamesOmitted(omitted == 0 ? null : omitted);
    List<Flip> flips = changes.flips();
    audit.setFlips(flips.stream().limit(AuditPreview.MAX_FLIPS).map(PlanDifference::flip).toList());
    int flipsOmitted = flips.size() - audit.getFlips().size();
    audit.setFlipsOmitted(flipsOmitted == 0 ? null : flipsOmitted);
    audit.setUndeclaredCut(changes.undeclaredCut());
    return audit;
  }

  /** A flip as status.audit shows it. */
  public static AuditFlip flip(Flip f) {
    return new AuditFlip(
        f.connection(), f.allowedNow() ? "AllowedToDenied" : "DeniedToAllowed", f.declaredBy());
  }

  private static int fill(List<String> names, Consumer<List<String>> into) {
    into.accept(List.copyOf(names.subList(0, Math.min(AuditPreview.MAX_NAMES, names.size()))));
    return Math.max(0, names.size() - AuditPreview.MAX_NAMES);
  }

  private static void part(StringBuilder out, String verb, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    String shown = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
    String more = names.size() > SHOWN ? ", and " + (names.size() - SHOWN) + " more" : "";
    out.append(out.length() == 0 ? "" : ", ")
        .append(verb)
        .append(' ')
        .append(names.size())
        .append(" (")
        .append(shown)
        .append(more)
        .append(')');
  }
}
