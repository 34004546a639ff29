package io.appseg.verify;

import io.appseg.netpol.Cluster;
import io.appseg.netpol.NamespaceInfo;
import io.appseg.netpol.PodInfo;
import io.appseg.netpol.PodPort;
import io.appseg.netpol.Protocol;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A modelled cluster for one AppSegmentation: namespaces with labels, pods and external addresses,
 * the probes (port, protocol) worth asking about, and named roles for readable truth tables: {@code
 * tier:<name>} (the tier's first pod), {@code flow-peer-<i>}, {@code dns-<i>}, {@code scraper-<i>}
 * (a matching pod or inside address of each peer, in spec order) and {@code outsider}.
 */
public record Population(
    Map<String, Map<String, String>> namespaces,
    List<Node> nodes,
    SortedSet<Probe> probes,
    Map<String, Node> roles) {

  public Population {
    namespaces = Map.copyOf(namespaces);
    nodes = List.copyOf(nodes);
    roles =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(roles)); // spec order; Map.copyOf's order varies per JVM
  }

  public Optional<Node> role(String role) {
    return Optional.ofNullable(roles.get(role));
  }

  /** The modelled namespaces and pods with {@code policies}, as the evaluator reads them. */
  public Cluster cluster(List<NetworkPolicy> policies) {
    List<NamespaceInfo> ns =
        namespaces.entrySet().stream()
            .map(e -> new NamespaceInfo(e.getKey(), e.getValue()))
            .toList();
    return cluster(ns, policies);
  }

  /**
   * The modelled pods in {@code namespaces} (which must hold the modelled ones) with {@code
   * policies}.
   */
  Cluster cluster(List<NamespaceInfo> namespaces, List<NetworkPolicy> policies) {
    return Cluster.ofModel(namespaces, pods(), policies);
  }

  /** {@link #cluster(List, List)} holding {@code policies} themselves ({@link Cluster#sharing}). */
  Cluster sharing(List<NamespaceInfo> namespaces, List<NetworkPolicy> policies) {
    return Cluster.sharing(namespaces, pods(), policies);
  }

  private List<PodInfo> pods() {
    return nodes.stream().filter(Node::isPod).map(Population::pod).toList();
  }

  private static PodInfo pod(Node n) {
    List<PodPort> ports =
        n.ports().stream()
            .map(p -> new PodPort(p.name(), p.number(), Protocol.valueOf(p.protocol().name())))
            .toList();
    return new PodInfo(n.namespace(), n.name(), n.labels(), List.of(n.ip()), null, false, ports);
  }
}
