package io.appseg.verify;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Monitoring;
import io.appseg.api.v1alpha1.Peer;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.api.v1alpha1.Tier;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * AppSegmentations at the CRD's bounds (tiers, flows, DNS peers and scrapers at their maxItems, the
 * ports and excepts spread over them up to the bounds on their sums, every entry distinct), the
 * inputs the self-check's cost bound is proven and measured on: the real-API-server test, the unit
 * test and the JMH benchmark share them. Each is admitted by the CRD.
 */
public final class WorstCaseSpecs {
  /** The shapes, by name. */
  public enum Shape {
    /** Every flow from a tier to an IP block of its own with every except and port range. */
    CIDRS,
    /** Every flow between two tiers in namespaces of their own, with every port range. */
    MESH,
    /** Every flow to pods chosen by namespace and pod selectors, with every port range. */
    SELECTORS,
    /**
     * SELECTORS with single ports laid out so that the tiers' and the flows' lists cut each other
     * into as many classes as the sums of the lists allow.
     */
    TANGLED
  }

  private static final int TIERS = CrdConstants.MAX_TIERS;
  private static final int FLOWS = CrdConstants.MAX_FLOWS;
  private static final int TIER_PORTS = CrdConstants.MAX_TIER_PORTS_IN_ALL;
  private static final int FLOW_PORTS = CrdConstants.MAX_FLOW_PORTS_IN_ALL;
  private static final int EXCEPTS = CrdConstants.MAX_EXCEPT_IN_ALL;
  private static final int DNS_PEERS = CrdConstants.MAX_DNS_PEERS;
  private static final int DNS_PORTS = CrdConstants.MAX_DNS_PORTS;
  private static final int SCRAPERS = CrdConstants.MAX_SCRAPERS;

  public static AppSegmentation of(Shape shape) {
    AppSegmentationSpec spec = new AppSegmentationSpec();
    spec.setTiers(tiers(shape == Shape.CIDRS ? i -> "worst" : i -> "worst-" + i));
    if (shape == Shape.TANGLED) {
      for (int i = 0; i < TIERS; i++) {
        spec.getTiers().get(i).setPorts(interleaved(i));
      }
    }
    List<Flow> flows = new ArrayList<>();
    for (int f = 0; f < FLOWS; f++) {
      Endpoint to =
          switch (shape) {
            case CIDRS -> cidr(f);
            case MESH -> Endpoint.tier("t" + (f + 1) % TIERS);
            case SELECTORS, TANGLED -> selected(f);
          };
      int first = offset(FLOW_PORTS, FLOWS, f);
      List<PortSpec> ports =
          shape == Shape.TANGLED
              ? singles(first, share(FLOW_PORTS, FLOWS, f))
              : ranges(TIER_PORTS + first, share(FLOW_PORTS, FLOWS, f));
      flows.add(new Flow(Endpoint.tier("t" + f % TIERS), to, ports));
    }
    spec.setFlows(flows);
    spec.setDns(dns());
    spec.setMonitoring(monitoring());
    AppSegmentation seg = new AppSegmentation();
    seg.setMetadata(new ObjectMetaBuilder().withName("worst").withNamespace("worst").build());
    seg.setSpec(spec);
    return seg;
  }

  private static List<Tier> tiers(IntFunction<String> namespace) {
    List<Tier> tiers = new ArrayList<>();
    for (int i = 0; i < TIERS; i++) {
      Tier t = new Tier();
      t.setName("t" + i);
      t.setNamespace(namespace.apply(i));
      t.setPodSelector(selector("tier", "t" + i));
      t.setPorts(ranges(offset(TIER_PORTS, TIERS, i), share(TIER_PORTS, TIERS, i)));
      t.setMetricsPort(new IntOrString(9000 + i));
      tiers.add(t);
    }
    return tiers;
  }

  /**
   * Item {@code i}'s share of {@code total} spread over {@code count} lists: the first get one
   * more.
   */
  private static int share(int total, int count, int i) {
    return total / count + (i < total % count ? 1 : 0);
  }

  /** Where item {@code i}'s share starts: the sum of the shares before it. */
  private static int offset(int total, int count, int i) {
    return i * (total / count) + Math.min(i, total % count);
  }

  /** {@code count} ranges from the {@code first}-th on, over all protocols, none shared. */
  private static List<PortSpec> ranges(int first, int count) {
    List<PortSpec> ports = new ArrayList<>();
    for (int p = first; p < first + count; p++) {
      int port = 1024 + p * 7;
      ports.add(
          new PortSpec(
              new IntOrString(port), port + 3, Protocol.values()[p % Protocol.values().length]));
    }
    return ports;
  }

  /** Single TCP ports {@code first} to {@code first + count - 1} (offset by 2000). */
  private static List<PortSpec> singles(int first, int count) {
    List<PortSpec> ports = new ArrayList<>();
    for (int p = first; p < first + count; p++) {
      ports.add(new PortSpec(new IntOrString(2000 + p), null, Protocol.TCP));
    }
    return ports;
  }

  /**
   * Tier {@code i}'s single TCP ports: every {@value #TIERS}-th from i, cutting the flows' runs.
   */
  private static List<PortSpec> interleaved(int i) {
    List<PortSpec> ports = new ArrayList<>();
    for (int p = 0; p < share(TIER_PORTS, TIERS, i); p++) {
      ports.add(new PortSpec(new IntOrString(2000 + p * TIERS + i), null, Protocol.TCP));
    }
    return ports;
  }

  /** A /16 of its own with its share of the {@value #EXCEPTS} /24 holes. */
  private static Endpoint cidr(int f) {
    String net = (10 + f / 250) + "." + (f % 250) + ".";
    Endpoint e = new Endpoint();
    e.setCidr(net + "0.0/16");
    List<String> except = new ArrayList<>();
    for (int h = 0; h < share(EXCEPTS, FLOWS, f); h++) {
      except.add(net + (h * 7) + ".0/24");
    }
    e.setExcept(except);
    return e;
  }

  private static Endpoint selected(int f) {
    Endpoint e = new Endpoint();
    e.setNamespaceSelector(selector("team", "team-" + f));
    e.setPodSelector(selector("app", "app-" + f));
    return e;
  }

  private static Dns dns() {
    Dns dns = new Dns();
    List<Peer> to = new ArrayList<>();
    for (int i = 0; i < DNS_PEERS; i++) {
      Peer p = new Peer();
      p.setCidr("172.16." + i + ".0/24");
      to.add(p);
    }
    dns.setTo(to);
    List<PortSpec> ports = new ArrayList<>();
    for (int i = 0; i < DNS_PORTS; i++) {
      ports.add(new PortSpec(new IntOrString(53 + i), null, Protocol.values()[i % 3]));
    }
    dns.setPorts(ports);
    return dns;
  }

  private static Monitoring monitoring() {
    Monitoring m = new Monitoring();
    m.setEnabled(true);
    List<Peer> from = new ArrayList<>();
    for (int i = 0; i < SCRAPERS; i++) {
      Peer p = new Peer();
      p.setNamespace("monitoring-" + i);
      p.setPodSelector(selector("app", "scraper-" + i));
      from.add(p);
    }
    m.setFrom(from);
    return m;
  }

  private static LabelSelector selector(String key, String value) {
    return new LabelSelectorBuilder().addToMatchLabels(key, value).build();
  }

  private WorstCaseSpecs() {}
}
