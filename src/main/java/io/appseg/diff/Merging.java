package io.appseg.diff;

import io.appseg.diff.DiffReport.PairChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Joins the changes that differ only in their source (then only in their destination) into one,
 * sources listed in order: a flow from anywhere opens one connection per group of the world, which
 * a reader wants as one line.
 */
final class Merging {
  private Merging() {}

  static List<PairChange> merge(List<PairChange> changes) {
    List<PairChange> bySource =
        join(
            changes,
            PairChange::to,
            PairChange::from,
            (first, from) -> copy(first, from, first.to()));
    return join(
        bySource, PairChange::from, PairChange::to, (first, to) -> copy(first, first.from(), to));
  }

  private interface Joined {
    PairChange of(PairChange first, String joined);
  }

  /** Joins the changes equal in {@code kept} and in all else but {@code joined}. */
  private static List<PairChange> join(
      List<PairChange> changes,
      Function<PairChange, String> kept,
      Function<PairChange, String> joinedEnd,
      Joined joined) {
    Map<List<Object>, List<PairChange>> groups = new LinkedHashMap<>();
    changes.forEach(
        c ->
            groups
                .computeIfAbsent(
                    List.of(
                        kept.apply(c),
                        c.kind(),
                        c.opened(),
                        c.closed(),
                        c.baseAllowedBy(),
                        c.headAllowedBy()),
                    k -> new ArrayList<>())
                .add(c));
    List<PairChange> out = new ArrayList<>();
    for (List<PairChange> group : groups.values()) {
      List<String> names = group.stream().map(joinedEnd).toList();
      out.add(group.size() == 1 ? group.get(0) : joined.of(group.get(0), String.join(", ", names)));
    }
    return out;
  }

  private static PairChange copy(PairChange c, String from, String to) {
    return new PairChange(
        from, to, c.kind(), c.opened(), c.closed(), c.baseAllowedBy(), c.headAllowedBy());
  }
}
