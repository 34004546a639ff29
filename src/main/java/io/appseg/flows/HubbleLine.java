package io.appseg.flows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.appseg.netpol.Protocol;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code hubble observe -o json}: a flow, or a response wrapping one in {@code flow}.
 * Fields read: {@code time}, {@code IP.source}/{@code destination}, {@code l4.TCP|UDP|SCTP
 * .destination_port}, {@code source}/{@code destination} endpoints ({@code namespace}, {@code
 * pod_name}, {@code labels}, {@code workloads}), {@code is_reply}. Replies are the answer half of a
 * connection already counted, so they are skipped.
 *
 * <p>Read with a streaming parser: a line is about 1 KB and most of it (MAC addresses, TCP flags,
 * summaries) is skipped unread. An endpoint's labels and workloads are only located on the line and
 * parsed when its pod is new to the {@code ends} cache, which is once per pod, not once per flow.
 */
final class HubbleLine {
  /** Cilium's labels from Kubernetes; others (reserved:, cidr:) describe identities, not pods. */
  private static final String K8S = "k8s:";

  private static final String NAMESPACE_LABEL = "io.cilium.k8s.namespace.labels.";
  private static final String CILIUM = "io.cilium.k8s.";
  private static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";

  /** Ends remembered per read (by every thread of it): enough for a cluster's pods, bounded. */
  private static final int MAX_CACHED = 100_000;

  /** What a Calico record is told by; such a line is read by {@link CalicoLine}. */
  static final LineResult CALICO = LineResult.skip("calico");

  private HubbleLine() {}

  /**
   * What identifies an end on a line, the key of the ends already built: its names, address, and
   * the bytes of its labels and workloads as written, so that a pod relabelled between two records
   * is a new end, whichever thread reads which record first. A probe points into the line; a stored
   * key holds its own copy.
   */
  static final class EndKey {
    private final String namespace;
    private final String pod;
    private final String ip;
    private final byte[] raw;
    private final int from;
    private final int to;
    private final int hash;

    private EndKey(String namespace, String pod, String ip, byte[] raw, int from, int to) {
      this.namespace = namespace;
      this.pod = pod;
      this.ip = ip;
      this.raw = raw;
      this.from = from;
      this.to = to;
      int h = Objects.hash(namespace, pod, ip);
      for (int i = from; i < to; i++) {
        h = 31 * h + raw[i];
      }
      this.hash = h;
    }

    static EndKey probe(Endpoint e, String ip, byte[] line) {
      int from = e.labelsFrom < 0 ? e.workloadsFrom : e.labelsFrom;
      int to = e.workloadsFrom < 0 ? e.labelsTo : e.workloadsTo;
      return from < 0
          ? new EndKey(e.namespace, e.pod, ip, line, 0, 0)
          : new EndKey(e.namespace, e.pod, ip, line, Math.min(from, to), Math.max(from, to));
    }

    EndKey stored() {
      return new EndKey(namespace, pod, ip, Arrays.copyOfRange(raw, from, to), 0, to - from);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EndKey k
          && k.hash == hash
          && Objects.equals(k.namespace, namespace)
          && Objects.equals(k.pod, pod)
          && Objects.equals(k.ip, ip)
          && Arrays.equals(k.raw, k.from, k.to, raw, from, to);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** One endpoint object as found on the line: names read, labels and workloads only located. */
  static final class Endpoint {
    String namespace;
    String pod;
    int labelsFrom = -1;
    int labelsTo;
    int workloadsFrom = -1;
    int workloadsTo;
  }

  /** The fields of one flow object (the line itself, or its {@code flow}). */
  private static final class Fields {
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
  }

  /**
   * The line {@code bytes[from, to)} (a JSON object) read as a Hubble flow, {@link #CALICO} when it
   * is a Calico record; {@code ends} holds the ends already built, by namespace, pod and address.
   */
  static LineResult parse(
      JsonFactory json, byte[] bytes, int from, int to, Map<EndKey, FlowEnd> ends)
      throws IOException {
    Fields top = new Fields();
    Fields wrapped = null;
    try (JsonParser p = json.createParser(bytes, from, to - from)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return LineResult.skip("not a flow record");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("flow") && value == JsonToken.START_OBJECT) {
          wrapped = new Fields();
          readFlow(p, wrapped, from);
        } else {
          field(p, name, value, top, from);
        }
      }
    }
    Fields flow = wrapped != null ? wrapped : top;
    if (flow.calico) {
      return CALICO;
    }
    if (wrapped == null && !top.looksLikeFlow()) {
      return LineResult.skip("not a flow record");
    }
    return observation(json, bytes, from, flow, ends);
  }

