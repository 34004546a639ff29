package io.appseg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.Port;
import io.appseg.netpol.Protocol;
import io.appseg.text.Escape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code kind: ConnectivityExpectations} documents. Every problem is reported at once, each
 * with its file and field path, like an invalid AppSegmentation.
 *
 * <pre>
 * apiVersion: appseg.io/v1alpha1
 * kind: ConnectivityExpectations
 * expectations:
 *   - {from: three-tier/frontend, to: three-tier/backend, port: 8080, expect: allowed}
 *   - {from: {namespace: production, labels: {tier: frontend}}, to: 192.0.2.1, port: 443, expect: denied}
 * </pre>
 */
final class ExpectationsReader {
  static final String KIND = "ConnectivityExpectations";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> FIELDS = Set.of("from", "to", "port", "protocol", "expect");
  private static final Set<String> END_FIELDS =
      Set.of("tier", "pod", "namespace", "namespaceLabels", "labels", "ip");

  private final List<String> problems = new ArrayList<>();

  static boolean isExpectations(Document d) {
    return KIND.equals(d.kind()) && d.apiVersion().startsWith(CrdConstants.GROUP + "/");
  }

  /** The expectations of these documents, in order. */
  static List<Expectation> read(List<Document> documents) throws InputException {
    ExpectationsReader reader = new ExpectationsReader();
    List<Expectation> out = new ArrayList<>();
    documents.forEach(d -> out.addAll(reader.document(d)));
    if (!reader.problems.isEmpty()) {
      throw new InputException(reader.problems);
    }
    return out;
  }

  private List<Expectation> document(Document d) {
    JsonNode root = JSON.valueToTree(d.content());
    JsonNode list = root.path("expectations");
    List<Expectation> out = new ArrayList<>();
    if (!list.isArray()) {
      problem(d.where(), "expectations", "must be a list of {from, to, port, protocol, expect}");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      Expectation e = expectation(d.where(), "expectations[" + i + "]", list.get(i));
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  private Expectation expectation(String file, String path, JsonNode node) {
    int before = problems.size();
    if (!node.isObject()) {
      problem(file, path, "must be a map with from, to, port and expect");
      return null;
    }
    unknownFields(file, path, node, FIELDS);
    Expectation.End from = end(file, path + ".from", node.get("from"));
    Expectation.End to = end(file, path + ".to", node.get("to"));
    Port port = port(file, path + ".port", node.get("port"));
    Protocol protocol = protocol(file, path + ".protocol", node.get("protocol"));
    String expect = node.path("expect").asText("");
    if (!expect.equals("allowed") && !expect.equals("denied")) {
      problem(file, path + ".expect", "must be allowed or denied, not " + Escape.quote(expect));
    }
    return problems.size() > before
        ? null
        : new Expectation(file + ": " + path, from, to, port, protocol, expect.equals("allowed"));
  }

  private Expectation.End end(String file, String path, JsonNode node) {
    if (node == null || node.isNull()) {
      problem(file, path, "is required: app/tier, namespace/pod, an IP, or {namespace, labels}");
      return null;
    }
    if (node.isTextual()) {
      String text = node.asText();
      return text.contains("/") && !text.contains(":") && !text.contains(".")
          ? new Expectation.End(path, text, text, null, null, null, null)
          : new Expectation.End(path, null, null, null, null, null, address(file, path, text));
    }
    unknownFields(file, path, node, END_FIELDS);
    int forms =
        (node.has("tier") ? 1 : 0)
            + (node.has("pod") ? 1 : 0)
            + (node.has("ip") ? 1 : 0)
            + (node.has("namespace") || node.has("namespaceLabels") ? 1 : 0);
    if (forms != 1
        || node.has("namespace") && node.has("namespaceLabels")
        || node.has("labels") && !(node.has("namespace") || node.has("namespaceLabels"))) {
      problem(
          file,
          path,
          "give one of tier, pod, ip, or pods: namespace or namespaceLabels, with labels");
      return null;
    }
    return new Expectation.End(
        path,
        text(node, "tier"),
        text(node, "pod"),
        text(node, "namespace"),
        labels(file, path + ".namespaceLabels", node.get("namespaceLabels")),
        labels(file, path + ".labels", node.get("labels")),
        node.has("ip") ? address(file, path + ".ip", text(node, "ip")) : null);
  }

  /**
   * An IP address, checked here so that a typo is an error with its path, not a failed expectation.
   */
  private String address(String file, String path, String text) {
    try {
      return Endpoint.ip(text).ip();
    } catch (IllegalArgumentException e) {
      problem(
          file, path, Escape.quote(text) + " is neither app/tier, namespace/pod nor an IP address");
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    return node.has(field) ? node.get(field).asText() : null;
  }

  private Map<String, String> labels(String file, String path, JsonNode node) {
    if (node == null) {
      return null;
    }
    Map<String, String> labels = new TreeMap<>();
    if (!node.isObject()) {
      problem(file, path, "must be a map of label keys to values");
      return labels;
    }
    node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private Port port(String file, String path, JsonNode node) {
    if (node == null || !(node.isInt() || node.isTextual())) {
      problem(file, path, "is required: a number (1-65535) or a container port name");
      return null;
    }
    try {
      return node.isInt() ? Port.of(node.asInt()) : Port.named(node.asText());
    } catch (IllegalArgumentException e) {
      problem(file, path, e.getMessage());
      return null;
    }
  }

  private Protocol protocol(String file, String path, JsonNode node) {
    if (node == null) {
      return Protocol.TCP;
    }
    try {
      return Protocol.valueOf(node.asText());
    } catch (IllegalArgumentException e) {
      problem(file, path, Escape.quote(node.asText()) + " is not TCP, UDP or SCTP");
      return null;
    }
  }

  private void unknownFields(String file, String path, JsonNode node, Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problem(
            file,
            path,
            "unknown field "
                + Escape.quote(name)
                + "; allowed here: "
                + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  private void problem(String file, String path, String message) {
    problems.add(file + ": " + path + ": " + message);
  }
}
