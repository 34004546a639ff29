package io.appseg.plan;

import inet.ipaddr.IPAddress;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Monitoring;
import io.appseg.api.v1alpha1.Peer;
import io.appseg.api.v1alpha1.PeerFields;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.kube.Identifiers;
import io.appseg.kube.Ip;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every rule of the API that the planner relies on, checked in Java: the CLI has no API server, and
 * the operator must not trust what it reads (a CRD installed from an older copy). Collects all
 * errors, each with its field path.
 */
public final class SpecValidator {

  public List<SpecError> validate(AppSegmentation seg) {
    List<SpecError> errors = new ArrayList<>();
    FieldChecks checks = new FieldChecks(errors);
    metadata(checks, seg);
    AppSegmentationSpec spec = seg.getSpec();
    if (spec == null) {
      checks.error("spec", "is required");
      return errors;
    }
    Optional<SpecError> nullItem =
        NullItems.first(Serialization.jsonMapper().convertValue(spec, Object.class), "spec");
    if (nullItem.isPresent()) {
      errors.add(nullItem.get());
      return errors;
    }
    Set<String> tierNames = tiers(checks, spec.getTiers());
    flows(checks, spec, tierNames);
    dns(checks, spec.getDns());
    monitoring(checks, spec);
    sums(checks, spec);
    return errors;
  }