  private static void readFlow(JsonParser p, Fields f, int base) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      field(p, name, p.nextToken(), f, base);
    }
  }

  /** One field of a flow object, the parser on its value; what is not needed is skipped. */
  private static void field(JsonParser p, String name, JsonToken value, Fields f, int base)
      throws IOException {
    switch (name) {
      case "Key", "key" -> f.calico = true;
      case "verdict" -> f.hasVerdict = true;
      case "time" -> f.time = text(p, value);
      case "is_reply", "reply" -> f.reply |= isTrue(p, value);
      case "IP" -> {
        f.hasIp = true;
        ip(p, value, f);
      }
      case "l4" -> {
        f.hasL4 = true;
        l4(p, value, f);
      }
      case "source" -> {
        f.hasSource = true;
        endpoint(p, value, f.source, base);
      }
      case "destination" -> endpoint(p, value, f.destination, base);
      default -> {}
    }
    p.skipChildren();
  }

  private static void ip(JsonParser p, JsonToken value, Fields f) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("source")) {
        f.sourceIp = text(p, v);
      } else if (name.equals("destination")) {
        f.destinationIp = text(p, v);
      }
      p.skipChildren();
    }
  }

  /** The protocol is the last of TCP, UDP, SCTP present, as layer 4 holds exactly one. */
  private static void l4(JsonParser p, JsonToken value, Fields f) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      Protocol protocol = protocol(p.currentName());
      JsonToken v = p.nextToken();
      if (protocol != null && (f.protocol == null || protocol.compareTo(f.protocol) > 0)) {
        f.protocol = protocol;
        f.port = -1;
        f.portProblem = "missing";
        if (v == JsonToken.START_OBJECT) {
          destinationPort(p, f);
        }
      }
      p.skipChildren();
    }
  }

  private static Protocol protocol(String name) {
    return switch (name) {
      case "TCP" -> Protocol.TCP;
      case "UDP" -> Protocol.UDP;
      case "SCTP" -> Protocol.SCTP;
      default -> null;
    };
  }

  /** A number, also as the string protobuf's JSON writes 64-bit integers as. */
  private static void destinationPort(JsonParser p, Fields f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("destination_port") && f.port < 0 && v != JsonToken.VALUE_NULL) {
        if (v == JsonToken.VALUE_NUMBER_INT) {
          f.port =
              p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                  ? Long.MAX_VALUE
                  : p.getLongValue();
          f.portProblem = null;
        } else if (v == JsonToken.VALUE_STRING) {
          try {
            f.port = Long.parseLong(p.getText());
            f.portProblem = null;
          } catch (NumberFormatException e) {
            f.port = 0;
            f.portProblem = "not a number";
          }
        }
      }
      p.skipChildren();
    }
  }

  private static void endpoint(JsonParser p, JsonToken value, Endpoint e, int base)
      throws IOException {
    if (value != JsonToken.START_OBJECT) {
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "namespace" -> e.namespace = text(p, v);
        case "pod_name" -> e.pod = v == JsonToken.VALUE_NULL ? e.pod : text(p, v);
        case "podName" -> e.pod = e.pod == null ? text(p, v) : e.pod;
        case "labels" -> {
          e.labelsFrom = offset(p, base, true);
          p.skipChildren();
          e.labelsTo = offset(p, base, false);
        }
        case "workloads" -> {
          e.workloadsFrom = offset(p, base, true);
          p.skipChildren();
          e.workloadsTo = offset(p, base, false);
        }
        default -> {}
      }
      p.skipChildren();
    }
  }

  /** Where the current token starts ({@code start}) or where the parser stands, in the array. */
  private static int offset(JsonParser p, int base, boolean start) {
    long at =
        start ? p.currentTokenLocation().getByteOffset() : p.currentLocation().getByteOffset();
    return base + (int) at;
  }

  private static LineResult observation(
      JsonFactory json, byte[] bytes, int from, Fields f, Map<EndKey, FlowEnd> ends)
      throws IOException {
    if (f.reply) {
      return LineResult.skip("reply");
    }
    if (f.protocol == null) {
      return LineResult.skip("no port (ICMP or no layer 4)");
    }
    String where = "l4." + f.protocol + ".destination_port";
    if (f.portProblem != null) {
      throw new IllegalArgumentException(where + ": " + f.portProblem);
    }
    int port = Ends.port(where, f.port);
    Instant time = Json.time(f.time, "time");
    FlowEnd source = cached(json, bytes, ends, f.source, f.sourceIp, "source.");
    FlowEnd destination = cached(json, bytes, ends, f.destination, f.destinationIp, "destination.");
    return LineResult.of(new Observation(source, destination, port, f.protocol, time, time, 1));
  }

  private static FlowEnd cached(
      JsonFactory json,
      byte[] bytes,
      Map<EndKey, FlowEnd> ends,
      Endpoint e,
      String ip,
      String where)
      throws IOException {
    EndKey key = EndKey.probe(e, ip, bytes);
    FlowEnd known = ends.get(key);
    if (known != null) {
      return known;
    }
    FlowEnd end = end(json, bytes, e, ip, where);
    if (ends.size() >= MAX_CACHED) {
      ends.clear();
    }
    ends.put(key.stored(), end);
    return end;
  }

  private static FlowEnd end(JsonFactory json, byte[] bytes, Endpoint e, String ip, String where)
      throws IOException {
    if (e.pod == null) {
      if (ip == null) {
        throw new IllegalArgumentException("IP." + where.replace(".", "") + ": missing");
      }
      return FlowEnd.address(Ends.address("IP." + where.replace(".", ""), ip));
    }
    Map<String, String> labels = new HashMap<>();
    Map<String, String> namespaceLabels = new HashMap<>();
    if (e.labelsFrom >= 0) {
      try (JsonParser p = json.createParser(bytes, e.labelsFrom, e.labelsTo - e.labelsFrom)) {
        labels(p, labels, namespaceLabels);
      }
    }
    String workload = null;
    if (e.workloadsFrom >= 0) {
      try (JsonParser p =
          json.createParser(bytes, e.workloadsFrom, e.workloadsTo - e.workloadsFrom)) {
        workload = firstName(p);
      }
    }
    return Ends.pod(where, e.namespace, e.pod, ip, labels, namespaceLabels, workload);
  }

  /** Cilium's {@code k8s:key=value} labels: the pod's, and its namespace's by their prefix. */
  private static void labels(
      JsonParser p, Map<String, String> labels, Map<String, String> namespaceLabels)
      throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      return;
    }
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      String text = t.isScalarValue() ? p.getText() : "";
      p.skipChildren();
      int eq = text.indexOf('=');
      if (!text.startsWith(K8S) || eq < 0) {
        continue;
      }
      String key = text.substring(K8S.length(), eq);
      String value = text.substring(eq + 1);
      if (key.startsWith(NAMESPACE_LABEL)) {
        namespaceLabels.put(key.substring(NAMESPACE_LABEL.length()), value);
      } else if (!key.startsWith(CILIUM) && !key.equals(POD_NAMESPACE)) {
        labels.put(key, value);
      }
    }
  }

  /** {@code workloads[0].name}. */
  private static String firstName(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String name = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("name") && name == null) {
        name = text(p, v);
      }
      p.skipChildren();
    }
    return name;
  }

  /** A scalar's text, null when it is empty, null or not a scalar (as the record omits it). */
  private static String text(JsonParser p, JsonToken value) throws IOException {
    if (value == null || !value.isScalarValue() || value == JsonToken.VALUE_NULL) {
      return null;
    }
    String text = p.getText();
    return text.isEmpty() ? null : text;
  }

  private static boolean isTrue(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_TRUE
        || value == JsonToken.VALUE_STRING && p.getText().equalsIgnoreCase("true");
  }
}
