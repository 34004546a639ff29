package io.appseg.verify;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.DefaultDeny;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Monitoring;
import io.appseg.api.v1alpha1.Peer;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.api.v1alpha1.Scope;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.plan.PlanDefaults;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec with the documented defaults applied, read straight from the API types (the planner's own
 * resolution is deliberately not reused: this is the second reading the verifier compares against).
 */
record SpecFacts(String segNamespace, boolean denyIngress, boolean denyEgress, Scope scope,
    Map<String, Tier> tiers, Map<String, String> tierNamespaces, List<Flow> flows, boolean dns, List<Peer> dnsPeers,
    List<PortSpec> dnsPorts, boolean monitoring, List<Peer> scrapers, IntOrString monitoringPort,
    Protocol metricsProtocol) {

  static SpecFacts of(AppSegmentation seg, PlanDefaults defaults) {
    AppSegmentationSpec spec = seg.getSpec();
    String ns = seg.getMetadata().getNamespace() == null ? "default" : seg.getMetadata().getNamespace();
    DefaultDeny deny = spec.getDefaultDeny() == null ? new DefaultDeny() : spec.getDefaultDeny();
    Dns dns = spec.getDns() == null ? new Dns() : spec.getDns();
    Monitoring mon = spec.getMonitoring() == null ? new Monitoring() : spec.getMonitoring();
    Map<String, Tier> tiers = new LinkedHashMap<>();
    Map<String, String> tierNamespaces = new LinkedHashMap<>();
    spec.getTiers().forEach(t -> {
      tiers.put(t.getName(), t);
      tierNamespaces.put(t.getName(), t.getNamespace() == null ? ns : t.getNamespace());
    });
    return new SpecFacts(ns, !Boolean.FALSE.equals(deny.getIngress()), !Boolean.FALSE.equals(deny.getEgress()),
        deny.getScope() == null ? Scope.Namespace : deny.getScope(), tiers, tierNamespaces,
        spec.getFlows() == null ? List.of() : spec.getFlows(),
        !Boolean.FALSE.equals(dns.getEnabled()), given(dns.getTo(), defaults.dnsPeers()),
        given(dns.getPorts(), defaults.dnsPorts()),
        Boolean.TRUE.equals(mon.getEnabled()), given(mon.getFrom(), defaults.monitoringPeers()),
        mon.getPort() == null ? defaults.monitoringPort() : mon.getPort(),
        mon.getProtocol() == null ? Protocol.TCP : mon.getProtocol());
  }

  /** The metrics port the scraper may reach on {@code tier}. */
  PortSpec metricsPort(Tier tier) {
    return new PortSpec(tier.getMetricsPort() != null ? tier.getMetricsPort() : monitoringPort, null, metricsProtocol);
  }

  private static <T> List<T> given(List<T> value, List<T> fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
