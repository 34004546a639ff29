package io.appseg.verify;

import io.appseg.api.v1alpha1.Protocol;
import io.appseg.kube.Ip;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One end of a modelled connection: a pod (namespace, name, labels, its namespace's labels, IP,
 * named container ports) or an external address (only {@code ip} set). The IP is also kept parsed
 * ({@code v6}, {@code address}; null for a pod whose IP is not known): ipBlocks are matched against
 * it a great many times.
 */
public record Node(
    String namespace,
    String name,
    Map<String, String> labels,
    Map<String, String> namespaceLabels,
    String ip,
    List<ContainerPort> ports,
    boolean v6,
    BigInteger address) {

  /** A named container port of a modelled pod. */
  public record ContainerPort(String name, int number, Protocol protocol) {}

  public Node {
    labels = Map.copyOf(labels);
    namespaceLabels = Map.copyOf(namespaceLabels);
    ports = List.copyOf(ports);
  }

  public Node(
      String namespace,
      String name,
      Map<String, String> labels,
      Map<String, String> namespaceLabels,
      String ip,
      List<ContainerPort> ports) {
    this(
        namespace,
        name,
        labels,
        namespaceLabels,
        ip,
        ports,
        ip != null && Ip.address(ip).isIPv6(),
        ip == null ? null : Ip.address(ip).getValue());
  }

  static Node external(String ip) {
    return new Node(null, null, Map.of(), Map.of(), ip, List.of());
  }

  public boolean isPod() {
    return namespace != null;
  }

  Optional<ContainerPort> port(String portName) {
    return ports.stream().filter(p -> p.name().equals(portName)).findFirst();
  }

  /** {@code namespace/name} for a pod, the address otherwise. */
  public String id() {
    return isPod() ? namespace + "/" + name : ip;
  }

  @Override
  public String toString() {
    return id();
  }
}
