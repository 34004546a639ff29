package io.appseg.flows;

import io.appseg.netpol.Protocol;

/**
 * What a Hubble line says that the reader needs, as {@link HubbleScanner} or, for a line it cannot
 * read with certainty, {@link HubbleJackson} found it. Both fill it by the same rules, field by
 * field, so that a line gives the same result whichever read it.
 */
final class HubbleFields {
  private HubbleFields() {}

  /** A line: its own fields, and those of the {@code flow} object it wraps, if any. */
  static final class Line {
    final Flow top = new Flow();

    /** The last {@code flow} object of the line; a repeated one replaces the earlier. */
    Flow wrapped;

    /** Where the scanner stopped: just past the line's object (what follows it is not read). */
    int end;

    Flow wrap() {
      wrapped = new Flow();
      return wrapped;
    }
  }

  /** The fields of one flow object (the line itself, or its {@code flow}). */
  static final class Flow {
    boolean hasIp;
    boolean hasL4;
    boolean hasSource;
    boolean hasVerdict;
    boolean calico;
    boolean reply;
    String time;
    String sourceIp;
    String destinationIp;
    Protocol protocol;
    long port = -1;
    String portProblem = "missing";
    final Endpoint source = new Endpoint();
    final Endpoint destination = new Endpoint();

    boolean looksLikeFlow() {
      return hasIp || hasL4 || hasSource && hasVerdict;
    }

    /**
     * Layer 4 holds exactly one protocol; of several, the last of TCP, UDP, SCTP wins. True when
     * {@code p} is now the protocol, whose destination port is then read afresh.
     */
    boolean protocol(Protocol p) {
      if (p == null || protocol != null && p.compareTo(protocol) <= 0) {
        return false;
      }
      protocol = p;
      port = -1;
      portProblem = "missing";
      return true;
    }

    /** {@code destination_port} as a number; the first one read counts. */
    void port(long value) {
      port = value;
      portProblem = null;
    }

    /** {@code destination_port} as the string protobuf's JSON writes 64-bit integers as. */
    void port(String text) {
      try {
        port(Long.parseLong(text));
      } catch (NumberFormatException e) {
        port = 0;
        portProblem = "not a number";
      }
    }
  }

  /** One endpoint object: names read, labels and workloads only located on the line. */
  static final class Endpoint {
    String namespace;
    String pod;
    int labelsFrom = -1;
    int labelsTo;
    int workloadsFrom = -1;
    int workloadsTo;
  }

  /** The protocol a member of {@code l4} is named after, null for others (ICMPv4, ...). */
  static Protocol protocol(String name) {
    return switch (name) {
      case "TCP" -> Protocol.TCP;
      case "UDP" -> Protocol.UDP;
      case "SCTP" -> Protocol.SCTP;
      default -> null;
    };
  }
}
