package io.appseg.cli;

import io.appseg.api.v1alpha1.CrdConstants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * AppSegmentations that differ from one valid base in one place each, over what the CRD and the CLI
 * must judge alike: label keys and values, CIDR blocks and their holes, names, ports, enums and
 * types, endpoint forms, and every list at its bound and one past it. Values at each side of every
 * rule, and look-alikes of the syntaxes other parsers accept (leading zeros, zones, upper case).
 */
final class SpecCorpus {
  /** The namespace every document is in. */
  static final String NAMESPACE = "parity";

  /** One document: a category (what it varies), the value tried, and the resource. */
  record Entry(String category, String value, Map<String, Object> resource) {
    @Override
    public String toString() {
      return category + " = " + value;
    }
  }

  private static final List<String> LABEL_KEYS =
      List.of(
          "tier",
          "app.kubernetes.io/name",
          "a_b",
          "a.b",
          "A9",
          "k".repeat(63),
          "k".repeat(64),
          prefix(253) + "/n",
          prefix(254) + "/n",
          "Tier/x",
          "-bad",
          "bad-",
          "_a",
          "a/b/c",
          "/x",
          "x/",
          "",
          "a b",
          "é",
          "ex-.com/x",
          "a..b/x",
          "1.2.3.4/x",
          "example.com/-x");

  private static final List<String> LABEL_VALUES =
      List.of(
          "",
          "web",
          "a_b",
          "A.b",
          "v".repeat(63),
          "v".repeat(64),
          "-bad",
          "bad-",
          "_x",
          "a b",
          "a/b",
          "é");

  private static final List<String> CIDRS =
      List.of(
          "10.0.0.0/8",
          "10.0.0.1/8",
          "0.0.0.0/0",
          "10.0.0.0/32",
          "2001:db8::/32",
          "2001:DB8::/32",
          "2001:0db8::/32",
          "::/0",
          "::1.2.3.4/128",
          "::ffff:10.0.0.0/104",
          "1:2:3:4:5:6:7:8/128",
          "010.0.0.0/8",
          "10.0.0.0/33",
          "10.0.0.0/08",
          "10.0.0.0/0008",
          "10.0.0.0",
          "10.0.0.0/",
          "256.0.0.0/8",
          "1.2.3/24",
          "2001:db8::/129",
          "2001:00db8::/32",
          "1:2:3:4:5:6:7:8:9/128",
          "fe80::1%eth0/64",
          "10.0.0.0/+8");

  /** (cidr, except) pairs. */
  private static final List<List<String>> HOLES =
      List.of(
          List.of("10.0.0.0/8", "10.1.0.0/16"),
          List.of("10.0.0.0/8", "10.1.2.3/16"),
          List.of("0.0.0.0/0", "192.168.0.0/16"),
          List.of("2001:db8::/32", "2001:db8:1::/48"),
          List.of("10.0.0.0/8", "10.0.0.0/8"),
          List.of("10.0.0.0/8", "10.0.0.0/7"),
          List.of("10.0.0.0/8", "11.0.0.0/16"),
          List.of("0.0.0.0/0", "::/1"),
          List.of("::/0", "10.0.0.0/8"),
          List.of("10.0.0.0/8", "010.1.0.0/16"),
          List.of("10.0.0.0/8", "10.1.0.0/33"),
          List.of("10.0.0.1/8", "10.0.0.0/9"));

  private static final List<String> DNS_LABELS =
      List.of(
          "web",
          "a",
          "w".repeat(63),
          "w".repeat(64),
          "Web",
          "-web",
          "web-",
          "we_b",
          "1web",
          "we.b",
          "default-deny",
          "peer");

  private static final List<Object> PORTS =
      List.of(
          1,
          65535,
          0,
          65536,
          -1,
          "http",
          "h2c",
          "p".repeat(15),
          "p".repeat(16),
          "HTTP",
          "h--p",
          "-http",
          "123",
          "http-");

  private SpecCorpus() {}

