package io.appseg.operator.apply;

import io.appseg.operator.status.Outcome;
import io.appseg.plan.Plan;
import java.util.List;

/** How one apply ended, with what it wrote; policies are named namespace/name. */
public sealed interface ApplyResult {

  /**
   * What the status says about this result (each kind must answer: exhaustive without pattern
   * switches).
   */
  Outcome outcome(Plan plan);

  /**
   * The plan is in the cluster. Both lists are empty when it already was.
   *
   * @param written created and updated policies, creates first
   * @param pruned owned policies deleted because the plan no longer has them
   * @param driftRepaired whether the writes restored policies changed outside the operator
   */
  record Applied(List<String> written, List<String> pruned, boolean driftRepaired)
      implements ApplyResult {
    public Applied {
      written = List.copyOf(written);
      pruned = List.copyOf(pruned);
    }

    @Override
    public Outcome outcome(Plan plan) {
      return Outcome.reconciled(plan);
    }
  }

  /** Policies this AppSegmentation does not own hold generated names: nothing was written. */
  record Conflict(List<String> foreign) implements ApplyResult {
    public Conflict {
      foreign = List.copyOf(foreign);
    }

    @Override
    public Outcome outcome(Plan plan) {
      return Outcome.conflict(plan, foreign);
    }
  }

  /**
   * The API server refused a generated policy as such (now or for this very spec before): retrying
   * cannot help. Nothing was pruned.
   *
   * @param rejection the refused policy and the server's message
   * @param written the policies written before the refusal
   */
  record Rejected(String rejection, List<String> written) implements ApplyResult {
    public Rejected {
      written = List.copyOf(written);
    }

    @Override
    public Outcome outcome(Plan plan) {
      return Outcome.applyRejected(plan, rejection);
    }
  }

  /**
   * What had to hold before the first write did not ({@link PolicyApply.BeforeWrites}): nothing was
   * written, and the outcome is the check's.
   */
  record Held(Outcome why) implements ApplyResult {
    @Override
    public Outcome outcome(Plan plan) {
      return why;
    }
  }
}
