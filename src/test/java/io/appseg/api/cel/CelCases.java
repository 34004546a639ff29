package io.appseg.api.cel;

import static io.appseg.api.cel.CelCase.invalid;
import static io.appseg.api.cel.CelCase.valid;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Resources for every CEL rule of the CRD, as compact YAML specs. Rules are named by their
 * messages.
 */
final class CelCases {
  static final String UNIQUE_TIERS = "tier names must be unique";
  static final String FROM_TIER = "every flows[].from.tier must name a declared tier";
  static final String TO_TIER = "every flows[].to.tier must name a declared tier";
  static final String METRICS_NEEDS_MONITORING =
      "tiers[].metricsPort needs monitoring.enabled: true";
  static final String RESERVED =
      "tier names 'default-deny', 'peer' and 'ns' are reserved for generated policies";
  static final String PORT =
      "must be a port number 1-65535 or a port name"
          + " (at most 15 lowercase letters, digits and single '-' between them, at least one letter)";
  static final String END_PORT = "endPort needs a numeric port and must be >= port";
  static final String PEER =
      "a peer is exactly one of: pods (namespace/namespaceSelector/podSelector) or cidr";
  static final String ENDPOINT =
      "an endpoint is exactly one of: tier, pods (namespace/namespaceSelector/podSelector),"
          + " cidr, or anywhere: true";
  static final String EXCEPT = "except is allowed only with cidr";
  static final String ONE_NAMESPACE_FORM = "use namespace or namespaceSelector, not both";
  static final String FLOW_TIER = "a flow needs a tier on at least one side (from or to)";
  static final String SELECTOR_VALUES =
      "In and NotIn need at least one value; Exists and DoesNotExist take none";
  static final String NAME_LENGTH =
      "metadata.name must be at most 63 characters: it is the value of the appseg.io/segmentation label";

  static final String LABEL_KEYS =
      "matchLabels keys must be label keys: [prefix/]name, name at most 63 characters"
          + " (letters, digits, '-', '_', '.'), prefix a DNS subdomain";
  static final String KEY_PREFIX = "key's prefix must be a DNS subdomain of at most 253 characters";
  static final String CIDR =
      "cidr must be a CIDR block: address/prefix without leading zeros or bits set beyond the"
          + " prefix, e.g. 10.0.0.0/8 or 2001:db8::/32";
  static final String EXCEPT_CIDR =
      "every except must be a CIDR block: address/prefix without leading zeros or bits set"
          + " beyond the prefix, e.g. 10.0.0.0/8 or 2001:db8::/32";
  static final String NAMED_PORT_TO_CIDR =
      "named ports need a pod destination; use port numbers towards a cidr";
  static final String EXCEPT_INSIDE =
      "every except must lie strictly inside cidr (a longer prefix of the same family)";

  static final String TIER_PORTS_IN_ALL = "at most 256 ports in all tiers[].ports together";
  static final String FLOW_PORTS_IN_ALL = "at most 1024 ports in all flows[].ports together";
  static final String EXCEPT_IN_ALL =
      "at most 256 except blocks in all of flows, dns.to and monitoring.from together";

  private static final String TIERS =
      "tiers: [{name: web, podSelector: {}}, {name: api, podSelector: {}}]";
  private static final String NAME_63 = "a".repeat(63);
  // A DNS subdomain of 254 characters: one too many for a label key's prefix.
  private static final String LONG_PREFIX = ("a".repeat(62) + ".").repeat(4) + "ab";

  static List<CelCase> passing() {
    return Stream.of(passingForms(), passingSyntax(), sums(0)).flatMap(List::stream).toList();
  }

  static List<CelCase> failing() {
    return Stream.of(failingForms(), failingSyntax(), sums(1)).flatMap(List::stream).toList();
  }

