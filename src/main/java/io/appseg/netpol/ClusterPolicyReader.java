package io.appseg.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import io.appseg.kube.Ip;
import io.appseg.netpol.ClusterPolicy.Action;
import io.appseg.netpol.ClusterPolicy.Peer;
import io.appseg.netpol.ClusterPolicy.PodSet;
import io.appseg.netpol.ClusterPolicy.PortMatch;
import io.appseg.netpol.ClusterPolicy.Rule;
import io.appseg.netpol.ClusterPolicy.Tier;
import io.appseg.text.Escape;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a ClusterNetworkPolicy document (JSON or a generic resource from a cluster) into a {@link
 * ClusterPolicy}, checking what the API's schema checks: tier, priority 0-1000, exactly one subject
 * form, actions, 1-25 peers of exactly one form each, ports. Peers of a form this reader does not
 * know are kept as unmodelled.
 */
final class ClusterPolicyReader {
  static final String API_VERSION = "policy.networking.k8s.io/v1alpha2";
  static final String KIND = "ClusterNetworkPolicy";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Set<String> UNMODELLED = Set.of("nodes", "domainNames");

  private final List<String> problems;

  private ClusterPolicyReader(List<String> problems) {
    this.problems = problems;
  }

  /**
   * The policy, or null after adding every problem (prefixed with the policy's name) to {@code
   * problems}.
   */
  static ClusterPolicy read(JsonNode doc, List<String> problems) {
    List<String> found = new ArrayList<>();
    ClusterPolicy policy = new ClusterPolicyReader(found).policy(doc);
    String name = doc.path("metadata").path("name").asText("");
    found.forEach(p -> problems.add(KIND + " " + Escape.visible(name) + ": " + p));
    return found.isEmpty() ? policy : null;
  }

