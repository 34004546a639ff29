package io.appseg.diff;

import io.appseg.diff.World.Probe;
import io.appseg.kube.Identifiers;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.NamespaceInfo;
import io.appseg.netpol.PodInfo;
import io.appseg.netpol.PodPort;
import io.appseg.netpol.Protocol;
import io.appseg.verify.Node;
import io.appseg.verify.Population;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the self-check's populations of several AppSegmentations (both versions of each) with the
 * real pods of the context into one {@link World}. Each population numbers its named ports and pod
 * IPs on its own, so both are numbered again here: one number per port name, one IP per pod. Pods
 * equal in namespace and labels are one pod; namespace labels are merged (a population adds only
 * the labels its selectors need).
 */
public final class WorldBuilder {
  private static final int FIRST_NAMED_PORT = 30001;

  private final Map<String, Map<String, String>> namespaces = new TreeMap<>();
  private final List<Pod> pods = new ArrayList<>();
  private final Set<String> podIds = new HashSet<>();
  private final Set<String> synthesized = new HashSet<>();
  private final Set<String> addresses = new LinkedHashSet<>();
  private final Map<String, ContainerPort> namedPorts = new LinkedHashMap<>();
  private final Set<Probe> probes = new TreeSet<>();
  private final List<Population> populations = new ArrayList<>();

  /**
   * Real pods and namespaces, before any population: their names are kept, synthesized pods make
   * way. A pod given again (both versions' files hold it) is the pod given first.
   */
  public WorldBuilder context(Cluster context) {
    for (NamespaceInfo ns : context.namespaces()) {
      namespaces.computeIfAbsent(ns.name(), n -> new TreeMap<>()).putAll(ns.labels());
    }
    context.pods().stream()
        .filter(p -> !podIds.contains(p.namespace() + "/" + p.name()))
        .forEach(p -> addPod(pod(p)));
    return this;
  }

  public WorldBuilder population(Population population) {
    populations.add(population);
    population
        .namespaces()
        .forEach(
            (name, labels) -> {
              Map<String, String> merged = namespaces.computeIfAbsent(name, n -> new TreeMap<>());
              labels.forEach(merged::putIfAbsent);
            });
    population.nodes().stream()
        .filter(Node::isPod)
        .flatMap(n -> n.ports().stream())
        .forEach(
            p ->
                namedPorts.computeIfAbsent(
                    p.name(),
                    n ->
                        new ContainerPortBuilder()
                            .withName(n)
                            .withContainerPort(FIRST_NAMED_PORT + namedPorts.size())
                            .withProtocol(p.protocol().name())
                            .build()));
    Set<Integer> ownNamed = new HashSet<>();
    population.nodes().stream()
        .filter(Node::isPod)
        .flatMap(n -> n.ports().stream())
        .forEach(p -> ownNamed.add(p.number()));
    population.probes().stream()
        .filter(p -> !ownNamed.contains(p.port()))
        .forEach(p -> probes.add(new Probe(p.port(), Protocol.valueOf(p.protocol().name()))));
    population.nodes().stream().filter(n -> !n.isPod()).forEach(n -> addresses.add(n.ip()));
    return this;
  }

  public World build() {
    for (ContainerPort named : namedPorts.values()) {
      for (Protocol protocol : Protocol.values()) {
        probes.add(new Probe(named.getContainerPort(), protocol));
      }
    }
    int ip = 0;
    for (Population population : populations) {
      for (Node n : population.nodes()) {
        if (n.isPod() && synthesized.add(n.namespace() + " " + new TreeMap<>(n.labels()))) {
          addPod(synthesizedPod(n, "100.64." + (ip / 250) + "." + (ip % 250 + 1)));
          ip++;
        }
      }
    }
    return world();
  }

  private World world() {
    List<Endpoint> ends = new ArrayList<>();
    List<Map<String, String>> labels = new ArrayList<>();
    List<String> podNamespaces = new ArrayList<>();
    for (Pod p : pods) {
      ends.add(Endpoint.pod(p.getMetadata().getNamespace(), p.getMetadata().getName()));
      labels.add(p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels());
      podNamespaces.add(p.getMetadata().getNamespace());
    }
    for (String address : addresses) {
      ends.add(Endpoint.ip(address));
      labels.add(Map.of());
      podNamespaces.add(null);
    }
    Map<Probe, String> names = new LinkedHashMap<>();
    namedPorts
        .values()
        .forEach(
            c ->
                names.put(
                    new Probe(c.getContainerPort(), Protocol.valueOf(c.getProtocol())),
                    c.getName()));
    List<Namespace> namespaceObjects = new ArrayList<>();
    namespaces.forEach(
        (name, nsLabels) -> {
          nsLabels.put(Identifiers.NAMESPACE_NAME_LABEL, name);
          namespaceObjects.add(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withLabels(nsLabels)
                  .endMetadata()
                  .build());
        });
    return new World(
        namespaceObjects, pods, ends, labels, podNamespaces, List.copyOf(probes), names);
  }

  /** A pod name taken by a real pod or an earlier population gets a numbered suffix. */
  private void addPod(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    for (int i = 2; podIds.contains(ns + "/" + name); i++) {
      name = pod.getMetadata().getName() + "-" + i;
    }
    pod.getMetadata().setName(name);
    podIds.add(ns + "/" + name);
    namespaces.computeIfAbsent(ns, n -> new TreeMap<>());
    pods.add(pod);
  }

  private Pod synthesizedPod(Node n, String ip) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(n.namespace())
        .withName(n.name())
        .withLabels(n.labels())
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withPorts(List.copyOf(namedPorts.values()))
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPodIP(ip)
        .endStatus()
        .build();
  }

  /**
   * A real pod as the evaluator knows it, back as an object: labels, IPs, node, hostNetwork, ports.
   */
  private static Pod pod(PodInfo p) {
    List<ContainerPort> ports = new ArrayList<>();
    for (PodPort port : p.ports()) {
      ports.add(
          new ContainerPortBuilder()
              .withName(port.name())
              .withContainerPort(port.port())
              .withProtocol(port.protocol().name())
              .build());
    }
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(p.namespace())
        .withName(p.name())
        .withLabels(p.labels())
        .endMetadata()
        .withNewSpec()
        .withHostNetwork(p.hostNetwork())
        .addNewContainer()
        .withName("main")
        .withPorts(ports)
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPodIP(p.ips().isEmpty() ? null : p.ips().get(0))
        .withHostIP(p.hostIp())
        .withPodIPs(p.ips().stream().map(PodIP::new).toList())
        .endStatus()
        .build();
  }
}
