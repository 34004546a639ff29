package io.appseg.netpol;

import java.util.Arrays;
import java.util.List;

/**
 * A pod x pod reachability table for one port and protocol: {@code allowed[i][j]} says whether
 * {@code pods[i]} may connect to {@code pods[j]}. Serialises to JSON as nested arrays.
 */
public record Matrix(
    List<Endpoint> pods, Port port, Protocol protocol, boolean[][] allowed, List<String> notes) {

  public Matrix {
    pods = List.copyOf(pods);
    notes = List.copyOf(notes);
    allowed = copy(allowed);
  }

  /** A copy: the table itself is never exposed for mutation. */
  @Override
  public boolean[][] allowed() {
    return copy(allowed);
  }

  public boolean allowed(int source, int destination) {
    return allowed[source][destination];
  }

  public boolean allowed(Endpoint source, Endpoint destination) {
    int i = pods.indexOf(source);
    int j = pods.indexOf(destination);
    if (i < 0 || j < 0) {
      throw new IllegalArgumentException("not in this matrix: " + (i < 0 ? source : destination));
    }
    return allowed[i][j];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m
        && pods.equals(m.pods)
        && port.equals(m.port)
        && protocol == m.protocol
        && Arrays.deepEquals(allowed, m.allowed)
        && notes.equals(m.notes);
  }

  @Override
  public int hashCode() {
    return 31 * pods.hashCode() + Arrays.deepHashCode(allowed);
  }

  @Override
  public String toString() {
    return "Matrix[" + pods.size() + " pods, " + port + "/" + protocol + "]";
  }

  private static boolean[][] copy(boolean[][] table) {
    return Arrays.stream(table).map(boolean[]::clone).toArray(boolean[][]::new);
  }
}
