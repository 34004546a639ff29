package io.appseg.flows;

import io.appseg.flows.HubbleFields.Endpoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * What identifies an end on a Hubble line, the key of the ends already built: its names, address,
 * and the bytes of its labels and of its workloads as written, so that a pod relabelled between two
 * records is a new end, whichever thread reads which record first. A probe points into the line; a
 * stored key holds its own copies.
 */
final class EndKey {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** An odd constant with well-spread bits (the 64-bit golden ratio). */
  private static final long MIX = 0x9E3779B97F4A7C15L;

  private final String namespace;
  private final String pod;
  private final String ip;
  private final byte[] raw;
  private final int labelsFrom;
  private final int labelsTo;
  private final int workloadsFrom;
  private final int workloadsTo;
  private final int hash;

  /**
   * The labels are {@code raw[labelsFrom, labelsTo)}, the workloads the same; both may be empty.
   */
  private EndKey(
      String namespace,
      String pod,
      String ip,
      byte[] raw,
      int labelsFrom,
      int labelsTo,
      int workloadsFrom,
      int workloadsTo) {
    this.namespace = namespace;
    this.pod = pod;
    this.ip = ip;
    this.raw = raw;
    this.labelsFrom = labelsFrom;
    this.labelsTo = labelsTo;
    this.workloadsFrom = workloadsFrom;
    this.workloadsTo = workloadsTo;
    int h = Objects.hash(namespace, pod, ip);
    this.hash = hash(workloadsFrom, workloadsTo, hash(labelsFrom, labelsTo, h));
  }

  static EndKey probe(Endpoint e, String ip, byte[] line) {
    boolean labelled = e.labelsFrom >= 0;
    boolean owned = e.workloadsFrom >= 0;
    return new EndKey(
        e.namespace,
        e.pod,
        ip,
        line,
        labelled ? e.labelsFrom : 0,
        labelled ? e.labelsTo : 0,
        owned ? e.workloadsFrom : 0,
        owned ? e.workloadsTo : 0);
  }

  EndKey stored() {
    int labelled = labelsTo - labelsFrom;
    int owned = workloadsTo - workloadsFrom;
    byte[] copy = new byte[labelled + owned];
    System.arraycopy(raw, labelsFrom, copy, 0, labelled);
    System.arraycopy(raw, workloadsFrom, copy, labelled, owned);
    return new EndKey(namespace, pod, ip, copy, 0, labelled, labelled, labelled + owned);
  }

  /**
   * Eight bytes a step: the labels are hashed for every end of every line, and a byte at a time
   * that is a chain of multiplications as long as the labels.
   */
  private int hash(int from, int to, int h) {
    long x = h;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      x = x * MIX + (long) WORDS.get(raw, i);
    }
    for (; i < to; i++) {
      x = x * MIX + raw[i];
    }
    return (int) (x ^ x >>> 32);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EndKey k
        && k.hash == hash
        && Objects.equals(k.namespace, namespace)
        && Objects.equals(k.pod, pod)
        && Objects.equals(k.ip, ip)
        && Arrays.equals(k.raw, k.labelsFrom, k.labelsTo, raw, labelsFrom, labelsTo)
        && Arrays.equals(k.raw, k.workloadsFrom, k.workloadsTo, raw, workloadsFrom, workloadsTo);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
