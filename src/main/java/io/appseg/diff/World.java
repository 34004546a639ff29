package io.appseg.diff;

import io.appseg.netpol.Cluster;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.Protocol;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The ends both versions are judged on: the pods (real ones from the context, synthesized ones for
 * every tier and peer of either version), external addresses, and the probes (port, protocol) worth
 * asking about.
 *
 * @param ends pods first (in {@code pods} order), then addresses
 * @param labels per end: its pod's labels (empty for an address)
 * @param namespaces per end: its pod's namespace (null for an address)
 * @param namedPorts the number each named container port of the synthesized pods carries, by name
 */
public record World(
    List<Namespace> namespaceObjects,
    List<Pod> pods,
    List<Endpoint> ends,
    List<Map<String, String>> labels,
    List<String> namespaces,
    List<Probe> probes,
    Map<Probe, String> namedPorts) {

  /** A destination port and protocol both versions are asked about. */
  public record Probe(int port, Protocol protocol) implements Comparable<Probe> {
    @Override
    public int compareTo(Probe o) {
      return port != o.port ? Integer.compare(port, o.port) : protocol.compareTo(o.protocol);
    }

    @Override
    public String toString() {
      return port + "/" + protocol;
    }
  }

  public World {
    namespaceObjects = List.copyOf(namespaceObjects);
    pods = List.copyOf(pods);
    ends = List.copyOf(ends);
    labels = List.copyOf(labels);
    namespaces = Collections.unmodifiableList(new ArrayList<>(namespaces));
    probes = List.copyOf(probes);
    namedPorts = Map.copyOf(namedPorts);
  }

  /** These ends with {@code policies}, as the evaluator reads them. */
  public Cluster cluster(List<NetworkPolicy> policies) {
    return Cluster.of(namespaceObjects, pods, policies);
  }

  public boolean isPod(int end) {
    return ends.get(end).isPod();
  }

  /** How people read a probe: a named port by its name, others by number. */
  public String portLabel(Probe probe) {
    String name = namedPorts.get(probe);
    return name == null ? probe.toString() : name + "/" + probe.protocol();
  }
}