  /** The bounds on sums of list sizes, at the bound ({@code over} 0) or one past it. */
  private static List<CelCase> sums(int over) {
    String tiers =
        repeat(8 + over, i -> "{name: t" + i + ", podSelector: {}, ports: " + ports(32) + "}");
    String flowPorts =
        "["
            + repeat(
                32 + over, i -> "{from: {tier: web}, to: {tier: api}, ports: " + ports(32) + "}")
            + "]";
    String exceptFlows = repeat(7, i -> "{from: {tier: web}, to: " + block(32) + "}");
    String excepts =
        "{"
            + TIERS
            + ", flows: ["
            + exceptFlows
            + "], dns: {to: ["
            + block(31)
            + "]},"
            + " monitoring: {enabled: true, from: ["
            + block(1 + over)
            + "]}}";
    if (over == 0) {
      return List.of(
          valid(TIER_PORTS_IN_ALL, "256 in 8 tiers", "{tiers: [" + tiers + "]}"),
          valid(FLOW_PORTS_IN_ALL, "1024 in 32 flows", "{" + TIERS + ", flows: " + flowPorts + "}"),
          valid(EXCEPT_IN_ALL, "256 in flows, dns.to and monitoring.from", excepts));
    }
    return List.of(
        invalid(TIER_PORTS_IN_ALL, "spec.tiers", "288 in 9 tiers", "{tiers: [" + tiers + "]}"),
        invalid(
            FLOW_PORTS_IN_ALL,
            "spec.flows",
            "1056 in 33 flows",
            "{" + TIERS + ", flows: " + flowPorts + "}"),
        invalid(EXCEPT_IN_ALL, "spec", "257 in flows, dns.to and monitoring.from", excepts));
  }

  private static String ports(int n) {
    return "[" + repeat(n, i -> "{port: " + (1000 + i) + "}") + "]";
  }

  /** A cidr with {@code n} excepts. */
  private static String block(int n) {
    return "{cidr: 10.0.0.0/8, except: [" + repeat(n, i -> "10." + i + ".0.0/16") + "]}";
  }

