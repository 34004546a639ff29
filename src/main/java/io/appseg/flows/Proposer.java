package io.appseg.flows;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.api.v1alpha1.Monitoring;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.plan.Resolved;
import io.appseg.verify.Intent;
import io.appseg.verify.Node;
import io.appseg.verify.PlanVerifier;
import io.appseg.verify.VerificationResult;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An AppSegmentation in Audit mode that allows the observed flows of one namespace's pods: its
 * workloads (or the values of a label) as tiers, each pair of ends as a flow with its ports
 * collapsed, DNS to the cluster DNS and the metrics scraper as {@code spec.dns} and {@code
 * spec.monitoring}, external addresses merged into the fewest CIDR blocks that hold exactly them.
 * Given an earlier proposal (or any AppSegmentation) as the base, it changes only what the new
 * flows need: tiers and flows are appended, ports added, nothing removed or reordered. The result
 * is checked by the planner's validation and the plan's self-check before it is returned.
 */
public final class Proposer {
  /** The AppSegmentation and how many observations each spec field admits. */
  public record Proposal(AppSegmentation segmentation, Map<String, Long> observations) {}

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final PlanDefaults defaults;

  public Proposer(PlanDefaults defaults) {
    this.defaults = defaults;
  }

  /** Pairs of ends that need a flow, with the ports seen between them. */
  private record Need(Endpoint from, Endpoint to, SortedSet<PortRanges.Observed> ports) {}

  public Proposal propose(
      FlowLog log,
      ObservedCluster world,
      String namespace,
      String name,
      Grouping grouping,
      AppSegmentation base)
      throws ProposalException {
    AppSegmentation seg = base == null ? fresh(namespace, name) : SERIALIZATION.clone(base);
    Optional<Intent> before =
        Optional.ofNullable(base).map(b -> new Intent(Resolved.of(b, defaults)));
    Set<String> newTiers = addTiers(seg, log, world, namespace, grouping);
    Resolved draft = Resolved.of(draftOf(seg), defaults);
    Intent draftIntent = new Intent(draft);
    Map<String, Need> needs = new TreeMap<>();
    Map<String, SortedSet<Integer>> scrapes = new TreeMap<>();
    Map<String, SortedSet<PortRanges.Observed>> external = new TreeMap<>();
    boolean dns = false;
    for (FlowLog.Connection c : log.connections()) {
      Node s = world.node(c.source());
      Node d = world.node(c.destination());
      Optional<String> ts = SpecEnds.tierOf(draft, s);
      Optional<String> td = SpecEnds.tierOf(draft, d);
      Protocol protocol = Protocol.valueOf(c.protocol().name());
      if (ts.isEmpty() && td.isEmpty()
          || s.equals(d)
          || before.isPresent() && !before.get().declaredBy(s, d, c.port(), protocol).isEmpty()) {
        continue;
      }
      PortRanges.Observed port = new PortRanges.Observed(protocol, c.port());
      List<String> fields = draftIntent.fieldsBetween(s, d);
      if (ts.isPresent() && fields.contains("spec.dns") && c.port() == 53) {
        dns = true;
      } else if (ts.isEmpty() && fields.contains("spec.monitoring") && protocol == Protocol.TCP) {
        scrapes.computeIfAbsent(td.get(), t -> new TreeSet<>()).add(c.port());
      } else if (!s.isPod() || !d.isPod()) {
        String key =
            ts.isPresent()
                ? "egress|" + ts.get() + "|" + d.ip()
                : "ingress|" + td.get() + "|" + s.ip();
        external.computeIfAbsent(key, k -> new TreeSet<>()).add(port);
      } else {
        need(needs, SpecEnds.endpoint(draft, s), SpecEnds.endpoint(draft, d)).ports().add(port);
      }
    }
    Cidrs.needs(external).forEach(n -> need(needs, n.from(), n.to()).ports().addAll(n.ports()));
    monitoring(seg, scrapes, draft)
        .forEach(n -> need(needs, n.from(), n.to()).ports().addAll(n.ports()));
    addFlows(seg, needs.values(), newTiers);
    dns(seg, dns, base == null);
    return checked(seg, log, world);
  }

  private static AppSegmentation fresh(String namespace, String name) {
    AppSegmentation seg = new AppSegmentation();
    seg.getMetadata().setName(name);
    seg.getMetadata().setNamespace(namespace);
    AppSegmentationSpec spec = new AppSegmentationSpec();
    spec.setMode(Mode.Audit);
    seg.setSpec(spec);
    return seg;
  }

