package io.appseg.flows;

import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** Observed ports collapsed into the fewest port specs: consecutive numbers become one range. */
final class PortRanges {
  /** A port and protocol as observed. */
  record Observed(Protocol protocol, int port) implements Comparable<Observed> {
    @Override
    public int compareTo(Observed o) {
      int c = protocol.compareTo(o.protocol);
      return c != 0 ? c : Integer.compare(port, o.port);
    }
  }

  private PortRanges() {}

  static List<PortSpec> collapse(SortedSet<Observed> ports) {
    List<PortSpec> out = new ArrayList<>();
    Observed start = null;
    Observed previous = null;
    for (Observed p : ports) {
      if (previous != null
          && p.protocol() == previous.protocol()
          && p.port() == previous.port() + 1) {
        previous = p;
        continue;
      }
      if (start != null) {
        out.add(spec(start, previous));
      }
      start = p;
      previous = p;
    }
    if (start != null) {
      out.add(spec(start, previous));
    }
    return out;
  }

  private static PortSpec spec(Observed first, Observed last) {
    return new PortSpec(
        new IntOrString(first.port()),
        last.port() == first.port() ? null : last.port(),
        first.protocol());
  }
}
