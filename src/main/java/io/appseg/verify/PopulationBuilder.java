package io.appseg.verify;

import inet.ipaddr.IPAddress;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.PeerFields;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.kube.Ip;
import io.appseg.plan.Resolved;
import io.appseg.verify.Node.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Synthesizes the pods worth asking about: two pods per tier (so flows within a tier are between
 * two pods), a bystander in each tier namespace, for every pods-peer (flows, DNS, scrapers) a
 * matching pod plus impostors that match only its namespace part or only its pod part, look-alikes
 * of every tier (its labels, in an outsider namespace and in the namespaces of the tiers it has a
 * flow with), an outsider pod, and external addresses inside each CIDR (outside its excepts),
 * inside each except, and elsewhere. Every pod carries every named port of the spec, each under its
 * own number.
 *
 * <p>Then one address is kept per address class and one probe per port class ({@link Partition},
 * split at the edges of the spec and the plan, {@link Boundaries}), and a class no chosen value
 * falls in gets one: the check asks about every class once, so its cost grows with the number of
 * distinct blocks and port lists, not with their product with the pods.
 */
final class PopulationBuilder {
  static final String OUTSIDER_NAMESPACE = "verify-outsider";
  private static final int FIRST_NAMED_PORT = 30001;
  private static final List<String> ELSEWHERE = List.of("192.0.2.10", "2001:db8::10");

  private final Resolved spec;
  private final Map<String, Map<String, String>> namespaces = new TreeMap<>();
  private final Map<String, Map<String, String>> pods =
      new LinkedHashMap<>(); // "ns/name" -> labels
  private final Map<String, String> roles = new LinkedHashMap<>();
  private final Set<String> externals = new LinkedHashSet<>(ELSEWHERE);
  private final Map<String, ContainerPort> namedPorts = new LinkedHashMap<>();
  private final TreeSet<Probe> probes = new TreeSet<>();

  private final Boundaries boundaries = new Boundaries();

  PopulationBuilder(Resolved spec) {
    this(spec, List.of());
  }

  /** The population for {@code spec} whose classes also split at the edges of {@code policies}. */
  PopulationBuilder(Resolved spec, List<NetworkPolicy> policies) {
    this.spec = spec;
    boundaries.addPolicies(policies);
  }

  Population build() {
    for (List<PortSpec> list : portLists()) {
      boundaries.addPortList(list);
      list.forEach(this::addPort);
    }
    addUnrelatedProbes();
    addPods(true);
    Map<String, String> kept = keepOneAddressPerClass();
    keepOnePortPerClass();
    List<Node> nodes = nodes();
    return new Population(namespaces, nodes, probes, roleNodes(nodes, kept));
  }

  /**
   * The namespaces of {@link #build}'s population, without its addresses and probes: the informer
   * asks on every event of the app, before the reconcile starts, and the address classes of a spec
   * with many IP blocks took it over a second on a cold JVM.
   */
  Set<String> namespaces() {
    addPods(false);
    return namespaces.keySet();
  }

  /** The pods, and with {@code addresses} the external addresses of the IP-block peers. */
  private void addPods(boolean addresses) {
    namespaces.put(spec.segNamespace(), new TreeMap<>());
    spec.tiers().values().forEach(this::addTier);
    new TreeSet<>(spec.tierNamespaces().values())
        .forEach(ns -> addPod(ns, "bystander", Labelling.role("bystander")));
    addOutsiders();
    addPeers("flow-peer", flowPeers(), addresses);
    addPeers("dns", new ArrayList<>(spec.dnsPeers()), addresses);
    addPeers("scraper", new ArrayList<>(spec.scrapers()), addresses);
  }

  private void addTier(Tier tier) {
    String ns = spec.tierNamespaces().get(tier.getName());
    Map<String, String> labels = Labelling.satisfying(tier.getPodSelector(), "tier");
    roles.put("tier:" + tier.getName(), addPod(ns, "tier-" + tier.getName() + "-a", labels));
    addPod(ns, "tier-" + tier.getName() + "-b", labels);
  }

  private void addOutsiders() {
    namespaces.put(OUTSIDER_NAMESPACE, new TreeMap<>(Labelling.role("outsider")));
    roles.put("outsider", addPod(OUTSIDER_NAMESPACE, "outsider", Labelling.role("outsider")));
    for (Tier t : spec.tiers().values()) {
      Map<String, String> labels = Labelling.satisfying(t.getPodSelector(), "tier");
      addPod(OUTSIDER_NAMESPACE, "like-" + t.getName(), labels);
      linkedNamespaces(t.getName()).forEach(ns -> addPod(ns, "like-" + t.getName(), labels));
    }
  }

