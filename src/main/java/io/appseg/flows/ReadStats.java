package io.appseg.flows;

import java.util.Map;
import java.util.TreeMap;

/**
 * What reading one flow file gave: lines, observations, and the lines skipped (not flows to judge)
 * or broken (unreadable), each reason with its count and the first line it was seen on.
 */
public final class ReadStats {
  /** How many lines had this reason, the first of them at {@code firstLine}. */
  public record Reason(long lines, long firstLine) {}

  private static final int MAX_REASONS = 10;

  private static final String OTHER = "other reasons";

  private final String source;
  private long lines;
  private long observations;
  private final Map<String, Reason> skipped = new TreeMap<>();
  private final Map<String, Reason> broken = new TreeMap<>();

  ReadStats(String source) {
    this.source = source;
  }

  void count(LineResult r) {
    lines++;
    if (r.observation() != null) {
      observations++;
    } else if (r.broken() != null) {
      note(broken, r.broken(), new Reason(1, lines));
    } else if (r.skipped() != null) {
      note(skipped, r.skipped(), new Reason(1, lines));
    }
  }

  /** Adds what reading the next part of the same source gave; its lines follow these. */
  void append(ReadStats next) {
    long offset = lines;
    lines += next.lines;
    observations += next.observations;
    next.skipped.forEach(
        (why, r) -> note(skipped, why, new Reason(r.lines(), r.firstLine() + offset)));
    next.broken.forEach(
        (why, r) -> note(broken, why, new Reason(r.lines(), r.firstLine() + offset)));
  }

  /**
   * Counts a reason; reasons name the values they refuse, so beyond {@link #MAX_REASONS} distinct
   * ones the rest are counted together.
   */
  private static void note(Map<String, Reason> reasons, String why, Reason r) {
    String key = reasons.containsKey(why) || reasons.size() < MAX_REASONS ? why : OTHER;
    reasons.merge(key, r, (a, b) -> new Reason(a.lines() + b.lines(), a.firstLine()));
  }

  public String source() {
    return source;
  }

  public long lines() {
    return lines;
  }

  public long observations() {
    return observations;
  }

  public Map<String, Reason> skipped() {
    return skipped;
  }

  public Map<String, Reason> broken() {
    return broken;
  }

  /** One line for people: {@code 1000 lines: 990 flows, 8 skipped (reply: 8 (first on line 4))}. */
  public String summary() {
    StringBuilder s = new StringBuilder(lines + " lines: " + observations + " flows");
    append(s, "skipped", skipped);
    append(s, "broken", broken);
    return s.toString();
  }

  private static void append(StringBuilder s, String label, Map<String, Reason> reasons) {
    if (reasons.isEmpty()) {
      return;
    }
    long total = reasons.values().stream().mapToLong(Reason::lines).sum();
    s.append(", ").append(total).append(' ').append(label).append(" (");
    String sep = "";
    for (Map.Entry<String, Reason> e : reasons.entrySet()) {
      s.append(sep)
          .append(e.getKey())
          .append(": ")
          .append(e.getValue().lines())
          .append(" (first on line ")
          .append(e.getValue().firstLine())
          .append(')');
      sep = "; ";
    }
    s.append(')');
  }
}
