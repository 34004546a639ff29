package io.appseg.plan;

import io.appseg.api.v1alpha1.Peer;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;

/**
 * Cluster-wide defaults an AppSegmentation inherits when it does not say otherwise (the operator's
 * configuration, e.g. Helm values, can replace them): where DNS is and who scrapes metrics.
 */
public record PlanDefaults(
    List<Peer> dnsPeers,
    List<PortSpec> dnsPorts,
    List<Peer> monitoringPeers,
    IntOrString monitoringPort) {

  /**
   * Where the cluster DNS runs in a standard cluster: CoreDNS keeps kube-dns' namespace and label.
   */
  public static final String DNS_NAMESPACE = "kube-system";

  public static final Map<String, String> DNS_POD_LABELS = Map.of("k8s-app", "kube-dns");

  public static final PlanDefaults STANDARD =
      new PlanDefaults(
          List.of(
              pods(
                  DNS_NAMESPACE,
                  new LabelSelectorBuilder().withMatchLabels(DNS_POD_LABELS).build())),
          List.of(
              new PortSpec(new IntOrString(53), null, Protocol.UDP),
              new PortSpec(new IntOrString(53), null, Protocol.TCP)),
          List.of(namespaces(selector("purpose", "monitoring"))),
          new IntOrString("metrics"));

  private static Peer pods(String namespace, LabelSelector podSelector) {
    Peer p = new Peer();
    p.setNamespace(namespace);
    p.setPodSelector(podSelector);
    return p;
  }

  private static Peer namespaces(LabelSelector namespaceSelector) {
    Peer p = new Peer();
    p.setNamespaceSelector(namespaceSelector);
    return p;
  }

  private static LabelSelector selector(String key, String value) {
    return new LabelSelectorBuilder().addToMatchLabels(key, value).build();
  }
}