  /** What the lists add up to ({@link CrdConstants#MAX_EXCEPT_IN_ALL} and the others). */
  private static void sums(FieldChecks checks, AppSegmentationSpec spec) {
    List<Tier> tiers = spec.getTiers() == null ? List.of() : spec.getTiers();
    List<Flow> flows = spec.getFlows() == null ? List.of() : spec.getFlows();
    checks.total(
        "spec.tiers",
        "ports in all tiers[].ports",
        tiers.stream().mapToInt(t -> size(t.getPorts())).sum(),
        CrdConstants.MAX_TIER_PORTS_IN_ALL);
    checks.total(
        "spec.flows",
        "ports in all flows[].ports",
        flows.stream().mapToInt(f -> size(f.getPorts())).sum(),
        CrdConstants.MAX_FLOW_PORTS_IN_ALL);
    List<PeerFields> peers = new ArrayList<>();
    flows.forEach(f -> peers.addAll(Arrays.asList(f.getFrom(), f.getTo())));
    if (spec.getDns() != null && spec.getDns().getTo() != null) {
      peers.addAll(spec.getDns().getTo());
    }
    if (spec.getMonitoring() != null && spec.getMonitoring().getFrom() != null) {
      peers.addAll(spec.getMonitoring().getFrom());
    }
    checks.total(
        "spec",
        "except blocks in all of flows, dns.to and monitoring.from",
        peers.stream().filter(Objects::nonNull).mapToInt(p -> size(p.getExcept())).sum(),
        CrdConstants.MAX_EXCEPT_IN_ALL);
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  /**
   * The name is a DNS subdomain that is also a label value (it is one on every generated object);
   * the namespace, when the file gives none, is the one the reader defaulted to, and is checked the
   * same way.
   */
  private static void metadata(FieldChecks checks, AppSegmentation seg) {
    var metadata = seg.getMetadata();
    checks.dnsSubdomain(
        "metadata.name", metadata == null ? null : metadata.getName(), Identifiers.LABEL_VALUE_MAX);
    checks.dnsLabel("metadata.namespace", metadata == null ? null : metadata.getNamespace());
  }

  private static Set<String> tiers(FieldChecks checks, List<Tier> tiers) {
    Set<String> names = new LinkedHashSet<>();
    if (tiers == null || tiers.isEmpty()) {
      checks.error("spec.tiers", "must declare at least one tier");
      return names;
    }
    checks.items("spec.tiers", tiers, 1, CrdConstants.MAX_TIERS);
    for (int i = 0; i < tiers.size(); i++) {
      String path = "spec.tiers[" + i + "]";
      Tier tier = tiers.get(i);
      if (checks.dnsLabel(path + ".name", tier.getName()) && !names.add(tier.getName())) {
        checks.error(
            path + ".name",
            "duplicate tier name "
                + FieldChecks.quote(tier.getName())
                + ": tier names must be unique");
      }
      if (tier.getName() != null && Names.RESERVED_TIER_NAMES.contains(tier.getName())) {
        checks.error(
            path + ".name",
            FieldChecks.quote(tier.getName()) + " is reserved for generated policies");
      }
      if (tier.getNamespace() != null) {
        checks.dnsLabel(path + ".namespace", tier.getNamespace());
      }
      if (tier.getPodSelector() == null) {
        checks.error(
            path + ".podSelector", "is required (use {} to select every pod of the namespace)");
      }
      checks.selector(path + ".podSelector", tier.getPodSelector());
      checks.items(path + ".ports", tier.getPorts(), 0, CrdConstants.MAX_PORTS);
      checks.ports(path + ".ports", tier.getPorts());
      if (tier.getMetricsPort() != null) {
        checks.portValue(path + ".metricsPort", tier.getMetricsPort());
      }
    }
    return names;
  }

  private static void flows(FieldChecks checks, AppSegmentationSpec spec, Set<String> tierNames) {
    List<Flow> flows = spec.getFlows();
    checks.items("spec.flows", flows, 0, CrdConstants.MAX_FLOWS);
    for (int i = 0; flows != null && i < flows.size(); i++) {
      String path = "spec.flows[" + i + "]";
      Flow flow = flows.get(i);
      boolean fromOk = endpoint(checks, path + ".from", flow.getFrom(), tierNames);
      boolean toOk = endpoint(checks, path + ".to", flow.getTo(), tierNames);
      if (fromOk && toOk && flow.getFrom().getTier() == null && flow.getTo().getTier() == null) {
        checks.error(path, "a flow needs a tier on at least one side (from or to)");
      }
      checks.items(path + ".ports", flow.getPorts(), 0, CrdConstants.MAX_PORTS);
      checks.ports(path + ".ports", flow.getPorts());
      if (toOk && flow.getTo().getCidr() != null && hasNamedPort(flow.getPorts())) {
        checks.error(
            path + ".ports", "named ports need a pod destination; use port numbers towards a cidr");
      }
    }
  }

  private static boolean endpoint(
      FieldChecks checks, String path, Endpoint e, Set<String> tierNames) {
    if (e == null) {
      checks.error(
          path,
          "is required: one of tier, pods (namespace/namespaceSelector/podSelector), cidr, "
              + "or anywhere: true");
      return false;
    }
    int forms =
        (e.getTier() != null ? 1 : 0)
            + (isPods(e) ? 1 : 0)
            + (e.getCidr() != null ? 1 : 0)
            + (Boolean.TRUE.equals(e.getAnywhere()) ? 1 : 0);
    if (forms != 1) {
      checks.error(
          path,
          "must be exactly one of: tier, pods (namespace/namespaceSelector/podSelector), cidr, "
              + "or anywhere: true; found "
              + forms);
      return false;
    }
    if (e.getTier() != null && !tierNames.contains(e.getTier())) {
      checks.error(
          path,
          "tier "
              + FieldChecks.quote(e.getTier())
              + " is not declared; declared tiers: "
              + String.join(", ", tierNames));
      return false;
    }
    return peerDetails(checks, path, e);
  }

  /** The checks shared by flow endpoints and plain peers (DNS servers, scrapers). */
  private static boolean peerDetails(FieldChecks checks, String path, PeerFields p) {
    int before = checks.errorCount();
    if (p.getNamespace() != null && p.getNamespaceSelector() != null) {
      checks.error(path + ".namespaceSelector", "use namespace or namespaceSelector, not both");
    }
    if (p.getNamespace() != null) {
      checks.dnsLabel(path + ".namespace", p.getNamespace());
    }
    checks.selector(path + ".namespaceSelector", p.getNamespaceSelector());
    checks.selector(path + ".podSelector", p.getPodSelector());
    if (p.getExcept() != null && p.getCidr() == null) {
      checks.error(path + ".except", "is allowed only with cidr");
    }
    if (p.getCidr() != null) {
      ipBlock(checks, path, p);
    }
    return checks.errorCount() == before;
  }

  private static void ipBlock(FieldChecks checks, String path, PeerFields p) {
    IPAddress block = checks.cidr(path + ".cidr", p.getCidr());
    List<String> except = p.getExcept() == null ? List.of() : p.getExcept();
    checks.items(path + ".except", except, 0, CrdConstants.MAX_EXCEPT);
    for (int i = 0; i < except.size(); i++) {
      String exceptPath = path + ".except[" + i + "]";
      IPAddress inner = checks.cidr(exceptPath, except.get(i));
      if (block != null && inner != null && !Ip.strictlyContains(block, inner)) {
        checks.error(
            exceptPath,
            FieldChecks.quote(except.get(i)) + " must lie strictly inside cidr " + p.getCidr());
      }
    }
  }

  private static void dns(FieldChecks checks, Dns dns) {
    if (dns == null) {
      return;
    }
    checks.items("spec.dns.to", dns.getTo(), 1, CrdConstants.MAX_DNS_PEERS);
    peers(checks, "spec.dns.to", dns.getTo());
    checks.items("spec.dns.ports", dns.getPorts(), 1, CrdConstants.MAX_DNS_PORTS);
    checks.ports("spec.dns.ports", dns.getPorts());
  }

  private static void monitoring(FieldChecks checks, AppSegmentationSpec spec) {
    Monitoring m = spec.getMonitoring();
    boolean enabled = m != null && Boolean.TRUE.equals(m.getEnabled());
    if (m != null) {
      checks.items("spec.monitoring.from", m.getFrom(), 1, CrdConstants.MAX_SCRAPERS);
      peers(checks, "spec.monitoring.from", m.getFrom());
      if (m.getPort() != null) {
        checks.portValue("spec.monitoring.port", m.getPort());
      }
    }
    List<Tier> tiers = spec.getTiers() == null ? List.of() : spec.getTiers();
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).getMetricsPort() != null && !enabled) {
        checks.error("spec.tiers[" + i + "].metricsPort", "needs monitoring.enabled: true");
      }
    }
  }

  private static void peers(FieldChecks checks, String path, List<Peer> peers) {
    for (int i = 0; peers != null && i < peers.size(); i++) {
      String peerPath = path + "[" + i + "]";
      Peer p = peers.get(i);
      int forms = (isPods(p) ? 1 : 0) + (p.getCidr() != null ? 1 : 0);
      if (forms != 1) {
        checks.error(
            peerPath,
            "must be exactly one of: pods (namespace/namespaceSelector/podSelector) or cidr");
      } else {
        peerDetails(checks, peerPath, p);
      }
    }
  }

  static boolean isPods(PeerFields p) {
    return p.getNamespace() != null
        || p.getNamespaceSelector() != null
        || p.getPodSelector() != null;
  }

  private static boolean hasNamedPort(List<PortSpec> ports) {
    return ports != null
        && ports.stream().anyMatch(p -> p.getPort() != null && p.getPort().getStrVal() != null);
  }
}
