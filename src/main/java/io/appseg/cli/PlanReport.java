package io.appseg.cli;

import io.appseg.api.v1alpha1.AuditFlip;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.operator.apply.PlanDifference;
import io.appseg.plan.Plan;
import io.appseg.verify.ContextCheck.Changes;
import java.io.PrintWriter;
import java.util.List;

/**
 * One app's line of {@code plan}: the fields of status.audit with nothing cut, and the namespaces
 * whose missing grant would stop enforcing before any write.
 */
record PlanReport(
    String namespace,
    String name,
    Mode mode,
    List<String> notGranted,
    List<String> create,
    List<String> update,
    List<String> prune,
    List<String> conflicts,
    List<AuditFlip> flips,
    int undeclaredCut) {

  static PlanReport of(
      Plan plan, List<String> notGranted, PlanDifference difference, Changes changes) {
    return new PlanReport(
        plan.segNamespace(),
        plan.segName(),
        plan.mode(),
        notGranted,
        difference.create(),
        difference.update(),
        difference.prune(),
        difference.conflicts(),
        changes.flips().stream().map(PlanDifference::flip).toList(),
        changes.undeclaredCut());
  }

  boolean unchanged() {
    return notGranted.isEmpty()
        && create.isEmpty()
        && update.isEmpty()
        && prune.isEmpty()
        && conflicts.isEmpty()
        && flips.isEmpty()
        && undeclaredCut == 0;
  }

  void print(PrintWriter out) {
    out.printf("%s/%s (%s): %s%n", namespace, name, mode, headline());
    list(out, "not granted", notGranted);
    list(out, "create", create);
    list(out, "update", update);
    list(out, "prune", prune);
    list(out, "conflict", conflicts);
    for (AuditFlip f : flips) {
      out.printf(
          "  %s: %s (%s)%n",
          "AllowedToDenied".equals(f.getChange()) ? "allowed -> denied" : "denied -> allowed",
          f.getConnection(),
          String.join(", ", f.getDeclaredBy()));
    }
    if (undeclaredCut > 0) {
      out.printf(
          "  undeclared connections allowed now and denied when enforced: %d%n", undeclaredCut);
    }
  }

  private String headline() {
    if (!notGranted.isEmpty()) {
      return "Enforce would write nothing: not every tier namespace grants " + namespace;
    }
    if (unchanged()) {
      return "Enforce would change nothing";
    }
    return String.format(
        "Enforce would create %d, update %d, prune %d; %d conflict%s; %d declared connection%s change",
        create.size(),
        update.size(),
        prune.size(),
        conflicts.size(),
        conflicts.size() == 1 ? "" : "s",
        flips.size(),
        flips.size() == 1 ? "" : "s");
  }

  private static void list(PrintWriter out, String label, List<String> names) {
    names.forEach(n -> out.printf("  %s %s%n", label, n));
  }
}