  /** The spec with every DNS and monitoring grant on: which observed flows those would take. */
  private static AppSegmentation draftOf(AppSegmentation seg) {
    AppSegmentation draft = SERIALIZATION.clone(seg);
    draft.getSpec().setFlows(new ArrayList<>());
    Dns dns = draft.getSpec().getDns() == null ? new Dns() : draft.getSpec().getDns();
    dns.setEnabled(true);
    draft.getSpec().setDns(dns);
    Monitoring mon =
        draft.getSpec().getMonitoring() == null
            ? new Monitoring()
            : draft.getSpec().getMonitoring();
    mon.setEnabled(true);
    draft.getSpec().setMonitoring(mon);
    return draft;
  }

  private static Set<String> addTiers(
      AppSegmentation seg, FlowLog log, ObservedCluster world, String namespace, Grouping grouping)
      throws ProposalException {
    Map<String, Map<String, Map<String, String>>> groups = new TreeMap<>();
    for (FlowLog.Connection c : log.connections()) {
      for (FlowEnd end : List.of(c.source(), c.destination())) {
        Node n = world.node(end);
        if (n.isPod() && n.namespace().equals(namespace)) {
          grouping
              .group(n, end)
              .ifPresent(
                  g -> groups.computeIfAbsent(g, k -> new TreeMap<>()).put(n.name(), n.labels()));
        }
      }
    }
    Map<String, Map<String, String>> known = new TreeMap<>();
    world.cluster().pods().stream()
        .filter(p -> p.namespace().equals(namespace))
        .forEach(p -> known.put(p.name(), p.labels()));
    List<Tier> tiers = seg.getSpec().getTiers();
    Set<String> taken =
        tiers.stream().map(Tier::getName).collect(Collectors.toCollection(TreeSet::new));
    Set<String> added = new TreeSet<>();
    String own = seg.getMetadata().getNamespace();
    for (Map.Entry<String, Map<String, Map<String, String>>> g : groups.entrySet()) {
      var members = g.getValue();
      if (tiers.stream()
          .anyMatch(t -> TierChoice.covers(t, t.namespaceOr(own), namespace, members.values()))) {
        continue;
      }
      Tier t = new Tier();
      t.setName(TierChoice.name(g.getKey(), taken));
      if (!namespace.equals(own)) {
        t.setNamespace(namespace);
      }
      List<Map<String, String>> others =
          known.entrySet().stream()
              .filter(e -> !members.containsKey(e.getKey()))
              .filter(
                  e -> !grouping.group(e.getKey(), e.getValue()).equals(Optional.of(g.getKey())))
              .map(Map.Entry::getValue)
              .toList();
      t.setPodSelector(
          grouping.labelKey() != null
              ? SpecEnds.selector(Map.of(grouping.labelKey(), g.getKey()))
              : TierChoice.selector(g.getKey(), members.values(), others));
      taken.add(t.getName());
      added.add(t.getName());
      tiers.add(t);
    }
    return added;
  }

  private static Need need(Map<String, Need> needs, Endpoint from, Endpoint to) {
    String key = SpecEnds.inline(from) + " " + SpecEnds.inline(to);
    return needs.computeIfAbsent(key, k -> new Need(from, to, new TreeSet<>()));
  }

  /**
   * Scrapes from the configured scraper become {@code spec.monitoring}: the port most tiers are
   * scraped on, a tier's own {@code metricsPort} where it differs; a tier scraped on more ports
   * than one, or one whose metrics port is already set otherwise, gets flows for the rest.
   */
  private List<Need> monitoring(
      AppSegmentation seg, Map<String, SortedSet<Integer>> scrapes, Resolved draft) {
    List<Need> rest = new ArrayList<>();
    if (scrapes.isEmpty()) {
      return rest;
    }
    Monitoring mon = seg.getSpec().getMonitoring();
    if (mon == null || !Boolean.TRUE.equals(mon.getEnabled())) {
      mon = mon == null ? new Monitoring() : mon;
      mon.setEnabled(true);
      Map<Integer, Long> votes =
          scrapes.values().stream()
              .collect(
                  Collectors.groupingBy(SortedSet::first, TreeMap::new, Collectors.counting()));
      int common =
          votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      mon.setPort(new IntOrString(common));
      seg.getSpec().setMonitoring(mon);
    }
    IntOrString port = mon.getPort() == null ? defaults.monitoringPort() : mon.getPort();
    for (Map.Entry<String, SortedSet<Integer>> e : scrapes.entrySet()) {
      Tier tier =
          seg.getSpec().getTiers().stream()
              .filter(t -> t.getName().equals(e.getKey()))
              .findFirst()
              .orElseThrow();
      SortedSet<Integer> ports = new TreeSet<>(e.getValue());
      Integer metrics = (tier.getMetricsPort() != null ? tier.getMetricsPort() : port).getIntVal();
      if (metrics != null && ports.contains(metrics)) {
        ports.remove(metrics);
      } else if (tier.getMetricsPort() == null) {
        tier.setMetricsPort(new IntOrString(ports.first()));
        ports.remove(ports.first());
      }
      if (!ports.isEmpty()) {
        SortedSet<PortRanges.Observed> observed = new TreeSet<>();
        ports.forEach(p -> observed.add(new PortRanges.Observed(Protocol.TCP, p)));
        for (var peer : draft.scrapers()) {
          Endpoint from = SERIALIZATION.convertValue(peer, Endpoint.class);
          rest.add(new Need(from, Endpoint.tier(tier.getName()), observed));
        }
      }
    }
    return rest;
  }