  /**
   * The other tier namespaces whose policies name tier {@code tier} as a peer: those of the tiers
   * it has a flow with. A look-alike there tells a peer restricted to the tier's namespace from one
   * that is not; elsewhere no policy names the tier, and one look-alike per flow keeps the
   * population linear in the spec.
   */
  private Set<String> linkedNamespaces(String tier) {
    Set<String> out = new TreeSet<>();
    for (Flow f : spec.flows()) {
      String from = f.getFrom().getTier();
      String to = f.getTo().getTier();
      if (tier.equals(from) && to != null) {
        out.add(spec.tierNamespaces().get(to));
      }
      if (tier.equals(to) && from != null) {
        out.add(spec.tierNamespaces().get(from));
      }
    }
    out.remove(spec.tierNamespaces().get(tier));
    return out;
  }

  private List<PeerFields> flowPeers() {
    List<PeerFields> peers = new ArrayList<>();
    for (Flow f : spec.flows()) {
      for (Endpoint e : List.of(f.getFrom(), f.getTo())) {
        if (e.getTier() == null && !Boolean.TRUE.equals(e.getAnywhere())) {
          peers.add(e);
        }
      }
    }
    return peers;
  }

  /** Each peer's matching pod or inside address becomes the role {@code <prefix>-<index>}. */
  private void addPeers(String prefix, List<? extends PeerFields> peers, boolean addresses) {
    for (int i = 0; i < peers.size(); i++) {
      String name = prefix + "-" + i;
      PeerFields peer = peers.get(i);
      if (peer.getCidr() == null) {
        roles.put(name, addPodPeer(name, peer));
      } else if (addresses) {
        roles.put(name, addAddresses(peer));
      }
    }
  }

  private String addAddresses(PeerFields p) {
    boundaries.addPeer(p);
    IpBlock block = IpBlock.parse(p.getCidr());
    List<IpBlock> holes =
        p.getExcept() == null ? List.of() : p.getExcept().stream().map(IpBlock::parse).toList();
    holes.forEach(h -> externals.add(h.someAddress()));
    String inside = block.addressOutside(holes).orElse(block.someAddress());
    externals.add(inside);
    return inside;
  }

  /**
   * A matching pod, a pod of the right namespace with other labels, a pod with the labels in the
   * wrong namespace.
   */
  private String addPodPeer(String name, PeerFields p) {
    String ns = peerNamespace(name, p);
    String matching = addPod(ns, name, Labelling.satisfying(p.getPodSelector(), "peer"));
    if (p.getPodSelector() != null) {
      addPod(ns, name + "-other", Labelling.role("other"));
    }
    if (p.getNamespace() != null || p.getNamespaceSelector() != null) {
      addPod(OUTSIDER_NAMESPACE, name, Labelling.satisfying(p.getPodSelector(), "peer"));
    }
    return matching;
  }

  private String peerNamespace(String name, PeerFields p) {
    LabelSelector selector = p.getNamespaceSelector();
    if (selector == null) {
      String ns = p.namespaceOr(spec.segNamespace());
      namespaces.computeIfAbsent(ns, n -> new TreeMap<>());
      return ns;
    }
    Map<String, String> labels = Labelling.satisfying(selector, "peer");
    String ns = labels.getOrDefault(Matchers.namespaceNameLabel(), "verify-" + name);
    namespaces.computeIfAbsent(ns, n -> new TreeMap<>()).putAll(labels);
    return ns;
  }

  private String addPod(String ns, String name, Map<String, String> labels) {
    namespaces.computeIfAbsent(ns, n -> new TreeMap<>());
    String unique = name;
    for (int i = 2; pods.containsKey(ns + "/" + unique); i++) {
      unique = name + "-" + i;
    }
    pods.put(ns + "/" + unique, Map.copyOf(labels));
    return ns + "/" + unique;
  }

