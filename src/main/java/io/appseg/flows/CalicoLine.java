package io.appseg.flows;

import com.fasterxml.jackson.databind.JsonNode;
import io.appseg.netpol.Protocol;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One Calico flow log as Goldmane (the API behind Whisker) returns it: a {@code FlowResult} or a
 * {@code Flow}, with the key fields {@code source_name}, {@code source_namespace}, {@code
 * source_type}, the same for {@code dest_}, {@code dest_port}, {@code proto}, and {@code
 * start_time}, {@code end_time}, {@code source_labels}, {@code dest_labels}, {@code
 * num_connections_started}, in proto spelling or protobuf JSON's camelCase. A workload name stands
 * for the pods sharing a generated name ({@code frontend-7d9f8c-*}); such a flow is one aggregate
 * pod. Goldmane names networks, not addresses ({@code pub}, {@code pvt}), so a flow with an
 * external end is skipped: there is no address to judge.
 */
final class CalicoLine {
  private static final Set<String> WORKLOAD = Set.of("WorkloadEndpoint", "1");

  private CalicoLine() {}

  static boolean looksLike(JsonNode line) {
    JsonNode flow = line.has("flow") ? line.get("flow") : line;
    return flow.has("Key") || flow.has("key");
  }

  static LineResult parse(JsonNode line) {
    JsonNode flow = line.has("flow") ? line.get("flow") : line;
    JsonNode key = Json.field(flow, "Key", "key");
    String proto = Json.text(key, "proto");
    Protocol protocol;
    try {
      protocol = Protocol.parse(proto == null ? "" : proto);
    } catch (IllegalArgumentException e) {
      return LineResult.skip("no port (ICMP or no layer 4)");
    }
    if (!WORKLOAD.contains(String.valueOf(Json.text(key, "source_type", "sourceType")))
        || !WORKLOAD.contains(String.valueOf(Json.text(key, "dest_type", "destType")))) {
      return LineResult.skip("an end that is not a pod (Goldmane gives networks no address)");
    }
    int port =
        Ends.port("Key.dest_port", Json.number(key, "Key.dest_port", "dest_port", "destPort"));
    Instant first =
        Instant.ofEpochSecond(Json.number(flow, "start_time", "start_time", "startTime"));
    Instant last = Instant.ofEpochSecond(Json.number(flow, "end_time", "end_time", "endTime"));
    long count = 1;
    JsonNode started = Json.field(flow, "num_connections_started", "numConnectionsStarted");
    if (!started.isMissingNode()) {
      count =
          Math.max(
              1,
              Json.number(
                  flow,
                  "num_connections_started",
                  "num_connections_started",
                  "numConnectionsStarted"));
    }
    FlowEnd source = end(key, flow, "source", "Key.source_");
    FlowEnd destination = end(key, flow, "dest", "Key.dest_");
    return LineResult.of(new Observation(source, destination, port, protocol, first, last, count));
  }

  private static FlowEnd end(JsonNode key, JsonNode flow, String side, String where) {
    String name = Json.text(key, side + "_name", side + "Name");
    if (name != null && name.endsWith("-*")) {
      name = name.substring(0, name.length() - 2);
    }
    Map<String, String> labels = new HashMap<>();
    for (JsonNode l : Json.field(flow, side + "_labels", side + "Labels")) {
      String text = l.asText();
      int eq = text.indexOf('=');
      if (eq > 0) {
        labels.put(text.substring(0, eq), text.substring(eq + 1));
      }
    }
    return Ends.pod(
        where,
        Json.text(key, side + "_namespace", side + "Namespace"),
        name,
        null,
        labels,
        Map.of(),
        null);
  }
}