  /**
   * Adds a flow per need, or the ports to the flow with the same ends. A new tier's ports are those
   * it is reached on, and its flows that use exactly those ports leave them out.
   */
  private static void addFlows(AppSegmentation seg, Iterable<Need> needs, Set<String> newTiers) {
    List<Flow> flows = seg.getSpec().getFlows();
    Map<String, SortedSet<PortRanges.Observed>> served = new TreeMap<>();
    List<Flow> added = new ArrayList<>();
    for (Need n : needs) {
      if (n.to().getTier() != null && newTiers.contains(n.to().getTier())) {
        served.computeIfAbsent(n.to().getTier(), t -> new TreeSet<>()).addAll(n.ports());
      }
      Optional<Flow> same =
          flows.stream()
              .filter(f -> SpecEnds.inline(f.getFrom()).equals(SpecEnds.inline(n.from())))
              .filter(f -> SpecEnds.inline(f.getTo()).equals(SpecEnds.inline(n.to())))
              .findFirst();
      if (same.isPresent()) {
        widen(seg, same.get(), n);
      } else {
        Flow f = new Flow(n.from(), n.to(), PortRanges.collapse(n.ports()));
        flows.add(f);
        added.add(f);
      }
    }
    for (Tier t : seg.getSpec().getTiers()) {
      if (served.containsKey(t.getName())) {
        t.setPorts(PortRanges.collapse(served.get(t.getName())));
        String ports = SpecEnds.inline(t.getPorts());
        added.stream()
            .filter(f -> t.getName().equals(f.getTo().getTier()))
            .filter(f -> SpecEnds.inline(f.getPorts()).equals(ports))
            .forEach(f -> f.setPorts(null));
      }
    }
  }

  /** A flow that lacks ports gets them; one that had the tier's ports spells them out first. */
  private static void widen(AppSegmentation seg, Flow f, Need n) {
    List<PortSpec> ports = new ArrayList<>();
    if (f.getPorts() != null) {
      ports.addAll(f.getPorts());
    } else if (f.getTo().getTier() != null) {
      seg.getSpec().getTiers().stream()
          .filter(t -> t.getName().equals(f.getTo().getTier()))
          .forEach(t -> ports.addAll(t.getPorts()));
    }
    ports.addAll(PortRanges.collapse(n.ports()));
    f.setPorts(ports);
  }

  private static void dns(AppSegmentation seg, boolean seen, boolean fresh) {
    if (seen && seg.getSpec().getDns() != null) {
      seg.getSpec().getDns().setEnabled(true);
    } else if (!seen && fresh) {
      Dns off = new Dns();
      off.setEnabled(false);
      seg.getSpec().setDns(off);
    }
  }

  /** Validated and verified as {@code render} would plan it, with each field's observations. */
  private Proposal checked(AppSegmentation seg, FlowLog log, ObservedCluster world)
      throws ProposalException {
    Plan plan;
    try {
      plan = new Planner(defaults).plan(seg);
    } catch (InvalidSpecException e) {
      throw new ProposalException("the proposal is not valid (a bug): " + e.getMessage());
    }
    VerificationResult result = new PlanVerifier(defaults).verify(seg, plan);
    if (!result.ok()) {
      throw new ProposalException(
          "the proposal's plan does not verify (a bug): " + result.summary(3));
    }
    Intent intent = new Intent(Resolved.of(seg, defaults));
    Map<String, Long> observations = new LinkedHashMap<>();
    for (FlowLog.Connection c : log.connections()) {
      Node s = world.node(c.source());
      Node d = world.node(c.destination());
      intent
          .declaredBy(s, d, c.port(), Protocol.valueOf(c.protocol().name()))
          .forEach(f -> observations.merge(f, c.count(), Long::sum));
    }
    return new Proposal(seg, observations);
  }
}
