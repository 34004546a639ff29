package io.appseg.flows;

import com.fasterxml.jackson.databind.JsonNode;
import io.appseg.netpol.Protocol;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One line of {@code hubble observe -o json}: a flow, or a response wrapping one in {@code flow}.
 * Fields read: {@code time}, {@code IP.source}/{@code destination}, {@code l4.TCP|UDP|SCTP
 * .destination_port}, {@code source}/{@code destination} endpoints ({@code namespace}, {@code
 * pod_name}, {@code labels}, {@code workloads}), {@code is_reply}. Replies are the answer half of a
 * connection already counted, so they are skipped.
 */
final class HubbleLine {
  /** Cilium's labels from Kubernetes; others (reserved:, cidr:) describe identities, not pods. */
  private static final String K8S = "k8s:";

  private static final String NAMESPACE_LABEL = "io.cilium.k8s.namespace.labels.";
  private static final String CILIUM = "io.cilium.k8s.";
  private static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";

  /** Ends remembered per file: enough for a cluster's pods, bounded for any input. */
  private static final int MAX_CACHED = 100_000;

  private HubbleLine() {}

  static boolean looksLike(JsonNode line) {
    JsonNode flow = line.has("flow") ? line.get("flow") : line;
    return flow.has("IP") || flow.has("l4") || flow.has("source") && flow.has("verdict");
  }

  /**
   * {@code ends} holds the ends already read, by namespace, pod and address: a pod's labels are
   * parsed and checked once, not on each of its flows (its first record's labels are kept anyway).
   */
  static LineResult parse(JsonNode line, Map<String, FlowEnd> ends) {
    JsonNode flow = line.has("flow") ? line.get("flow") : line;
    if (flow.path("is_reply").asBoolean(false) || flow.path("reply").asBoolean(false)) {
      return LineResult.skip("reply");
    }
    JsonNode l4 = flow.path("l4");
    Protocol protocol = null;
    for (Protocol p : Protocol.values()) {
      if (l4.has(p.name())) {
        protocol = p;
      }
    }
    if (protocol == null) {
      return LineResult.skip("no port (ICMP or no layer 4)");
    }
    int port =
        Ends.port(
            "l4." + protocol + ".destination_port",
            Json.number(
                l4.get(protocol.name()),
                "l4." + protocol + ".destination_port",
                "destination_port"));
    Instant time = Json.time(Json.text(flow, "time"), "time");
    FlowEnd source =
        cached(ends, flow.path("source"), Json.text(flow.path("IP"), "source"), "source.");
    FlowEnd destination =
        cached(
            ends,
            flow.path("destination"),
            Json.text(flow.path("IP"), "destination"),
            "destination.");
    return LineResult.of(new Observation(source, destination, port, protocol, time, time, 1));
  }

  private static FlowEnd cached(
      Map<String, FlowEnd> ends, JsonNode endpoint, String ip, String where) {
    String key =
        Json.text(endpoint, "namespace")
            + "/"
            + Json.text(endpoint, "pod_name", "podName")
            + "|"
            + ip;
    FlowEnd known = ends.get(key);
    if (known != null) {
      return known;
    }
    FlowEnd end = end(endpoint, ip, where);
    if (ends.size() >= MAX_CACHED) {
      ends.clear();
    }
    ends.put(key, end);
    return end;
  }

  private static FlowEnd end(JsonNode endpoint, String ip, String where) {
    String pod = Json.text(endpoint, "pod_name", "podName");
    if (pod == null) {
      if (ip == null) {
        throw new IllegalArgumentException("IP." + where.replace(".", "") + ": missing");
      }
      return FlowEnd.address(Ends.address("IP." + where.replace(".", ""), ip));
    }
    Map<String, String> labels = new HashMap<>();
    Map<String, String> namespaceLabels = new HashMap<>();
    for (JsonNode l : endpoint.path("labels")) {
      String text = l.asText();
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
    String workload = Json.text(endpoint.path("workloads").path(0), "name");
    return Ends.pod(
        where, Json.text(endpoint, "namespace"), pod, ip, labels, namespaceLabels, workload);
  }
}
