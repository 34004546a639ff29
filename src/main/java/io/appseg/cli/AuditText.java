package io.appseg.cli;

import io.appseg.flows.FlowAudit;
import java.io.PrintWriter;
import java.util.List;

/** {@code appseg audit} for people: plain text, or Markdown for a pull-request comment. */
final class AuditText {
  private AuditText() {}

  static void text(FlowAudit.Report r, int max, PrintWriter out) {
    out.printf("%s: %s%n", r.app(), headline(r));
    r.denied().stream()
        .limit(max)
        .forEach(
            d -> {
              out.printf(
                  "  denied  %s -> %s %d/%s: %s, first %s, last %s%n",
                  d.source(),
                  d.destination(),
                  d.port(),
                  d.protocol(),
                  count(d.observations(), d.connections()),
                  d.firstSeen(),
                  d.lastSeen());
              d.examples().forEach(e -> out.println("      e.g. " + e));
              out.println("      denied by " + String.join(", ", d.deniedBy()));
              out.println("      fix: " + d.fix());
            });
    more(r.denied(), max, out, "  ");
    r.neverObserved().forEach(f -> out.println("  never observed: " + f));
  }

  static void markdown(FlowAudit.Report r, int max, PrintWriter out) {
    out.printf("### `%s`: %s%n%n", r.app(), headline(r));
    if (!r.denied().isEmpty()) {
      out.println("| from | to | port | observed | first seen | last seen | fix |");
      out.println("| --- | --- | --- | --- | --- | --- | --- |");
      r.denied().stream()
          .limit(max)
          .forEach(
              d ->
                  out.printf(
                      "| %s | %s | %d/%s | %s | %s | %s | `%s` |%n",
                      d.source(),
                      d.destination(),
                      d.port(),
                      d.protocol(),
                      count(d.observations(), d.connections()),
                      d.firstSeen(),
                      d.lastSeen(),
                      d.fix().replace("|", "\\|")));
      more(r.denied(), max, out, "");
      out.println();
    }
    if (!r.neverObserved().isEmpty()) {
      out.println("Declared but never observed:");
      r.neverObserved().forEach(f -> out.println("- `" + f + "`"));
      out.println();
    }
  }

  private static String headline(FlowAudit.Report r) {
    String judged = r.judged() + " observed flows judged (" + r.otherApps() + " of other apps)";
    return r.clean()
        ? judged + ", none would be denied"
        : judged
            + ", "
            + r.deniedObservations()
            + " would be denied, in "
            + r.denied().size()
            + " group"
            + (r.denied().size() == 1 ? "" : "s");
  }

  private static String count(long observations, int connections) {
    return observations
        + " flow"
        + (observations == 1 ? "" : "s")
        + " ("
        + connections
        + " connection"
        + (connections == 1 ? "" : "s")
        + ")";
  }

  private static void more(List<?> all, int max, PrintWriter out, String indent) {
    if (all.size() > max) {
      out.printf("%s... and %d more groups%n", indent, all.size() - max);
    }
  }
}
