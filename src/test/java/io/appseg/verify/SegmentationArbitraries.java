package io.appseg.verify;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.DefaultDeny;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Monitoring;
import io.appseg.api.v1alpha1.Peer;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.api.v1alpha1.Scope;
import io.appseg.api.v1alpha1.Tier;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random valid AppSegmentations: 1-4 tiers over 1-3 namespaces with disjoint selectors (each pins
 * its own {@code tier} label), ports numbered, named, ranged, TCP/UDP/SCTP, flows between tiers,
 * pods peers, CIDRs and anywhere, every default-deny combination, DNS and monitoring on, off or
 * configured.
 */
final class SegmentationArbitraries {
  static final String NAMESPACE = "app";
  private static final List<String> NAMESPACES = List.of(NAMESPACE, "ns-b", "ns-c");
  private static final List<String> PORT_NAMES = List.of("http", "grpc", "metrics");

  static Arbitrary<AppSegmentation> segmentations() {
    return Arbitraries.integers()
        .between(1, 4)
        .flatMap(
            n ->
                Combinators.combine(tiers(n), flows(n), defaultDeny(), dns(), monitoring())
                    .as(SegmentationArbitraries::segmentation));
  }

  private static AppSegmentation segmentation(
      List<Tier> tiers, List<Flow> flows, DefaultDeny deny, Dns dns, Monitoring monitoring) {
    AppSegmentation seg = new AppSegmentation();
    seg.setMetadata(new ObjectMetaBuilder().withName("gen").withNamespace(NAMESPACE).build());
    AppSegmentationSpec spec = new AppSegmentationSpec();
    if (!Boolean.TRUE.equals(monitoring.getEnabled())) {
      tiers.forEach(t -> t.setMetricsPort(null)); // the API refuses metricsPort without monitoring
    }
    spec.setTiers(tiers);
    spec.setFlows(flows);
    spec.setDefaultDeny(deny);
    spec.setDns(dns);
    spec.setMonitoring(monitoring);
    seg.setSpec(spec);
    return seg;
  }

