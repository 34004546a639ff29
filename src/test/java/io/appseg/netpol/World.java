package io.appseg.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The upstream conformance suite's world: namespaces x, y, z (label ns=name), pods a, b, c in each
 * (label pod=name), pod IP 10.0.N.M, node IP 172.16.0.N, and container ports
 * serve-{80,81}-{tcp,udp,sctp}.
 */
final class World {
  static final List<String> NAMESPACES = List.of("x", "y", "z");
  static final List<String> PODS = List.of("a", "b", "c");

  private World() {}

  /** The world plus policies given as YAML documents (namespace required in each). */
  static Cluster with(String... policyYaml) {
    return Cluster.of(namespaces(), pods(), policies(policyYaml));
  }

  /** The world plus NetworkPolicies and ClusterNetworkPolicies given as YAML documents. */
  static Cluster withAll(String... yaml) {
    Cluster parsed = ManifestLoader.read("test", String.join("\n---\n", yaml)).cluster();
    return Cluster.of(namespaces(), pods(), parsed.policies())
        .withClusterPolicies(parsed.clusterPolicies());
  }

  static List<NetworkPolicy> policies(String... policyYaml) {
    if (policyYaml.length == 0) {
      return List.of();
    }
    Cluster parsed = ManifestLoader.read("test", String.join("\n---\n", policyYaml)).cluster();
    return parsed.policies();
  }

  static List<Namespace> namespaces() {
    return NAMESPACES.stream()
        .map(
            n ->
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(n)
                    .addToLabels("ns", n)
                    .endMetadata()
                    .build())
        .toList();
  }

  static List<Pod> pods() {
    List<Pod> pods = new ArrayList<>();
    for (int n = 0; n < NAMESPACES.size(); n++) {
      for (int p = 0; p < PODS.size(); p++) {
        pods.add(
            pod(
                NAMESPACES.get(n),
                PODS.get(p),
                "10.0." + (n + 1) + "." + (p + 1),
                "172.16.0." + (n + 1)));
      }
    }
    return pods;
  }

  static Pod pod(String ns, String name, String ip, String hostIp) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .addToLabels("pod", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("serve")
        .withPorts(servePorts())
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPodIP(ip)
        .withHostIP(hostIp)
        .endStatus()
        .build();
  }

  private static List<io.fabric8.kubernetes.api.model.ContainerPort> servePorts() {
    List<io.fabric8.kubernetes.api.model.ContainerPort> ports = new ArrayList<>();
    for (String proto : List.of("TCP", "UDP", "SCTP")) {
      for (int port : List.of(80, 81)) {
        ports.add(
            new ContainerPortBuilder()
                .withName("serve-" + port + "-" + proto.toLowerCase())
                .withContainerPort(port)
                .withProtocol(proto)
                .build());
      }
    }
    return ports;
  }

  static boolean tcp(Cluster c, String from, String to, int port) {
    return allowed(c, from, to, Port.of(port), Protocol.TCP);
  }

  static boolean allowed(Cluster c, String from, String to, int port, Protocol protocol) {
    return allowed(c, from, to, Port.of(port), protocol);
  }

  /**
   * Asks both entry points and insists they agree, so every rule test also checks the fast path.
   */
  static boolean allowed(Cluster c, String from, String to, Port port, Protocol protocol) {
    Connection connection =
        new Connection(Endpoint.parse(from), Endpoint.parse(to), port, protocol);
    Verdict verdict = NetworkPolicyEvaluator.evaluate(c, connection);
    assertThat(NetworkPolicyEvaluator.allows(c, connection))
        .as("fast path for " + connection)
        .isEqualTo(verdict.allowed());
    return verdict.allowed();
  }

  static Verdict verdict(Cluster c, String from, String to, int port) {
    return NetworkPolicyEvaluator.evaluate(
        c, Connection.tcp(Endpoint.parse(from), Endpoint.parse(to), port));
  }
}
