package io.appseg.verify;

import io.appseg.netpol.Cluster;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
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
    List<Namespace> ns =
        namespaces.entrySet().stream()
            .map(
                e ->
                    new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(e.getKey())
                        .withLabels(e.getValue())
                        .endMetadata()
                        .build())
            .toList();
    return cluster(ns, policies);
  }

  /**
   * The modelled pods in {@code namespaces} (which must hold the modelled ones) with {@code
   * policies}.
   */
  Cluster cluster(List<Namespace> namespaces, List<NetworkPolicy> policies) {
    List<Pod> pods = nodes.stream().filter(Node::isPod).map(Population::pod).toList();
    return Cluster.of(namespaces, pods, policies);
  }

  private static Pod pod(Node n) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(n.namespace())
        .withName(n.name())
        .withLabels(n.labels())
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("scratch")
        .withPorts(
            n.ports().stream()
                .map(
                    p ->
                        new ContainerPortBuilder()
                            .withName(p.name())
                            .withContainerPort(p.number())
                            .withProtocol(p.protocol().name())
                            .build())
                .toList())
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPodIP(n.ip())
        .endStatus()
        .build();
  }
}
