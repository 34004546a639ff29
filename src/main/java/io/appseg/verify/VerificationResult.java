package io.appseg.verify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The verdict on a plan: the connections it gets wrong (in a stable order), problems that stopped
 * the check (e.g. a policy the API server would reject), how many questions were asked, and whether
 * the check was refused as over its budget ({@link PlanVerifier#BUDGET}).
 */
public record VerificationResult(
    List<Mismatch> mismatches, List<String> problems, long checked, boolean tooComplex) {

  public VerificationResult {
    mismatches = List.copyOf(mismatches);
    problems = List.copyOf(problems);
  }

  public VerificationResult(List<Mismatch> mismatches, List<String> problems, long checked) {
    this(mismatches, problems, checked, false);
  }

  /** The check was not made: {@code why} (one line). */
  static VerificationResult tooComplex(String why) {
    return new VerificationResult(List.of(), List.of(why), 0, true);
  }

  public boolean ok() {
    return mismatches.isEmpty() && problems.isEmpty();
  }

  /** The problems and the first {@code limit} mismatches, for a status message. */
  public String summary(int limit) {
    String head = problems.isEmpty() ? "" : String.join("; ", problems);
    if (mismatches.isEmpty()) {
      return head;
    }
    String listed =
        mismatches.stream().limit(limit).map(Mismatch::toString).collect(Collectors.joining("; "));
    String more =
        mismatches.size() > limit ? " (and " + (mismatches.size() - limit) + " more)" : "";
    return (head.isEmpty() ? "" : head + "; ")
        + mismatches.size()
        + " mismatches: "
        + listed
        + more;
  }
}
