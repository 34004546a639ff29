package io.appseg.netpol;

import io.appseg.kube.Identifiers;
import io.appseg.kube.Ip;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns fabric8 objects into the immutable facts the evaluator uses, collecting problems instead of
 * throwing.
 */
final class Snapshots {
  /** Set by the control plane on every namespace and immutable (R09); files often omit it. */
  static final String NAME_LABEL = Identifiers.NAMESPACE_NAME_LABEL;

  private Snapshots() {}

  static String namespaceOf(HasMetadata o) {
    String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
    return ns == null || ns.isBlank()
        ? "default"
        : ns; // what kubectl assumes for objects without one
  }

  static String nameOf(HasMetadata o) {
    return o.getMetadata() == null ? null : o.getMetadata().getName();
  }

  static NamespaceInfo namespace(Namespace ns) {
    return namespace(nameOf(ns), ns.getMetadata().getLabels());
  }

  static NamespaceInfo namespace(String name, Map<String, String> labels) {
    Map<String, String> all = new HashMap<>(labels == null ? Map.of() : labels);
    all.put(NAME_LABEL, name);
    return new NamespaceInfo(name, all);
  }

  static PodInfo pod(Pod pod, List<String> problems) {
    String where = "Pod " + namespaceOf(pod) + "/" + nameOf(pod) + ": ";
    PodStatus status = pod.getStatus();
    PodSpec spec = pod.getSpec();
    Map<String, String> labels = pod.getMetadata().getLabels();
    return new PodInfo(
        namespaceOf(pod),
        nameOf(pod),
        labels == null ? Map.of() : labels,
        ips(status, where, problems),
        status == null ? null : status.getHostIP(),
        spec != null && Boolean.TRUE.equals(spec.getHostNetwork()),
        ports(spec, where, problems));
  }

  private static List<String> ips(PodStatus status, String where, List<String> problems) {
    Set<String> ips = new LinkedHashSet<>();
    if (status != null && status.getPodIP() != null && !status.getPodIP().isBlank()) {
      ips.add(status.getPodIP().trim());
    }
    if (status != null && status.getPodIPs() != null) {
      status.getPodIPs().stream()
          .map(PodIP::getIp)
          .filter(ip -> ip != null && !ip.isBlank())
          .forEach(ips::add);
    }
    for (String ip : ips) {
      try {
        Ip.address(ip);
      } catch (IllegalArgumentException e) {
        problems.add(where + "status.podIP: " + e.getMessage());
      }
    }
    return new ArrayList<>(ips);
  }

  private static List<PodPort> ports(PodSpec spec, String where, List<String> problems) {
    List<PodPort> ports = new ArrayList<>();
    List<Container> containers =
        spec == null || spec.getContainers() == null ? List.of() : spec.getContainers();
    for (Container c : containers) {
      for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
        if (p.getContainerPort() == null) {
          problems.add(where + "container " + c.getName() + ": a port without containerPort");
          continue;
        }
        try {
          Protocol protocol =
              p.getProtocol() == null ? Protocol.TCP : Protocol.valueOf(p.getProtocol());
          ports.add(new PodPort(p.getName(), p.getContainerPort(), protocol));
        } catch (IllegalArgumentException e) {
          problems.add(
              where
                  + "container "
                  + c.getName()
                  + ": protocol '"
                  + p.getProtocol()
                  + "' is not TCP, UDP or SCTP");
        }
      }
    }
    return ports;
  }
}
