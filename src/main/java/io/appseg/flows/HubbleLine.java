package io.appseg.flows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.appseg.flows.HubbleFields.Endpoint;
import io.appseg.flows.HubbleFields.Flow;
import io.appseg.flows.HubbleFields.Line;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One line of {@code hubble observe -o json}: a flow, or a response wrapping one in {@code flow}.
 * Fields read: {@code time}, {@code IP.source}/{@code destination}, {@code l4.TCP|UDP|SCTP
 * .destination_port}, {@code source}/{@code destination} endpoints ({@code namespace}, {@code
 * pod_name}, {@code labels}, {@code workloads}), {@code is_reply}. Replies are the answer half of a
 * connection already counted, so they are skipped.
 *
 * <p>A line is about 1 KB and most of it (MAC addresses, TCP flags, summaries) is not needed: it is
 * read by {@link HubbleScanner}, which skips that without building tokens, or, when the scanner
 * cannot read it with certainty, by {@link HubbleJackson}. An endpoint's labels and workloads are
 * only located on the line and parsed when its pod is new to the {@code ends} cache, which is once
 * per pod, not once per flow.
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
   * The line {@code bytes[from, to)} (a JSON object) read as a Hubble flow, {@link #CALICO} when it
   * is a Calico record; {@code scanned} is what {@link HubbleScanner} read of it, if it was asked
   * already; {@code ends} holds the ends already built, by namespace, pod and address.
   */
  static LineResult parse(
      JsonFactory json, byte[] bytes, int from, int to, Line scanned, Map<EndKey, FlowEnd> ends)
      throws IOException {
    Line line = scanned != null ? scanned : HubbleScanner.read(bytes, from, to);
    return result(
        json, bytes, line != null ? line : HubbleJackson.read(json, bytes, from, to), ends);
  }

  /**
   * What a line says, read by either reader (null when it is not a JSON object): an observation, a
   * skip, or an {@link IllegalArgumentException} naming the field that is wrong.
   */
  static LineResult result(JsonFactory json, byte[] bytes, Line line, Map<EndKey, FlowEnd> ends)
      throws IOException {
    if (line == null) {
      return LineResult.skip("not a flow record");
    }
    Flow flow = line.wrapped != null ? line.wrapped : line.top;
    if (flow.calico) {
      return CALICO;
    }
    if (line.wrapped == null && !flow.looksLikeFlow()) {
      return LineResult.skip("not a flow record");
    }
    return observation(json, bytes, flow, ends);
  }

  private static LineResult observation(
      JsonFactory json, byte[] bytes, Flow f, Map<EndKey, FlowEnd> ends) throws IOException {
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
        name = HubbleJackson.text(p, v);
      }
      p.skipChildren();
    }
    return name;
  }
}
