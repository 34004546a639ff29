package io.appseg.cli;

import io.appseg.diff.DiffReport;
import io.appseg.diff.DiffReport.AppChanges;
import io.appseg.diff.DiffReport.PairChange;
import io.appseg.text.Escape;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code appseg diff -o markdown}: a pull-request comment. Every value is escaped for Markdown
 * (after {@link Escape#visible}), so a name can neither end a table cell nor add a link, an image
 * or markup.
 */
final class DiffMarkdown {
  /**
   * Inline syntax anywhere in a line (a line of ours never starts with a value, so block syntax
   * cannot).
   */
  private static final String SPECIAL = "\\`*_{}[]()#!~";

  private DiffMarkdown() {}

  static List<String> lines(DiffReport r) {
    List<String> out = new ArrayList<>();
    out.add("### appseg diff: " + md(r.base()) + " &rarr; " + md(r.head()));
    out.add("");
    out.add(
        "**Connections:** "
            + md(DiffText.summary(r))
            + ". **Generated policies:** "
            + md(DiffText.policySummary(r))
            + ".");
    for (AppChanges app : r.apps()) {
      out.add("");
      out.add(
          "#### " + (app.app().equals("-") ? "Not in a tier of any app" : "App " + md(app.app())));
      out.add("");
      out.add("| change | from | to | ports | base allowed by | head allowed by |");
      out.add("| --- | --- | --- | --- | --- | --- |");
      for (PairChange c : app.changes()) {
        out.add(
            "| "
                + md(DiffText.word(c.kind()).strip())
                + " | "
                + md(c.from())
                + " | "
                + md(c.to())
                + " | "
                + md(DiffText.ports(c))
                + " | "
                + md(String.join(", ", c.baseAllowedBy()))
                + " | "
                + md(String.join(", ", c.headAllowedBy()))
                + " |");
      }
    }
    if (!r.policies().isEmpty() || !r.reordered().isEmpty()) {
      out.add("");
      out.add("#### Generated policies");
      out.add("");
      out.add("| change | policy |");
      out.add("| --- | --- |");
      r.policies()
          .forEach(
              p ->
                  out.add(
                      "| " + md(p.change().name().toLowerCase()) + " | " + md(p.policy()) + " |"));
      r.reordered().forEach(p -> out.add("| rules reordered only | " + md(p) + " |"));
    }
    return out;
  }

  /** Visible text with every character Markdown or HTML could read as syntax backslash-escaped. */
  static String md(String text) {
    String visible = Escape.visible(text);
    StringBuilder out = new StringBuilder(visible.length());
    for (char c : visible.toCharArray()) {
      if (c == '|') {
        out.append(
            "&#124;"); // a backslash does not keep a pipe inside a table cell in every renderer
      } else if (c == '<' || c == '>' || c == '&') {
        out.append(c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&amp;");
      } else {
        out.append(SPECIAL.indexOf(c) >= 0 ? "\\" : "").append(c);
      }
    }
    return out.toString();
  }
}