  private ClusterPolicy policy(JsonNode doc) {
    String name = doc.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      problems.add("metadata.name: required");
    }
    JsonNode spec = doc.path("spec");
    Tier tier = enumValue(spec.path("tier"), Tier.class, "spec.tier");
    int priority = spec.path("priority").asInt(-1);
    if (!spec.path("priority").isInt() || priority < 0 || priority > 1000) {
      problems.add("spec.priority: must be an integer 0-1000");
    }
    PodSet subject = podSet(spec.path("subject"), "spec.subject");
    List<Rule> ingress = rules(spec.path("ingress"), "spec.ingress", "from");
    List<Rule> egress = rules(spec.path("egress"), "spec.egress", "to");
    return new ClusterPolicy(name, tier, priority, subject, ingress, egress);
  }

  private List<Rule> rules(JsonNode list, String path, String peerField) {
    List<Rule> rules = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) {
      return rules;
    }
    if (!list.isArray() || list.size() > 25) {
      problems.add(path + ": must be a list of at most 25 rules");
      return rules;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode r = list.get(i);
      Action action = enumValue(r.path("action"), Action.class, at + ".action");
      List<Peer> peers = peers(r.path(peerField), at + "." + peerField, peerField.equals("to"));
      List<PortMatch> ports = protocols(r.path("protocols"), at + ".protocols");
      rules.add(new Rule(i, r.path("name").asText(""), action, peers, ports));
    }
    return rules;
  }

  private List<Peer> peers(JsonNode list, String path, boolean egress) {
    List<Peer> peers = new ArrayList<>();
    if (!list.isArray() || list.isEmpty() || list.size() > 25) {
      problems.add(path + ": must list 1-25 peers");
      return peers;
    }
    for (int i = 0; i < list.size(); i++) {
      peers.add(peer(list.get(i), path + "[" + i + "]", egress));
    }
    return peers;
  }

  /** A peer with no field this version knows fails closed (C12): kept as unmodelled "(none)". */
  private Peer peer(JsonNode p, String path, boolean egress) {
    if (p.size() > 1) {
      problems.add(
          path
              + ": exactly one of namespaces, pods"
              + (egress ? ", networks, nodes, domainNames" : ""));
      return new Peer(null, List.of(), "(invalid)");
    }
    if (p.has("namespaces") || p.has("pods")) {
      return new Peer(podSet(p, path), List.of(), null);
    }
    if (egress && p.has("networks")) {
      return new Peer(null, networks(p.get("networks"), path + ".networks"), null);
    }
    String field = p.fieldNames().hasNext() ? p.fieldNames().next() : "(none)";
    return new Peer(null, List.of(), egress && UNMODELLED.contains(field) ? field : "(none)");
  }

  private List<String> networks(JsonNode list, String path) {
    List<String> cidrs = new ArrayList<>();
    if (!list.isArray() || list.isEmpty() || list.size() > 25) {
      problems.add(path + ": must list 1-25 CIDRs");
      return cidrs;
    }
    for (int i = 0; i < list.size(); i++) {
      String cidr = list.get(i).asText();
      try {
        Ip.block(cidr);
        cidrs.add(cidr);
      } catch (IllegalArgumentException e) {
        problems.add(path + "[" + i + "]: " + Escape.visible(e.getMessage()));
      }
    }
    return cidrs;
  }

  private PodSet podSet(JsonNode node, String path) {
    JsonNode namespaces = node.get("namespaces");
    JsonNode pods = node.get("pods");
    if ((namespaces == null) == (pods == null)) {
      problems.add(path + ": exactly one of namespaces or pods");
      return new PodSet(null, null, null);
    }
    if (namespaces != null) {
      return new PodSet(selector(namespaces, path + ".namespaces"), null, null);
    }
    if (!pods.has("podSelector")) {
      problems.add(path + ".pods.podSelector: required");
    }
    LabelSelector podNamespaces =
        selector(pods.path("namespaceSelector"), path + ".pods.namespaceSelector");
    return new PodSet(
        null, podNamespaces, selector(pods.path("podSelector"), path + ".pods.podSelector"));
  }

  /** Absent means empty, which selects everything. */
  private LabelSelector selector(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return new LabelSelector();
    }
    try {
      LabelSelector selector = SERIALIZATION.convertValue(node, LabelSelector.class);
      Selectors.validate(selector, path, problems);
      return selector;
    } catch (IllegalArgumentException e) {
      problems.add(path + ": not a label selector");
      return new LabelSelector();
    }
  }

  private List<PortMatch> protocols(JsonNode list, String path) {
    List<PortMatch> ports = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) {
      return ports;
    }
    if (!list.isArray() || list.isEmpty() || list.size() > 25) {
      problems.add(path + ": must list 1-25 protocols");
      return ports;
    }
    for (int i = 0; i < list.size(); i++) {
      ports.addAll(protocol(list.get(i), path + "[" + i + "]"));
    }
    return ports;
  }

  /** A named port matches that container port under any protocol the pod declares for it. */
  private List<PortMatch> protocol(JsonNode p, String path) {
    if (p.size() != 1) {
      problems.add(path + ": exactly one of tcp, udp, sctp, destinationNamedPort");
      return List.of();
    }
    if (p.has("destinationNamedPort")) {
      String name = p.get("destinationNamedPort").asText();
      return List.of(Protocol.values()).stream()
          .map(proto -> new PortMatch(proto, 0, 0, name))
          .toList();
    }
    String field = p.fieldNames().next();
    Protocol protocol =
        switch (field) {
          case "tcp" -> Protocol.TCP;
          case "udp" -> Protocol.UDP;
          case "sctp" -> Protocol.SCTP;
          default -> null;
        };
    if (protocol == null) {
      problems.add(path + ": unknown protocol " + Escape.quote(field));
      return List.of();
    }
    return List.of(portRange(protocol, p.get(field).path("destinationPort"), path + "." + field));
  }

  private PortMatch portRange(Protocol protocol, JsonNode port, String path) {
    if (port.isMissingNode()) {
      return new PortMatch(protocol, 1, 65535, null);
    }
    if (port.has("number")) {
      int n = port.get("number").asInt(0);
      checkPort(n, path + ".destinationPort.number");
      return new PortMatch(protocol, n, n, null);
    }
    int start = port.path("range").path("start").asInt(0);
    int end = port.path("range").path("end").asInt(0);
    checkPort(start, path + ".destinationPort.range.start");
    checkPort(end, path + ".destinationPort.range.end");
    if (start >= end) {
      problems.add(path + ".destinationPort.range: start must be less than end");
    }
    return new PortMatch(protocol, start, end, null);
  }

  private void checkPort(int port, String path) {
    if (port < 1 || port > 65535) {
      problems.add(path + ": must be 1-65535");
    }
  }

  private <E extends Enum<E>> E enumValue(JsonNode node, Class<E> type, String path) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(node.asText(null))) {
        return constant;
      }
    }
    problems.add(
        path
            + ": "
            + Escape.quote(node.asText(""))
            + " is not one of "
            + List.of(type.getEnumConstants()));
    return type.getEnumConstants()[0];
  }
}