  private static Arbitrary<List<Tier>> tiers(int count) {
    List<Arbitrary<Tier>> tiers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tiers.add(tier("t" + i));
    }
    return Combinators.combine(tiers).as(List::copyOf);
  }

  private static Arbitrary<Tier> tier(String name) {
    return Combinators.combine(
            Arbitraries.of(NAMESPACES).injectNull(0.3),
            selector(name),
            portList(false).injectNull(0.2),
            port(false).injectNull(0.7))
        .as(
            (ns, selector, ports, metrics) -> {
              Tier t = new Tier();
              t.setName(name);
              t.setNamespace(ns);
              t.setPodSelector(selector);
              t.setPorts(ports);
              t.setMetricsPort(metrics == null ? null : metrics.getPort());
              return t;
            });
  }

  /** Pins {@code tier=<name>} (so tiers never overlap) and sometimes adds an expression. */
  private static Arbitrary<LabelSelector> selector(String tier) {
    return Arbitraries.integers()
        .between(0, 2)
        .map(
            kind -> {
              LabelSelectorBuilder b = new LabelSelectorBuilder().addToMatchLabels("tier", tier);
              if (kind == 1) {
                b.addNewMatchExpression()
                    .withKey("track")
                    .withOperator("In")
                    .withValues("stable", "canary")
                    .endMatchExpression();
              } else if (kind == 2) {
                b.addNewMatchExpression()
                    .withKey("debug")
                    .withOperator("DoesNotExist")
                    .endMatchExpression();
              }
              return b.build();
            });
  }

  private static Arbitrary<List<PortSpec>> portList(boolean numericOnly) {
    return port(numericOnly).list().ofMaxSize(3);
  }

  private static Arbitrary<PortSpec> port(boolean numericOnly) {
    Arbitrary<Protocol> protocol =
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(6, Protocol.TCP),
            net.jqwik.api.Tuple.of(2, Protocol.UDP),
            net.jqwik.api.Tuple.of(1, Protocol.SCTP));
    Arbitrary<PortSpec> numbered =
        Combinators.combine(
                Arbitraries.integers().between(1, 65000),
                Arbitraries.integers().between(0, 20).injectNull(0.7),
                protocol)
            .as(
                (p, span, proto) ->
                    new PortSpec(new IntOrString(p), span == null ? null : p + span, proto));
    if (numericOnly) {
      return numbered;
    }
    Arbitrary<PortSpec> named =
        Combinators.combine(Arbitraries.of(PORT_NAMES), protocol)
            .as((n, proto) -> new PortSpec(new IntOrString(n), null, proto));
    return Arbitraries.oneOf(numbered, numbered, named);
  }

  private static Arbitrary<List<Flow>> flows(int tierCount) {
    Arbitrary<Endpoint> tier =
        Arbitraries.integers().between(0, tierCount - 1).map(i -> Endpoint.tier("t" + i));
    Arbitrary<Endpoint> other = Arbitraries.oneOf(tier, tier, podsPeer(), cidrPeer(), anywhere());
    Arbitrary<Flow> outward =
        Combinators.combine(tier, other, Arbitraries.integers().between(0, 2))
            .flatAs(
                (from, to, portsKind) ->
                    flowPorts(portsKind, to.getCidr() != null)
                        .map(ports -> new Flow(from, to, ports)));
    Arbitrary<Flow> inward =
        Combinators.combine(other, tier, Arbitraries.integers().between(0, 2))
            .flatAs(
                (from, to, portsKind) ->
                    flowPorts(portsKind, false).map(ports -> new Flow(from, to, ports)));
    return Arbitraries.oneOf(outward, inward).list().ofMaxSize(6);
  }

  /** Default (null), all ports (empty) or a list; only numbers towards a CIDR. */
  private static Arbitrary<List<PortSpec>> flowPorts(int kind, boolean towardsCidr) {
    return switch (kind) {
      case 0 -> Arbitraries.just(null);
      case 1 -> Arbitraries.just(List.of());
      default -> portList(towardsCidr).filter(l -> !l.isEmpty());
    };
  }

  private static Arbitrary<Endpoint> podsPeer() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.of("ingress", "batch"),
            Arbitraries.of(true, false))
        .as(
            (nsKind, app, withPods) -> {
              Endpoint e = new Endpoint();
              if (nsKind == 1) {
                e.setNamespace(app + "-ns");
              } else if (nsKind == 2) {
                e.setNamespaceSelector(
                    new LabelSelectorBuilder().addToMatchLabels("team", app).build());
              }
              if (withPods || nsKind == 0) {
                e.setPodSelector(new LabelSelectorBuilder().addToMatchLabels("app", app).build());
              }
              return e;
            });
  }

  private static Arbitrary<Endpoint> cidrPeer() {
    return Arbitraries.of(
        cidr("203.0.113.0/24"),
        cidr("0.0.0.0/0", "10.0.0.0/8"),
        cidr("100.64.0.0/16", "100.64.0.0/24"),
        cidr("2001:db8::/32"));
  }

  private static Endpoint cidr(String block, String... except) {
    Endpoint e = new Endpoint();
    e.setCidr(block);
    e.setExcept(except.length == 0 ? null : List.of(except));
    return e;
  }

  private static Arbitrary<Endpoint> anywhere() {
    Endpoint e = new Endpoint();
    e.setAnywhere(true);
    return Arbitraries.just(e);
  }

  private static Arbitrary<DefaultDeny> defaultDeny() {
    return Combinators.combine(
            Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(Scope.class))
        .as(
            (ingress, egress, scope) -> {
              DefaultDeny d = new DefaultDeny();
              d.setIngress(ingress);
              d.setEgress(egress);
              d.setScope(scope);
              return d;
            })
        .injectNull(0.2);
  }

  private static Arbitrary<Dns> dns() {
    Arbitrary<Dns> configured =
        Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
            .as(
                (enabled, nodeLocal) -> {
                  Dns d = new Dns();
                  d.setEnabled(enabled);
                  if (nodeLocal) {
                    Peer p = new Peer();
                    p.setCidr("169.254.20.10/32");
                    d.setTo(List.of(p));
                    d.setPorts(List.of(new PortSpec(new IntOrString(53), null, Protocol.UDP)));
                  }
                  return d;
                });
    return configured.injectNull(0.4);
  }

  private static Arbitrary<Monitoring> monitoring() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(new IntOrString("metrics"), new IntOrString(9090)).injectNull(0.5))
        .as(
            (enabled, ownScraper, port) -> {
              Monitoring m = new Monitoring();
              m.setEnabled(enabled);
              m.setPort(port);
              if (ownScraper) {
                Peer p = new Peer();
                p.setNamespace("observability");
                p.setPodSelector(
                    new LabelSelectorBuilder().addToMatchLabels("app", "prometheus").build());
                m.setFrom(List.of(p));
              }
              return m;
            });
  }

  private SegmentationArbitraries() {}
}
