package io.appseg.graph;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.PeerFields;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.graph.FlowGraph.Edge;
import io.appseg.graph.FlowGraph.Group;
import io.appseg.graph.FlowGraph.Kind;
import io.appseg.graph.FlowGraph.Node;
import io.appseg.plan.PlanDefaults;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the graph of a (valid) AppSegmentation: what a reviewer should see, in spec order. */
public final class FlowGraphBuilder {
  private final PlanDefaults defaults;
  private final Map<String, Node> externals = new LinkedHashMap<>();
  private final List<Edge> edges = new ArrayList<>();
  private Map<String, Tier> tiers;

  public FlowGraphBuilder(PlanDefaults defaults) {
    this.defaults = defaults;
  }

  public FlowGraph build(AppSegmentation seg) {
    AppSegmentationSpec spec = seg.getSpec();
    String ownNamespace = seg.getMetadata().getNamespace();
    tiers = new LinkedHashMap<>();
    Map<String, List<Node>> byNamespace = new LinkedHashMap<>();
    for (Tier t : spec.getTiers()) {
      tiers.put(t.getName(), t);
      String ns = t.namespaceOr(ownNamespace);
      byNamespace
          .computeIfAbsent(ns, k -> new ArrayList<>())
          .add(new Node(tierId(t.getName()), t.getName(), Kind.TIER));
    }
    for (Flow f : spec.getFlows() == null ? List.<Flow>of() : spec.getFlows()) {
      edges.add(new Edge(endpoint(f.getFrom()), endpoint(f.getTo()), ports(flowPorts(f))));
    }
    dns(spec);
    monitoring(spec);
    List<Group> groups =
        byNamespace.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
    return new FlowGraph(
        ownNamespace + "/" + seg.getMetadata().getName(),
        groups,
        List.copyOf(externals.values()),
        List.copyOf(edges));
  }

  private void dns(AppSegmentationSpec spec) {
    Dns dns = spec.getDns() == null ? new Dns() : spec.getDns();
    if (Boolean.FALSE.equals(dns.getEnabled())) {
      return;
    }
    var peers = dns.getTo() == null ? defaults.dnsPeers() : dns.getTo();
    var dnsPorts = dns.getPorts() == null ? defaults.dnsPorts() : dns.getPorts();
    String label =
        "DNS: " + peers.stream().map(FlowGraphBuilder::describe).collect(Collectors.joining("; "));
    Node node = externals.computeIfAbsent("dns", k -> new Node("dns", label, Kind.DNS));
    tiers.keySet().forEach(t -> edges.add(new Edge(tierId(t), node.id(), ports(dnsPorts))));
  }

  private void monitoring(AppSegmentationSpec spec) {
    var m = spec.getMonitoring();
    if (m == null || !Boolean.TRUE.equals(m.getEnabled())) {
      return;
    }
    var peers = m.getFrom() == null ? defaults.monitoringPeers() : m.getFrom();
    String label =
        "metrics scraper: "
            + peers.stream().map(FlowGraphBuilder::describe).collect(Collectors.joining("; "));
    Node node =
        externals.computeIfAbsent(
            "monitoring", k -> new Node("monitoring", label, Kind.MONITORING));
    IntOrString port = m.getPort() == null ? defaults.monitoringPort() : m.getPort();
    for (Tier t : tiers.values()) {
      IntOrString p = t.getMetricsPort() == null ? port : t.getMetricsPort();
      edges.add(
          new Edge(
              node.id(),
              tierId(t.getName()),
              ports(List.of(new PortSpec(p, null, m.getProtocol())))));
    }
  }

  private String endpoint(Endpoint e) {
    if (e.getTier() != null) {
      return tierId(e.getTier());
    }
    if (Boolean.TRUE.equals(e.getAnywhere())) {
      return externals
          .computeIfAbsent("anywhere", k -> new Node("anywhere", "anywhere", Kind.ANYWHERE))
          .id();
    }
    String label = describe(e);
    Kind kind = e.getCidr() != null ? Kind.CIDR : Kind.PODS;
    return externals
        .computeIfAbsent(label, k -> new Node("ext" + externals.size(), label, kind))
        .id();
  }

  private List<PortSpec> flowPorts(Flow f) {
    if (f.getPorts() != null) {
      return f.getPorts();
    }
    return f.getTo().getTier() != null ? tiers.get(f.getTo().getTier()).getPorts() : List.of();
  }

  static String describe(PeerFields p) {
    if (p.getCidr() != null) {
      return p.getExcept() == null || p.getExcept().isEmpty()
          ? p.getCidr()
          : p.getCidr() + " except " + String.join(", ", p.getExcept());
    }
    List<String> parts = new ArrayList<>();
    if (p.getNamespace() != null) {
      parts.add("namespace " + p.getNamespace());
    }
    if (p.getNamespaceSelector() != null) {
      parts.add("namespaces " + selector(p.getNamespaceSelector()));
    }
    parts.add(p.getPodSelector() == null ? "all pods" : "pods " + selector(p.getPodSelector()));
    return String.join(", ", parts);
  }

  static String selector(LabelSelector s) {
    List<String> terms = new ArrayList<>();
    if (s.getMatchLabels() != null) {
      new java.util.TreeMap<>(s.getMatchLabels()).forEach((k, v) -> terms.add(k + "=" + v));
    }
    if (s.getMatchExpressions() != null) {
      s.getMatchExpressions()
          .forEach(
              r ->
                  terms.add(
                      r.getKey()
                          + " "
                          + r.getOperator()
                          + (r.getValues() == null || r.getValues().isEmpty()
                              ? ""
                              : " (" + String.join(",", r.getValues()) + ")")));
    }
    return terms.isEmpty() ? "(all)" : String.join(", ", terms);
  }

  static String ports(List<PortSpec> ports) {
    if (ports == null || ports.isEmpty()) {
      return "all ports";
    }
    return ports.stream()
        .map(
            p -> {
              String port =
                  p.getPort().getIntVal() != null
                      ? String.valueOf(p.getPort().getIntVal())
                      : p.getPort().getStrVal();
              String range = p.getEndPort() == null ? port : port + "-" + p.getEndPort();
              return range + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol().name());
            })
        .collect(Collectors.joining(", "));
  }

  private static String tierId(String tier) {
    return "tier_" + tier.replace('-', '_');
  }
}