  static List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (String key : LABEL_KEYS) {
      out.add(entry("matchLabels key", key, s -> tier(s).put("podSelector", labels(key, "x"))));
      out.add(
          entry(
              "matchExpressions key",
              key,
              s -> tier(s).put("podSelector", expression(key, "Exists", null))));
      out.add(
          entry(
              "namespaceSelector key",
              key,
              s -> flow(s).put("from", Map.of("namespaceSelector", labels(key, "x")))));
    }
    for (String value : LABEL_VALUES) {
      out.add(
          entry("matchLabels value", value, s -> tier(s).put("podSelector", labels("k", value))));
      out.add(
          entry(
              "matchExpressions value",
              value,
              s -> tier(s).put("podSelector", expression("k", "In", List.of(value)))));
    }
    for (String cidr : CIDRS) {
      out.add(entry("flow cidr", cidr, s -> flow(s).put("from", Map.of("cidr", cidr))));
      out.add(
          entry("dns cidr", cidr, s -> s.put("dns", Map.of("to", List.of(Map.of("cidr", cidr))))));
    }
    for (List<String> hole : HOLES) {
      out.add(
          entry(
              "except",
              hole.get(0) + " except " + hole.get(1),
              s -> flow(s).put("to", Map.of("cidr", hole.get(0), "except", List.of(hole.get(1))))));
    }
    names(out);
    ports(out);
    enums(out);
    forms(out);
    bounds(out);
    sums(out);
    return out;
  }

  private static void names(List<Entry> out) {
    for (String name : DNS_LABELS) {
      out.add(entry("tier name", name, s -> renameTier(s, name)));
      out.add(entry("tier namespace", name, s -> tier(s).put("namespace", name)));
      out.add(entry("peer namespace", name, s -> flow(s).put("from", Map.of("namespace", name))));
    }
    for (String name :
        List.of("shop", "shop.v2", "s".repeat(63), "s".repeat(64), "Shop", "shop-", "shop_1")) {
      out.add(new Entry("metadata.name", name, resource(name, s -> {})));
    }
  }

  private static void ports(List<Entry> out) {
    for (Object port : PORTS) {
      out.add(
          entry("tier port", String.valueOf(port), s -> tier(s).put("ports", List.of(port(port)))));
      out.add(
          entry(
              "monitoring port",
              String.valueOf(port),
              s -> s.put("monitoring", Map.of("enabled", true, "port", port))));
    }
    for (Object end : List.of(8080, 8081, 8079, 65535, 65536)) {
      out.add(
          entry(
              "endPort",
              String.valueOf(end),
              s -> tier(s).put("ports", List.of(Map.of("port", 8080, "endPort", end)))));
    }
    out.add(
        entry(
            "endPort",
            "with a named port",
            s -> tier(s).put("ports", List.of(Map.of("port", "http", "endPort", 8080)))));
    for (String protocol : List.of("TCP", "UDP", "SCTP", "tcp", "ICMP")) {
      out.add(
          entry(
              "protocol",
              protocol,
              s -> tier(s).put("ports", List.of(Map.of("port", 53, "protocol", protocol)))));
    }
  }

  private static void enums(List<Entry> out) {
    for (Object mode : List.of("Enforce", "Audit", "enforce", 1, true)) {
      out.add(entry("mode", String.valueOf(mode), s -> s.put("mode", mode)));
    }
    for (Object scope : List.of("Namespace", "Tiers", "Pods")) {
      out.add(
          entry(
              "defaultDeny.scope",
              String.valueOf(scope),
              s -> s.put("defaultDeny", Map.of("scope", scope))));
    }
    for (String operator : List.of("In", "NotIn", "in", "Exists", "DoesNotExist", "Gt")) {
      out.add(
          entry(
              "operator",
              operator,
              s ->
                  tier(s)
                      .put(
                          "podSelector",
                          expression(
                              "k",
                              operator,
                              operator.startsWith("Exists") || operator.startsWith("Does")
                                  ? null
                                  : List.of("v")))));
    }
    out.add(
        entry(
            "operator",
            "Exists with values",
            s -> tier(s).put("podSelector", expression("k", "Exists", List.of("v")))));
    out.add(
        entry(
            "operator",
            "In without values",
            s -> tier(s).put("podSelector", expression("k", "In", List.of()))));
  }

  private static void forms(List<Entry> out) {
    List<Map<String, Object>> ends =
        List.of(
            Map.of("tier", "api"),
            Map.of("tier", "nope"),
            Map.of("tier", "api", "cidr", "10.0.0.0/8"),
            Map.of("anywhere", true),
            Map.of("anywhere", false),
            Map.of(),
            Map.of("podSelector", Map.of(), "cidr", "10.0.0.0/8"),
            Map.of("namespace", "a", "namespaceSelector", Map.of()),
            Map.of("podSelector", Map.of(), "except", List.of("10.0.0.0/8")));
    for (Map<String, Object> end : ends) {
      out.add(entry("flow to", end.toString(), s -> flow(s).put("to", end)));
    }
    out.add(
        entry(
            "flow",
            "numbered ports towards a cidr",
            s -> flow(s).putAll(Map.of("to", cidrEnd(), "ports", List.of(port(443))))));
    out.add(
        entry(
            "flow",
            "no tier on either side",
            s -> flow(s).putAll(Map.of("from", Map.of("anywhere", true), "to", cidrEnd()))));
    out.add(
        entry(
            "flow",
            "named port towards a cidr",
            s -> flow(s).putAll(Map.of("to", cidrEnd(), "ports", List.of(port("http"))))));
    out.add(entry("tier", "metricsPort without monitoring", s -> tier(s).put("metricsPort", 9090)));
    out.add(
        entry(
            "tier",
            "metricsPort with monitoring",
            s -> {
              tier(s).put("metricsPort", 9090);
              s.put("monitoring", Map.of("enabled", true));
            }));
    out.add(entry("tier", "two tiers of one name", s -> renameTier(s, "api")));
  }

  /** Every list the CRD bounds, at its bound and one past it. */
  private static void bounds(List<Entry> out) {
    bound(out, "tiers", 50, (s, n) -> s.put("tiers", tiers(n)));
    bound(out, "flows", 200, (s, n) -> s.put("flows", repeat(n, i -> flowBetween("web", "api"))));
    bound(out, "tier ports", 32, (s, n) -> tier(s).put("ports", repeat(n, i -> port(1000 + i))));
    bound(
        out,
        "except",
        32,
        (s, n) ->
            flow(s)
                .put(
                    "to",
                    Map.of("cidr", "10.0.0.0/8", "except", repeat(n, i -> "10." + i + ".0.0/16"))));
    bound(
        out,
        "dns.to",
        16,
        (s, n) ->
            s.put("dns", Map.of("to", repeat(n, i -> Map.of("cidr", "10.0." + i + ".0/24")))));
    bound(
        out, "dns.ports", 8, (s, n) -> s.put("dns", Map.of("ports", repeat(n, i -> port(53 + i)))));
    bound(
        out,
        "monitoring.from",
        16,
        (s, n) ->
            s.put("monitoring", Map.of("from", repeat(n, i -> Map.of("namespace", "m" + i)))));
    bound(
        out,
        "matchLabels",
        64,
        (s, n) -> {
          Map<String, Object> labels = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            labels.put("k" + i, "v");
          }
          tier(s).put("podSelector", Map.of("matchLabels", labels));
        });
    bound(
        out,
        "matchExpressions",
        32,
        (s, n) ->
            tier(s)
                .put(
                    "podSelector",
                    Map.of(
                        "matchExpressions",
                        repeat(n, i -> Map.of("key", "k" + i, "operator", "Exists")))));
    bound(
        out,
        "values",
        64,
        (s, n) -> tier(s).put("podSelector", expression("k", "In", repeat(n, i -> "v" + i))));
  }

  /** The bounds on sums of list sizes: lists of at most 32 adding up to the bound and one past. */
  private static void sums(List<Entry> out) {
    bound(
        out,
        "tier ports in all",
        CrdConstants.MAX_TIER_PORTS_IN_ALL,
        (s, n) -> {
          List<Object> tiers = tiers(chunks(n).size());
          for (int t = 0; t < tiers.size(); t++) {
            tierAt(tiers, t).put("ports", ports(chunks(n).get(t)));
          }
          s.put("tiers", tiers);
        });
    bound(
        out,
        "flow ports in all",
        CrdConstants.MAX_FLOW_PORTS_IN_ALL,
        (s, n) -> s.put("flows", flowsOf(n, (f, size) -> f.put("ports", ports(size)))));
    bound(
        out,
        "except in all",
        CrdConstants.MAX_EXCEPT_IN_ALL,
        (s, n) -> s.put("flows", flowsOf(n, (f, size) -> f.put("to", block(size)))));
  }

  /** Flows web -> api, one per chunk of {@code n}, each changed by {@code sized}. */
  private static List<Object> flowsOf(int n, BiConsumer<Map<String, Object>, Integer> sized) {
    List<Integer> chunks = chunks(n);
    return repeat(
        chunks.size(),
        i -> {
          Map<String, Object> f = flowBetween("web", "api");
          sized.accept(f, chunks.get(i));
          return f;
        });
  }

  /** {@code n} as lists of at most 32 (the bound of a ports and of an except list). */
  private static List<Integer> chunks(int n) {
    int most = Math.min(CrdConstants.MAX_PORTS, CrdConstants.MAX_EXCEPT);
    List<Integer> sizes = new ArrayList<>();
    for (int left = n; left > 0; left -= most) {
      sizes.add(Math.min(left, most));
    }
    return sizes;
  }

  private static List<Object> ports(int n) {
    return repeat(n, i -> port(1000 + i));
  }

  private static Map<String, Object> block(int excepts) {
    return Map.of("cidr", "10.0.0.0/8", "except", repeat(excepts, i -> "10." + i + ".0.0/16"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tierAt(List<Object> tiers, int i) {
    return (Map<String, Object>) tiers.get(i);
  }

  private interface Sized {
    void apply(Map<String, Object> spec, int n);
  }

  private static void bound(List<Entry> out, String what, int max, Sized sized) {
    for (int n : new int[] {max, max + 1}) {
      out.add(entry(what + " count", String.valueOf(n), s -> sized.apply(s, n)));
    }
  }

  private static Entry entry(String category, String value, Consumer<Map<String, Object>> change) {
    return new Entry(category, value, resource("shop", change));
  }

  /** The base: two tiers, one flow between them; {@code change} edits a fresh copy of its spec. */
  private static Map<String, Object> resource(String name, Consumer<Map<String, Object>> change) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("tiers", tiers(2));
    spec.put("flows", new ArrayList<>(List.of(flowBetween("web", "api"))));
    change.accept(spec);
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("apiVersion", "appseg.io/v1alpha1");
    resource.put("kind", "AppSegmentation");
    resource.put("metadata", Map.of("name", name, "namespace", NAMESPACE));
    resource.put("spec", spec);
    return resource;
  }

  /** web, api, then t2, t3, ... */
  private static List<Object> tiers(int n) {
    return repeat(
        n,
        i -> {
          String name = i == 0 ? "web" : i == 1 ? "api" : "t" + i;
          Map<String, Object> tier = new LinkedHashMap<>();
          tier.put("name", name);
          tier.put("podSelector", labels("tier", name));
          tier.put("ports", List.of(port(8080)));
          return tier;
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tier(Map<String, Object> spec) {
    return (Map<String, Object>) ((List<Object>) spec.get("tiers")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> flow(Map<String, Object> spec) {
    return (Map<String, Object>) ((List<Object>) spec.get("flows")).get(0);
  }

  /** Renames the first tier, and the flow's source with it. */
  private static void renameTier(Map<String, Object> spec, String name) {
    tier(spec).put("name", name);
    flow(spec).put("from", Map.of("tier", name));
  }

  private static Map<String, Object> flowBetween(String from, String to) {
    Map<String, Object> flow = new LinkedHashMap<>();
    flow.put("from", Map.of("tier", from));
    flow.put("to", Map.of("tier", to));
    return flow;
  }

  private static Map<String, Object> cidrEnd() {
    return Map.of("cidr", "203.0.113.0/24");
  }

  private static Map<String, Object> labels(String key, String value) {
    return Map.of("matchLabels", Map.of(key, value));
  }

  private static Map<String, Object> expression(String key, String operator, List<?> values) {
    Map<String, Object> requirement = new LinkedHashMap<>();
    requirement.put("key", key);
    requirement.put("operator", operator);
    if (values != null) {
      requirement.put("values", values);
    }
    return Map.of("matchExpressions", List.of(requirement));
  }

  private static Map<String, Object> port(Object port) {
    return Map.of("port", port);
  }

  private static <T> List<Object> repeat(int n, Function<Integer, T> item) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(item.apply(i));
    }
    return out;
  }

  /** A DNS subdomain of exactly {@code length} characters. */
  private static String prefix(int length) {
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append("a".repeat(Math.min(62, length - b.length())));
    }
    return b.toString();
  }
}
