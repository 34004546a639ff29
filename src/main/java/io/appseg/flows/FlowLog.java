package io.appseg.flows;

import io.appseg.netpol.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observed flows aggregated by connection (source, destination, port, protocol; the source port is
 * dropped): counts and first/last seen, never the raw records, so memory grows with the distinct
 * connections only, and at most {@code limit} of them are kept (the rest are counted as dropped).
 * An end keeps what its first record said of it (labels, workload).
 */
public final class FlowLog {
  /** A connection observed {@code count} times between {@code first} and {@code last}. */
  public record Connection(
      FlowEnd source,
      FlowEnd destination,
      int port,
      Protocol protocol,
      long count,
      Instant first,
      Instant last) {}

  /**
   * A connection as it is counted. Its ends are this log's own instances, one per end, so a key
   * compares and hashes them by identity: no key string is built per observation.
   */
  private static final class Tally {
    final FlowEnd source;
    final FlowEnd destination;
    final int port;
    final Protocol protocol;
    long count;
    Instant first;
    Instant last;

    Tally(FlowEnd source, FlowEnd destination, int port, Protocol protocol) {
      this.source = source;
      this.destination = destination;
      this.port = port;
      this.protocol = protocol;
    }

    void add(long n, Instant from, Instant to) {
      count += n;
      first = first == null || from.isBefore(first) ? from : first;
      last = last == null || to.isAfter(last) ? to : last;
    }

    Tally copy() {
      Tally t = new Tally(source, destination, port, protocol);
      t.add(count, first, last);
      return t;
    }

    Connection connection() {
      return new Connection(source, destination, port, protocol, count, first, last);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tally t
          && t.source == source
          && t.destination == destination
          && t.port == port
          && t.protocol == protocol;
    }

    @Override
    public int hashCode() {
      return ((System.identityHashCode(source) * 31 + System.identityHashCode(destination)) * 31
                  + port)
              * 31
          + protocol.ordinal();
    }
  }

  /** Instances seen recently and this log's own instance of each: bounded, as it is a shortcut. */
  private static final int MAX_SEEN = 10_000;

  private final int limit;

  /** Each tally is its own key; insertion order keeps the limit's choice the same run to run. */
  private final Map<Tally, Tally> connections = new LinkedHashMap<>();

  private final Map<String, FlowEnd> ends = new HashMap<>();
  private final Map<FlowEnd, FlowEnd> seen = new IdentityHashMap<>();
  private long dropped;

  public FlowLog(int limit) {
    this.limit = limit;
  }

  int limit() {
    return limit;
  }

  public void add(Observation o) {
    add(o.source(), o.destination(), o.port(), o.protocol(), o.count(), o.first(), o.last());
  }

  /**
   * Adds {@code other}'s connections, as if its observations had been added here in order (a part
   * of a file read on its own, merged in file order).
   */
  public void addAll(FlowLog other) {
    for (Tally t : other.connections.keySet()) {
      add(t.source, t.destination, t.port, t.protocol, t.count, t.first, t.last);
    }
    dropped += other.dropped;
  }

  private void add(
      FlowEnd from,
      FlowEnd to,
      int port,
      Protocol protocol,
      long count,
      Instant first,
      Instant last) {
    Tally probe = new Tally(own(from), own(to), port, protocol);
    Tally known = connections.get(probe);
    if (known != null) {
      known.add(count, first, last);
    } else if (connections.size() < limit) {
      probe.add(count, first, last);
      connections.put(probe, probe);
    } else {
      dropped += count;
    }
  }

  /**
   * This log's instance of {@code end}: the first one with its key (what its first record said).
   */
  private FlowEnd own(FlowEnd end) {
    FlowEnd known = seen.get(end);
    if (known != null) {
      return known;
    }
    FlowEnd mine = ends.computeIfAbsent(end.key(), k -> end);
    if (seen.size() >= MAX_SEEN) {
      seen.clear();
    }
    seen.put(end, mine);
    return mine;
  }

  /** The connections in a fixed order: source, destination, protocol, port. */
  public List<Connection> connections() {
    List<Connection> out = new ArrayList<>(connections.size());
    connections.keySet().forEach(t -> out.add(t.connection()));
    out.sort(
        Comparator.comparing((Connection c) -> c.source().key())
            .thenComparing(c -> c.destination().key())
            .thenComparing(Connection::protocol)
            .thenComparingInt(Connection::port));
    return out;
  }

  /** A copy that later additions to this log do not change. */
  public FlowLog copy() {
    FlowLog out = new FlowLog(limit);
    connections
        .keySet()
        .forEach(
            t -> {
              Tally c = t.copy();
              out.connections.put(c, c);
            });
    out.ends.putAll(ends);
    out.dropped = dropped;
    return out;
  }

  /** Observations not kept because the limit of distinct connections was reached. */
  public long dropped() {
    return dropped;
  }

  public boolean isEmpty() {
    return connections.isEmpty();
  }
}
