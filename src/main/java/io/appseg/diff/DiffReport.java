package io.appseg.diff;

import java.util.List;

/**
 * How connectivity and the generated policies differ between two versions, in a fixed order: apps
 * by {@code namespace/name}, then changes by source and destination; policies by namespace and
 * name.
 *
 * @param reordered policies whose rules only moved (rule order means nothing to NetworkPolicy, R02)
 */
public record DiffReport(
    String base,
    String head,
    List<AppChanges> apps,
    List<PolicyChange> policies,
    List<String> reordered) {

  public enum Kind {
    OPENED,
    CLOSED,
    PORTS_CHANGED
  }

  public enum Change {
    CREATED,
    CHANGED,
    REMOVED
  }

  /**
   * The changes whose source (or else destination) is a tier of {@code app}; app {@code -} holds
   * the rest.
   */
  public record AppChanges(String app, List<PairChange> changes) {
    public AppChanges {
      changes = List.copyOf(changes);
    }
  }

  /**
   * One source group to one destination group: the probed ports that opened and closed, and what
   * allows them on the side that allows them ({@code spec.flows[i]}, {@code spec.dns}, a policy, or
   * {@code not isolated}).
   */
  public record PairChange(
      String from,
      String to,
      Kind kind,
      List<String> opened,
      List<String> closed,
      List<String> baseAllowedBy,
      List<String> headAllowedBy) {
    public PairChange {
      opened = List.copyOf(opened);
      closed = List.copyOf(closed);
      baseAllowedBy = List.copyOf(baseAllowedBy);
      headAllowedBy = List.copyOf(headAllowedBy);
    }
  }

  public record PolicyChange(String policy, Change change) {}

  public DiffReport {
    apps = List.copyOf(apps);
    policies = List.copyOf(policies);
    reordered = List.copyOf(reordered);
  }

  public boolean anyOpened() {
    return apps.stream().flatMap(a -> a.changes().stream()).anyMatch(c -> !c.opened().isEmpty());
  }

  public boolean anyClosed() {
    return apps.stream().flatMap(a -> a.changes().stream()).anyMatch(c -> !c.closed().isEmpty());
  }

  public int connectionChanges() {
    return apps.stream().mapToInt(a -> a.changes().size()).sum();
  }
}
