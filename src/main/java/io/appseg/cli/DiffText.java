package io.appseg.cli;

import io.appseg.diff.DiffReport;
import io.appseg.diff.DiffReport.AppChanges;
import io.appseg.diff.DiffReport.Kind;
import io.appseg.diff.DiffReport.PairChange;
import io.appseg.diff.DiffReport.PolicyChange;
import io.appseg.text.Escape;
import java.util.ArrayList;
import java.util.List;

/** {@code appseg diff} for a terminal: one line per changed pair, what allows it indented below. */
final class DiffText {
  private DiffText() {}

  static List<String> lines(DiffReport r) {
    List<String> out = new ArrayList<>();
    out.add(
        "connectivity "
            + Escape.visible(r.base())
            + " -> "
            + Escape.visible(r.head())
            + ": "
            + summary(r));
    for (AppChanges app : r.apps()) {
      out.add("");
      out.add(
          app.app().equals("-") ? "not in a tier of any app" : "app " + Escape.visible(app.app()));
      for (PairChange c : app.changes()) {
        out.add(
            "  "
                + word(c.kind())
                + " "
                + Escape.visible(c.from())
                + " -> "
                + Escape.visible(c.to())
                + ": "
                + ports(c));
        if (!c.baseAllowedBy().isEmpty()) {
          out.add("      base allowed by " + list(c.baseAllowedBy()));
        }
        if (!c.headAllowedBy().isEmpty()) {
          out.add("      head allowed by " + list(c.headAllowedBy()));
        }
      }
    }
    out.add("");
    out.add("generated policies: " + policySummary(r));
    r.policies()
        .forEach(
            p ->
                out.add("  " + p.change().name().toLowerCase() + " " + Escape.visible(p.policy())));
    r.reordered().forEach(p -> out.add("  rules reordered only (no effect) " + Escape.visible(p)));
    return out;
  }

  /** {@code 1 opened, 2 closed, 0 with ports changed}, or that nothing changed. */
  static String summary(DiffReport r) {
    if (r.connectionChanges() == 0) {
      return "no connection changes";
    }
    return count(r, Kind.OPENED)
        + " opened, "
        + count(r, Kind.CLOSED)
        + " closed, "
        + count(r, Kind.PORTS_CHANGED)
        + " with ports changed";
  }

  static String policySummary(DiffReport r) {
    return count(r, DiffReport.Change.CREATED)
        + " created, "
        + count(r, DiffReport.Change.CHANGED)
        + " changed, "
        + count(r, DiffReport.Change.REMOVED)
        + " removed";
  }

  static String word(Kind kind) {
    return switch (kind) {
      case OPENED -> "opened ";
      case CLOSED -> "closed ";
      case PORTS_CHANGED -> "changed";
    };
  }

  /** {@code +8080/TCP -5432/TCP}: the probed ports that opened and closed. */
  static String ports(PairChange c) {
    List<String> out = new ArrayList<>();
    c.opened().forEach(p -> out.add("+" + p));
    c.closed().forEach(p -> out.add("-" + p));
    return Escape.visible(String.join(" ", out));
  }

  private static String list(List<String> sources) {
    return Escape.visible(String.join(", ", sources));
  }

  private static long count(DiffReport r, Kind kind) {
    return r.apps().stream()
        .flatMap(a -> a.changes().stream())
        .filter(c -> c.kind() == kind)
        .count();
  }

  private static long count(DiffReport r, DiffReport.Change change) {
    return r.policies().stream().map(PolicyChange::change).filter(change::equals).count();
  }
}
