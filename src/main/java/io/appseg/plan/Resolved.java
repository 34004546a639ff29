package io.appseg.plan;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.DefaultDeny;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.api.v1alpha1.Monitoring;
import io.appseg.api.v1alpha1.Peer;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.api.v1alpha1.Scope;
import io.appseg.api.v1alpha1.Tier;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated spec with every documented default filled in: what the planner builds its rules from,
 * and what the self-check reads the intent from. Defaults are the API's meaning of an absent field,
 * so both share them; the rules built on top are each their own.
 */
public record Resolved(
    String segNamespace,
    String segName,
    Mode mode,
    boolean denyIngress,
    boolean denyEgress,
    Scope scope,
    Map<String, Tier> tiers,
    Map<String, String> tierNamespaces,
    List<Flow> flows,
    boolean dns,
    List<Peer> dnsPeers,
    List<PortSpec> dnsPorts,
    boolean monitoring,
    List<Peer> scrapers,
    IntOrString metricsPort,
    Protocol metricsProtocol,
    List<String> namespaceWideDeny) {

  /** Resolved where no other namespace accepts a namespace-wide default-deny (P5). */
  public static Resolved of(AppSegmentation seg, PlanDefaults defaults) {
    return of(seg, defaults, List.of());
  }

  /**
   * @param denyAccepted namespaces other than the AppSegmentation's own whose grant accepts its
   *     namespace-wide default-deny ({@link Grants#acceptsNamespaceDeny})
   */
  public static Resolved of(
      AppSegmentation seg, PlanDefaults defaults, Collection<String> denyAccepted) {
    AppSegmentationSpec spec = seg.getSpec();
    String segNamespace =
        seg.getMetadata().getNamespace() == null ? "default" : seg.getMetadata().getNamespace();
    DefaultDeny deny = spec.getDefaultDeny() == null ? new DefaultDeny() : spec.getDefaultDeny();
    Dns dns = spec.getDns() == null ? new Dns() : spec.getDns();
    Monitoring mon = spec.getMonitoring() == null ? new Monitoring() : spec.getMonitoring();
    Map<String, Tier> tiers = new LinkedHashMap<>();
    Map<String, String> tierNamespaces = new LinkedHashMap<>();
    for (Tier t : spec.getTiers()) {
      tiers.put(t.getName(), t);
      tierNamespaces.put(t.getName(), t.namespaceOr(segNamespace));
    }
    return new Resolved(
        segNamespace,
        seg.getMetadata().getName(),
        spec.getMode() == null ? Mode.Enforce : spec.getMode(),
        !Boolean.FALSE.equals(deny.getIngress()),
        !Boolean.FALSE.equals(deny.getEgress()),
        deny.getScope() == null ? Scope.Namespace : deny.getScope(),
        tiers,
        tierNamespaces,
        spec.getFlows() == null ? List.of() : spec.getFlows(),
        !Boolean.FALSE.equals(dns.getEnabled()),
        orDefault(dns.getTo(), defaults.dnsPeers()),
        orDefault(dns.getPorts(), defaults.dnsPorts()),
        Boolean.TRUE.equals(mon.getEnabled()),
        orDefault(mon.getFrom(), defaults.monitoringPeers()),
        mon.getPort() == null ? defaults.monitoringPort() : mon.getPort(),
        mon.getProtocol() == null ? Protocol.TCP : mon.getProtocol(),
        namespaceWideDeny(deny, segNamespace, tierNamespaces, denyAccepted));
  }

  /**
   * P5: a grant lets the app isolate its own tier pods only; every pod of a namespace only in its
   * own namespace, or where the namespace said so.
   */
  private static List<String> namespaceWideDeny(
      DefaultDeny deny,
      String segNamespace,
      Map<String, String> tierNamespaces,
      Collection<String> denyAccepted) {
    if (deny.getScope() == Scope.Tiers) {
      return List.of();
    }
    return tierNamespaces.values().stream()
        .distinct()
        .filter(ns -> ns.equals(segNamespace) || denyAccepted.contains(ns))
        .toList();
  }

  /**
   * Namespaces holding a tier: the AppSegmentation's own first (when it holds one), then in tier
   * order.
   */
  List<String> namespaces() {
    return tierNamespaces.values().stream()
        .distinct()
        .sorted(Comparator.comparing(ns -> !ns.equals(segNamespace)))
        .toList();
  }

  /**
   * Whether {@code e} is pods of one named namespace ({@code podSelector} and/or {@code
   * namespace}): not a tier, a namespaceSelector, a CIDR or anywhere.
   */
  public static boolean isPodsOfOneNamespace(Endpoint e) {
    return e.getTier() == null
        && !Boolean.TRUE.equals(e.getAnywhere())
        && e.getCidr() == null
        && e.getNamespaceSelector() == null;
  }

  public String namespaceOf(String tier) {
    return tierNamespaces.get(tier);
  }

  /** The metrics port the scraper may reach on {@code tier}. */
  public PortSpec metricsPort(Tier tier) {
    return new PortSpec(
        tier.getMetricsPort() != null ? tier.getMetricsPort() : metricsPort, null, metricsProtocol);
  }

  private static <T> List<T> orDefault(List<T> value, List<T> fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