  private List<Node> nodes() {
    namespaces.forEach((name, labels) -> labels.put(Matchers.namespaceNameLabel(), name));
    List<Node> nodes = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Map<String, String>> pod : pods.entrySet()) {
      String[] id = pod.getKey().split("/", 2);
      String ip = "100.64." + (i / 250) + "." + (i % 250 + 1);
      nodes.add(
          new Node(
              id[0],
              id[1],
              pod.getValue(),
              namespaces.get(id[0]),
              ip,
              List.copyOf(namedPorts.values())));
      i++;
    }
    externals.forEach(ip -> nodes.add(Node.external(ip)));
    return nodes;
  }

  /** Roles by node; an address role goes to the address kept for its class. */
  private Map<String, Node> roleNodes(List<Node> nodes, Map<String, String> kept) {
    Map<String, Node> byId = new LinkedHashMap<>();
    nodes.forEach(n -> byId.put(n.id(), n));
    Map<String, Node> out = new LinkedHashMap<>();
    roles.forEach((role, id) -> out.put(role, byId.get(kept.getOrDefault(id, id))));
    return out;
  }

  /**
   * One external address per address class: the first chosen one of each class, and a new one for a
   * class none of them is in. Returns what became of each address dropped.
   */
  private Map<String, String> keepOneAddressPerClass() {
    Map<String, String> kept = new LinkedHashMap<>();
    Set<String> chosen = new LinkedHashSet<>();
    for (boolean v6 : List.of(false, true)) {
      Partition classes = boundaries.addresses(v6);
      Map<Integer, String> byClass = new TreeMap<>();
      for (String address : externals) {
        IPAddress one = Ip.address(address);
        if (one.isIPv6() == v6) {
          String first = byClass.putIfAbsent(classes.classOf(one.getValue()), address);
          kept.put(address, first == null ? address : first);
        }
      }
      List<BigInteger> all = classes.representatives();
      for (int c = 0; c < all.size(); c++) {
        byClass.putIfAbsent(c, IpBlock.format(v6, all.get(c)));
      }
      chosen.addAll(byClass.values());
    }
    externals.retainAll(chosen);
    externals.addAll(chosen);
    return kept;
  }

  /** One probe per port class of each protocol: the lowest chosen one, or a new one. */
  private void keepOnePortPerClass() {
    namedPorts.values().forEach(c -> boundaries.addSinglePort(c.number()));
    Set<Probe> chosen = new TreeSet<>();
    for (Protocol protocol : Protocol.values()) {
      Partition classes = boundaries.ports(protocol);
      Map<Integer, Integer> byClass = new TreeMap<>();
      probes.stream()
          .filter(p -> p.protocol() == protocol)
          .forEach(
              p -> byClass.putIfAbsent(classes.classOf(BigInteger.valueOf(p.port())), p.port()));
      List<BigInteger> all = classes.representatives();
      for (int c = 0; c < all.size(); c++) {
        byClass.putIfAbsent(c, all.get(c).intValueExact());
      }
      byClass.values().forEach(port -> chosen.add(new Probe(port, protocol)));
    }
    probes.clear();
    probes.addAll(chosen);
  }

  /** Every port list the intent matches by. */
  private List<List<PortSpec>> portLists() {
    List<List<PortSpec>> all = new ArrayList<>();
    for (Tier t : spec.tiers().values()) {
      all.add(t.getPorts() == null ? List.of() : t.getPorts());
      all.add(List.of(spec.metricsPort(t)));
    }
    spec.flows().stream().filter(f -> f.getPorts() != null).forEach(f -> all.add(f.getPorts()));
    all.add(spec.dnsPorts());
    return all;
  }

  /**
   * Named ports get a number of their own; numbers and ranges are probed at and just beyond their
   * edges.
   */
  private void addPort(PortSpec p) {
    Protocol protocol = p.getProtocol() == null ? Protocol.TCP : p.getProtocol();
    if (p.getPort().getIntVal() == null) {
      ContainerPort c =
          namedPorts.computeIfAbsent(
              p.getPort().getStrVal(),
              n -> new ContainerPort(n, FIRST_NAMED_PORT + namedPorts.size(), protocol));
      everyProtocol(c.number());
      return;
    }
    int first = p.getPort().getIntVal();
    int last = p.getEndPort() == null ? first : p.getEndPort();
    everyProtocol(first);
    probes.add(new Probe(last, protocol));
    if (first > 1) {
      probes.add(new Probe(first - 1, protocol));
    }
    if (last < 65535) {
      probes.add(new Probe(last + 1, protocol));
    }
  }

  /** Ports no spec mentions: an over-permissive rule shows up here. */
  private void addUnrelatedProbes() {
    probes.add(new Probe(1, Protocol.TCP));
    everyProtocol(65000);
  }

  private void everyProtocol(int port) {
    for (Protocol protocol : Protocol.values()) {
      probes.add(new Probe(port, protocol));
    }
  }
}
