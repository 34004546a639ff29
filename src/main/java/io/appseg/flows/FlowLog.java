package io.appseg.flows;

import io.appseg.netpol.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
      Instant last) {
    Connection merge(Observation o) {
      return new Connection(
          source,
          destination,
          port,
          protocol,
          count + o.count(),
          o.first().isBefore(first) ? o.first() : first,
          o.last().isAfter(last) ? o.last() : last);
    }
  }

  private record Key(String source, String destination, int port, Protocol protocol) {}

  private final int limit;
  private final Map<Key, Connection> connections = new HashMap<>();
  private final Map<String, FlowEnd> ends = new HashMap<>();
  private long dropped;

  public FlowLog(int limit) {
    this.limit = limit;
  }

  public void add(Observation o) {
    FlowEnd source = ends.computeIfAbsent(o.source().key(), k -> o.source());
    FlowEnd destination = ends.computeIfAbsent(o.destination().key(), k -> o.destination());
    Key key = new Key(source.key(), destination.key(), o.port(), o.protocol());
    Connection known = connections.get(key);
    if (known != null) {
      connections.put(key, known.merge(o));
    } else if (connections.size() < limit) {
      connections.put(
          key,
          new Connection(
              source, destination, o.port(), o.protocol(), o.count(), o.first(), o.last()));
    } else {
      dropped += o.count();
    }
  }

  /** The connections in a fixed order: source, destination, protocol, port. */
  public List<Connection> connections() {
    List<Connection> out = new ArrayList<>(connections.values());
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
    out.connections.putAll(connections);
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
