package io.appseg.flows;

import io.appseg.api.v1alpha1.Protocol;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.NamespaceInfo;
import io.appseg.netpol.PodInfo;
import io.appseg.verify.Node;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ends of observed flows resolved against a cluster (the pods of {@code -f} manifests or of the
 * live cluster): a pod by namespace and name, else by IP; an address of a known pod is that pod. A
 * pod the cluster does not hold is added as the record describes it (its labels, its namespace's
 * labels), so that records that carry labels can be judged with no cluster at all.
 */
public final class ObservedCluster {
  private final Cluster cluster;
  private final Map<String, Node> nodes = new HashMap<>();
  private final List<String> unlabelled = new ArrayList<>();

  private ObservedCluster(Cluster cluster) {
    this.cluster = cluster;
  }

  /** {@code base} with the pods of {@code log} that it lacks. */
  public static ObservedCluster of(Cluster base, FlowLog log) {
    Map<String, PodInfo> byIp = new HashMap<>();
    base.pods().forEach(p -> p.ips().forEach(ip -> byIp.putIfAbsent(ip, p)));
    Map<String, Pod> added = new LinkedHashMap<>();
    Map<String, Namespace> namespaces = new LinkedHashMap<>();
    Map<String, String> resolved = new HashMap<>();
    for (FlowLog.Connection c : log.connections()) {
      for (FlowEnd end : List.of(c.source(), c.destination())) {
        resolved.computeIfAbsent(end.key(), k -> resolve(base, byIp, end, added, namespaces));
      }
    }
    Cluster cluster = added.isEmpty() ? base : base.withPods(namespaces.values(), added.values());
    ObservedCluster out = new ObservedCluster(cluster);
    Map<String, PodInfo> pods = new HashMap<>();
    cluster.pods().forEach(p -> pods.put(p.namespace() + "/" + p.name(), p));
    resolved.forEach(
        (key, target) ->
            out.nodes.put(
                key,
                Optional.ofNullable(pods.get(target))
                    .map(p -> node(cluster, p))
                    .orElseGet(() -> external(target))));
    added.values().stream()
        .filter(p -> p.getMetadata().getLabels().isEmpty())
        .forEach(
            p ->
                out.unlabelled.add(
                    p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
    return out;
  }

  /** The key of the pod ({@code ns/name}) or the address an end stands for. */
  private static String resolve(
      Cluster base,
      Map<String, PodInfo> byIp,
      FlowEnd end,
      Map<String, Pod> added,
      Map<String, Namespace> namespaces) {
    if (end.isPod() && base.pod(end.namespace(), end.pod()).isPresent()) {
      return end.key();
    }
    if (end.ip() != null && byIp.containsKey(end.ip())) {
      PodInfo p = byIp.get(end.ip());
      return p.namespace() + "/" + p.name();
    }
    if (!end.isPod()) {
      return end.ip();
    }
    added.computeIfAbsent(end.key(), k -> pod(end));
    if (base.namespace(end.namespace()).isEmpty()) {
      namespaces.computeIfAbsent(
          end.namespace(),
          n ->
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(n)
                  .withLabels(end.namespaceLabels())
                  .endMetadata()
                  .build());
    }
    return end.key();
  }

  private static Pod pod(FlowEnd end) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(end.namespace())
            .withName(end.pod())
            .withLabels(end.labels())
            .endMetadata();
    return end.ip() == null ? b.build() : b.withNewStatus().withPodIP(end.ip()).endStatus().build();
  }

  private static Node node(Cluster cluster, PodInfo p) {
    Map<String, String> namespaceLabels =
        cluster.namespace(p.namespace()).map(NamespaceInfo::labels).orElse(Map.of());
    return new Node(
        p.namespace(),
        p.name(),
        p.labels(),
        namespaceLabels,
        p.ips().isEmpty() ? null : p.ips().get(0),
        p.ports().stream()
            .filter(port -> port.name() != null)
            .map(
                port ->
                    new Node.ContainerPort(
                        port.name(), port.port(), Protocol.valueOf(port.protocol().name())))
            .toList());
  }

  private static Node external(String ip) {
    return new Node(null, null, Map.of(), Map.of(), ip, List.of());
  }

  public Cluster cluster() {
    return cluster;
  }

  /** The modelled end of a flow end (resolved once, by its key). */
  public Node node(FlowEnd end) {
    return nodes.get(end.key());
  }

  public static Endpoint endpoint(Node n) {
    return n.isPod() ? Endpoint.pod(n.namespace(), n.name()) : Endpoint.ip(n.ip());
  }

  /** Pods known only by name from records without labels: no selector can match them. */
  public List<String> unlabelled() {
    return unlabelled;
  }
}
