package io.appseg.netpol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the evaluator knows of a pod: labels, IPs ({@code status.podIP} and {@code status.podIPs}),
 * the node's IP ({@code status.hostIP}, may be null), hostNetwork, and its containers' ports.
 */
public record PodInfo(
    String namespace,
    String name,
    Map<String, String> labels,
    List<String> ips,
    String hostIp,
    boolean hostNetwork,
    List<PodPort> ports) {

  public PodInfo {
    labels = Map.copyOf(labels);
    ips = List.copyOf(ips);
    ports = List.copyOf(ports);
  }

  @JsonIgnore
  public Endpoint endpoint() {
    return Endpoint.pod(namespace, name);
  }

  /** The container port with this name (names are unique within a pod). */
  public Optional<PodPort> port(String portName) {
    return ports.stream().filter(p -> portName.equals(p.name())).findFirst();
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