  private static String repeat(int n, IntFunction<String> item) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.joining(", "));
  }

  /** The rules on forms, references and ranges. */
  private static List<CelCase> passingForms() {
    return List.of(
        valid(UNIQUE_TIERS, "distinct names", "{" + TIERS + "}"),
        valid(FROM_TIER, "declared tier", flows("{from: {tier: web}, to: {cidr: 10.0.0.0/8}}")),
        valid(TO_TIER, "declared tier", flows("{from: {cidr: 10.0.0.0/8}, to: {tier: api}}")),
        valid(
            METRICS_NEEDS_MONITORING,
            "monitoring enabled",
            "{tiers: [{name: web, podSelector: {}, metricsPort: 9090}], monitoring: {enabled: true}}"),
        valid(
            RESERVED,
            "a name that only contains default-deny",
            "{tiers: [{name: default-deny-x, podSelector: {}}]}"),
        valid(
            PORT,
            "numbers at both ends and names",
            tierPorts(
                "{port: 1}, {port: 65535}, {port: http}, {port: h2c}, {port: http-alt}, {port: abcdefghijklmno}")),
        valid(PORT, "monitoring port by name", "{" + TIERS + ", monitoring: {port: metrics}}"),
        valid(
            END_PORT,
            "a range",
            tierPorts("{port: 8000, endPort: 8080}, {port: 8080, endPort: 8080}")),
        valid(
            PEER,
            "cidr, namespace with pods, namespaces",
            dnsTo(
                "{cidr: 169.254.20.10/32}, {namespace: kube-system, podSelector: {}}, {namespaceSelector: {}}")),
        valid(
            ENDPOINT,
            "each form once",
            flows(
                "{from: {tier: web}, to: {tier: api}}",
                "{from: {podSelector: {}}, to: {tier: web}}",
                "{from: {cidr: 10.0.0.0/8}, to: {tier: web}}",
                "{from: {anywhere: true}, to: {tier: web}}")),
        valid(
            EXCEPT,
            "except with cidr",
            flows("{from: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}, to: {tier: web}}")),
        valid(
            ONE_NAMESPACE_FORM,
            "namespace and pods",
            flows("{from: {namespace: a, podSelector: {}}, to: {tier: web}}")),
        valid(
            FLOW_TIER,
            "tier only on the destination",
            flows("{from: {anywhere: true}, to: {tier: web}}")),
        valid(
            FLOW_TIER,
            "tier only on the source",
            flows("{from: {tier: web}, to: {anywhere: true}}")),
        valid(
            SELECTOR_VALUES,
            "each operator",
            "{tiers: [{name: web, podSelector: {matchExpressions: ["
                + "{key: a, operator: In, values: [x]}, {key: b, operator: NotIn, values: [y]},"
                + " {key: c, operator: Exists}, {key: d, operator: DoesNotExist, values: []}]}}]}"),
        valid(NAME_LENGTH, "63 characters", "{" + TIERS + "}").named(NAME_63));
  }

  /** The rules on label keys and CIDR blocks, where the CRD keeps the syntax the CLI keeps. */
  private static List<CelCase> passingSyntax() {
    return List.of(
        valid(
            LABEL_KEYS,
            "plain, prefixed and a 253-character prefix",
            "{tiers: [{name: web, podSelector: {matchLabels: {tier: web, app.kubernetes.io/name: x, "
                + LONG_PREFIX.substring(1)
                + "/n: v}}}]}"),
        valid(
            KEY_PREFIX,
            "a 253-character prefix",
            "{tiers: [{name: web, podSelector: {matchExpressions: [{key: '"
                + LONG_PREFIX.substring(1)
                + "/n', operator: Exists}]}}]}"),
        valid(CIDR, "IPv4 and IPv6", dnsTo("{cidr: 10.1.2.3/32}, {cidr: '2001:db8::/32'}")),
        valid(
            EXCEPT_CIDR,
            "IPv4 and IPv6 holes",
            dnsTo(
                "{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}, {cidr: '2001:db8::/32', except: ['2001:db8:1::/48']}")),
        valid(
            NAMED_PORT_TO_CIDR,
            "numbers towards a cidr, names towards a tier",
            flows(
                "{from: {tier: web}, to: {cidr: 10.0.0.0/8}, ports: [{port: 443}]}",
                "{from: {tier: web}, to: {tier: api}, ports: [{port: https}]}")),
        valid(
            EXCEPT_INSIDE,
            "holes strictly inside",
            flows(
                "{from: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 192.168.0.0/16]}, to: {tier: web}}")));
  }

  private static List<CelCase> failingSyntax() {
    return List.of(
        invalid(
            LABEL_KEYS,
            "spec.tiers[0].podSelector.matchLabels",
            "an upper-case prefix",
            "{tiers: [{name: web, podSelector: {matchLabels: {Tier/x: web}}}]}"),
        invalid(
            LABEL_KEYS,
            "spec.flows[0].to.namespaceSelector.matchLabels",
            "a leading hyphen",
            flows("{from: {tier: web}, to: {namespaceSelector: {matchLabels: {-bad: x}}}}")),
        invalid(
            LABEL_KEYS,
            "spec.dns.to[0].podSelector.matchLabels",
            "a 254-character prefix",
            dnsTo("{podSelector: {matchLabels: {" + LONG_PREFIX + "/n: v}}}")),
        invalid(
            KEY_PREFIX,
            "spec.flows[0].from.podSelector.matchExpressions[0].key",
            "a 254-character prefix",
            flows(
                "{from: {podSelector: {matchExpressions: [{key: '"
                    + LONG_PREFIX
                    + "/n', operator: Exists}]}}, to: {tier: web}}")),
        invalid(
            CIDR,
            "spec.flows[0].from.cidr",
            "leading zeros",
            flows("{from: {cidr: 010.0.0.0/8}, to: {tier: web}}")),
        invalid(CIDR, "spec.dns.to[0].cidr", "a prefix over 32 bits", dnsTo("{cidr: 10.0.0.0/33}")),
        invalid(
            CIDR,
            "spec.monitoring.from[0].cidr",
            "a prefix with a leading zero",
            "{" + TIERS + ", monitoring: {from: [{cidr: 10.0.0.0/08}]}}"),
        invalid(CIDR, "spec.dns.to[0].cidr", "host bits set", dnsTo("{cidr: 10.1.2.3/8}")),
        invalid(
            CIDR,
            "spec.dns.to[0].cidr",
            "an IPv4-mapped IPv6 block",
            dnsTo("{cidr: '::ffff:10.0.0.0/104'}")),
        invalid(
            EXCEPT_CIDR,
            "spec.dns.to[0].except",
            "a hole with host bits",
            dnsTo("{cidr: 10.0.0.0/8, except: [10.1.2.3/16]}")),
        invalid(
            NAMED_PORT_TO_CIDR,
            "spec.flows[0].ports",
            "a named port towards a cidr",
            flows(
                "{from: {tier: web}, to: {cidr: 10.0.0.0/8}, ports: [{port: 443}, {port: https}]}")),
        invalid(
            EXCEPT_CIDR,
            "spec.flows[0].to.except",
            "a hole with leading zeros",
            flows("{from: {tier: web}, to: {cidr: 10.0.0.0/8, except: [10.01.0.0/16]}}")),
        invalid(
            EXCEPT_INSIDE,
            "spec.flows[0].from.except",
            "a hole outside",
            flows(
                "{from: {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 11.0.0.0/16]}, to: {tier: web}}")),
        invalid(
            EXCEPT_INSIDE,
            "spec.dns.to[0].except",
            "the whole block",
            dnsTo("{cidr: 10.0.0.0/8, except: [10.0.0.0/8]}")),
        invalid(
            EXCEPT_INSIDE,
            "spec.dns.to[0].except",
            "another family",
            dnsTo("{cidr: 0.0.0.0/0, except: ['::/1']}")));
  }

  private static List<CelCase> failingForms() {
    return List.of(
        invalid(
            UNIQUE_TIERS,
            "spec.tiers",
            "web twice",
            "{tiers: [{name: web, podSelector: {}}, {name: api, podSelector: {}}, {name: web, podSelector: {}}]}"),
        invalid(
            FROM_TIER,
            "spec.flows",
            "undeclared source",
            flows("{from: {tier: nope}, to: {tier: api}}")),
        invalid(
            TO_TIER,
            "spec.flows",
            "undeclared destination",
            flows("{from: {tier: web}, to: {tier: api}}", "{from: {tier: web}, to: {tier: nope}}")),
        invalid(
            METRICS_NEEDS_MONITORING,
            "spec.tiers",
            "no monitoring",
            "{tiers: [{name: web, podSelector: {}, metricsPort: 9090}]}"),
        invalid(
            METRICS_NEEDS_MONITORING,
            "spec.tiers",
            "monitoring disabled",
            "{tiers: [{name: web, podSelector: {}, metricsPort: 9090}], monitoring: {enabled: false}}"),
        invalid(
            RESERVED,
            "spec.tiers[0].name",
            "default-deny",
            "{tiers: [{name: default-deny, podSelector: {}}]}"),
        invalid(RESERVED, "spec.tiers[0].name", "peer", "{tiers: [{name: peer, podSelector: {}}]}"),
        invalid(PORT, "spec.tiers[0].ports[0].port", "zero", tierPorts("{port: 0}")),
        invalid(
            PORT,
            "spec.tiers[0].ports[1].port",
            "a leading hyphen",
            tierPorts("{port: http}, {port: -http}")),
        invalid(
            PORT,
            "spec.flows[0].ports[0].port",
            "above 65535",
            flows("{from: {tier: web}, to: {tier: api}, ports: [{port: 65536}]}")),
        invalid(
            PORT,
            "spec.dns.ports[0].port",
            "upper case",
            "{" + TIERS + ", dns: {ports: [{port: DNS}]}}"),
        invalid(
            PORT,
            "spec.monitoring.port",
            "a double hyphen",
            "{" + TIERS + ", monitoring: {port: met--rics}}"),
        invalid(
            PORT,
            "spec.tiers[0].metricsPort",
            "digits only, as a string",
            "{tiers: [{name: web, podSelector: {}, metricsPort: '9090'}], monitoring: {enabled: true}}"),
        invalid(
            END_PORT,
            "spec.tiers[0].ports[0].endPort",
            "below port",
            tierPorts("{port: 8080, endPort: 8000}")),
        invalid(
            END_PORT,
            "spec.tiers[0].ports[0].endPort",
            "named port",
            tierPorts("{port: http, endPort: 8080}")),
        invalid(PEER, "spec.dns.to[0]", "no form", dnsTo("{}")),
        invalid(
            PEER,
            "spec.monitoring.from[0]",
            "cidr and pods",
            "{" + TIERS + ", monitoring: {from: [{cidr: 10.0.0.0/8, podSelector: {}}]}}"),
        invalid(
            ENDPOINT,
            "spec.flows[0].from",
            "tier and cidr",
            flows("{from: {tier: web, cidr: 10.0.0.0/8}, to: {tier: api}}")),
        invalid(
            ENDPOINT,
            "spec.flows[0].from",
            "anywhere: false is no form",
            flows("{from: {anywhere: false}, to: {tier: api}}")),
        invalid(
            ENDPOINT,
            "spec.flows[1].to",
            "tier and anywhere",
            flows(
                "{from: {tier: web}, to: {tier: api}}",
                "{from: {tier: web}, to: {tier: api, anywhere: true}}")),
        invalid(
            EXCEPT,
            "spec.flows[0].from.except",
            "except with pods",
            flows("{from: {podSelector: {}, except: [10.0.0.0/8]}, to: {tier: web}}")),
        invalid(
            EXCEPT,
            "spec.dns.to[0].except",
            "except with a namespace",
            dnsTo("{namespace: kube-system, except: [10.0.0.0/8]}")),
        invalid(
            ONE_NAMESPACE_FORM,
            "spec.flows[0].to.namespaceSelector",
            "both namespace forms",
            flows("{from: {tier: web}, to: {namespace: a, namespaceSelector: {}}}")),
        invalid(
            FLOW_TIER,
            "spec.flows[0]",
            "no tier on either side",
            flows("{from: {anywhere: true}, to: {cidr: 203.0.113.0/24}}")),
        invalid(
            SELECTOR_VALUES,
            "spec.tiers[0].podSelector.matchExpressions[0].values",
            "In without values",
            "{tiers: [{name: web, podSelector: {matchExpressions: [{key: a, operator: In}]}}]}"),
        invalid(
            SELECTOR_VALUES,
            "spec.flows[0].from.namespaceSelector.matchExpressions[0].values",
            "NotIn with no values",
            flows(
                "{from: {namespaceSelector: {matchExpressions: "
                    + "[{key: a, operator: NotIn, values: []}]}}, to: {tier: web}}")),
        invalid(
            SELECTOR_VALUES,
            "spec.dns.to[0].podSelector.matchExpressions[0].values",
            "Exists with a value",
            dnsTo("{podSelector: {matchExpressions: [{key: a, operator: Exists, values: [x]}]}}")),
        invalid(NAME_LENGTH, "", "64 characters", "{" + TIERS + "}").named(NAME_63 + "a"));
  }

  private static String flows(String... flows) {
    return "{" + TIERS + ", flows: [" + String.join(", ", flows) + "]}";
  }

  private static String tierPorts(String ports) {
    return "{tiers: [{name: web, podSelector: {}, ports: [" + ports + "]}]}";
  }

  private static String dnsTo(String peers) {
    return "{" + TIERS + ", dns: {to: [" + peers + "]}}";
  }

  private CelCases() {}
}
