package io.appseg.verify;

import io.appseg.api.v1alpha1.Protocol;
import java.util.Comparator;

/** A destination port and protocol the verifier asks about. */
public record Probe(int port, Protocol protocol) implements Comparable<Probe> {
  private static final Comparator<Probe> ORDER =
      Comparator.comparingInt(Probe::port).thenComparing(Probe::protocol);

  @Override
  public int compareTo(Probe o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return port + "/" + protocol;
  }
}
