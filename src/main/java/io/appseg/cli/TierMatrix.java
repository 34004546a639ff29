package io.appseg.cli;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.kube.Identifiers;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.Matrix;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.Port;
import io.appseg.netpol.Protocol;
import io.appseg.plan.Plan;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tier x tier table of one AppSegmentation: one synthesized pod per tier (labels its
 * podSelector matches, its namespace, container ports from its ports) evaluated against the
 * rendered policies only. The diagonal asks whether one pod of a tier reaches another, so each tier
 * also gets a replica pod. The pods have no IPs: the table shows what selectors allow, not what an
 * ipBlock flow might let through by address.
 *
 * @param segmentation {@code namespace/name}
 */
record TierMatrix(String segmentation, Matrix matrix) {
  /**
   * A named tier port needs some number on the pod; this is the first tried when the query gives
   * none.
   */
  private static final int FIRST_PLACEHOLDER_PORT = 49152;

  /** One table per AppSegmentation in the inputs; other kinds are ignored with a note. */
  static List<TierMatrix> fromFiles(
      List<String> inputs, Port port, Protocol protocol, PrintWriter err) throws InputException {
    Segmentations.Result result =
        Segmentations.load(new InputReader(System.in).read(inputs), "default", err);
    if (result.invalid() > 0) {
      throw new InputException(result.invalid() + " invalid AppSegmentation(s); no table printed");
    }
    if (result.valid().isEmpty()) {
      throw new InputException(
          "no AppSegmentation found in the input (--tiers tabulates AppSegmentations)");
    }
    List<TierMatrix> tables = new ArrayList<>();
    for (Segmentations.Planned p : result.valid()) {
      tables.add(of(p.segmentation(), p.plan(), port, protocol));
    }
    return tables;
  }

  static TierMatrix of(AppSegmentation seg, Plan plan, Port port, Protocol protocol)
      throws InputException {
    Map<String, Namespace> namespaces = new LinkedHashMap<>();
    List<Pod> pods = new ArrayList<>();
    List<Endpoint> representatives = new ArrayList<>();
    for (Tier tier : seg.getSpec().getTiers()) {
      String ns = tier.namespaceOr(seg.getMetadata().getNamespace());
      namespaces.computeIfAbsent(
          ns,
          n ->
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(n)
                  .addToLabels(Identifiers.NAMESPACE_NAME_LABEL, n)
                  .endMetadata()
                  .build());
      Map<String, String> labels = labels(plan, tier);
      List<ContainerPort> ports = containerPorts(tier, port);
      pods.add(pod(ns, tier.getName(), labels, ports));
      pods.add(pod(ns, replica(tier.getName()), labels, ports));
      representatives.add(Endpoint.pod(ns, tier.getName()));
    }
    Cluster cluster = Cluster.of(namespaces.values(), pods, plan.policies());
    Matrix raw = NetworkPolicyEvaluator.matrix(cluster, representatives, port, protocol);
    return new TierMatrix(
        plan.segNamespace() + "/" + plan.segName(), withReplicaDiagonal(cluster, raw));
  }

  /**
   * The evaluator's diagonal is a pod to itself; for tiers the question is one pod to another of
   * the tier.
   */
  private static Matrix withReplicaDiagonal(Cluster cluster, Matrix raw) {
    boolean[][] allowed = raw.allowed();
    for (int i = 0; i < allowed.length; i++) {
      Endpoint rep = raw.pods().get(i);
      Endpoint replica = Endpoint.pod(rep.namespace(), replica(rep.name()));
      try {
        allowed[i][i] =
            NetworkPolicyEvaluator.allows(
                cluster, new Connection(rep, replica, raw.port(), raw.protocol()));
      } catch (IllegalArgumentException e) {
        allowed[i][i] = false; // the named port is not on this tier: the matrix already notes it
      }
    }
    return new Matrix(raw.pods(), raw.port(), raw.protocol(), allowed, raw.notes());
  }

  private static String replica(String tierName) {
    return tierName
        + ".replica"; // a dot cannot occur in a tier name, so this never clashes with another tier
  }

  private static Map<String, String> labels(Plan plan, Tier tier) throws InputException {
    try {
      return SelectorLabels.satisfying(tier.getPodSelector());
    } catch (IllegalArgumentException e) {
      throw new InputException(
          "AppSegmentation "
              + plan.segNamespace()
              + "/"
              + plan.segName()
              + ": tier "
              + tier.getName()
              + ": no pod can match its podSelector: "
              + e.getMessage());
    }
  }

  /**
   * Numbered tier ports keep their name; a port given by name gets the query's number, or a free
   * placeholder.
   */
  private static List<ContainerPort> containerPorts(Tier tier, Port query) {
    Set<String> names = new HashSet<>();
    Set<Integer> numbers = new HashSet<>();
    tier.getPorts().stream()
        .filter(p -> p.getPort().getIntVal() != null)
        .forEach(p -> numbers.add(p.getPort().getIntVal()));
    int placeholder = FIRST_PLACEHOLDER_PORT;
    List<ContainerPort> ports = new ArrayList<>();
    for (PortSpec spec : tier.getPorts()) {
      Integer number = spec.getPort().getIntVal();
      String name = number != null ? spec.getName() : spec.getPort().getStrVal();
      if (number == null) {
        while (numbers.contains(placeholder)) {
          placeholder++;
        }
        number = query.isNamed() ? placeholder++ : query.number();
      }
      String protocol = spec.getProtocol() == null ? "TCP" : spec.getProtocol().name();
      ports.add(
          new ContainerPortBuilder()
              .withContainerPort(number)
              .withProtocol(protocol)
              .withName(name != null && names.add(name) ? name : null)
              .build());
    }
    return ports;
  }

  private static Pod pod(
      String namespace, String name, Map<String, String> labels, List<ContainerPort> ports) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withPorts(ports)
        .endContainer()
        .endSpec()
        .build();
  }
}
