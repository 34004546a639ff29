package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The API server's validation of a NetworkPolicy, as far as it changes meaning: the evaluator
 * refuses what the API server would refuse, instead of guessing (e.g. a peer {@code {}} is not a
 * wildcard).
 */
final class PolicyValidator {
  /**
   * IANA_SVC_NAME: lowercase alphanumerics and '-', at least one letter, no leading, trailing or
   * double '-'.
   */
  private static final Pattern SVC_NAME = Pattern.compile("(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*");

  private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
  private static final Set<String> TYPES = Set.of("Ingress", "Egress");

  private PolicyValidator() {}

  static List<String> validate(NetworkPolicy policy) {
    List<String> problems = new ArrayList<>();
    if (policy.getMetadata() == null || isBlank(policy.getMetadata().getName())) {
      problems.add("metadata.name: required");
    }
    NetworkPolicySpec spec = policy.getSpec();
    if (spec == null) {
      problems.add("spec: required");
      return problems;
    }
    if (spec.getPodSelector() != null) {
      Selectors.validate(spec.getPodSelector(), "spec.podSelector", problems);
    }
    validateTypes(spec.getPolicyTypes(), problems);
    forEach(
        spec.getIngress(),
        (i, r) -> {
          if (r == null) {
            problems.add(
                "spec.ingress["
                    + i
                    + "]: must not be null (write {} for a rule that allows everything)");
          } else {
            validateRule("spec.ingress[" + i + "]", "from", r.getFrom(), r.getPorts(), problems);
          }
        });
    forEach(
        spec.getEgress(),
        (i, r) -> {
          if (r == null) {
            problems.add(
                "spec.egress["
                    + i
                    + "]: must not be null (write {} for a rule that allows everything)");
          } else {
            validateRule("spec.egress[" + i + "]", "to", r.getTo(), r.getPorts(), problems);
          }
        });
    return problems;
  }

  private static void validateTypes(List<String> types, List<String> problems) {
    if (types == null) {
      return;
    }
    if (types.size() > 2) {
      problems.add("spec.policyTypes: at most 2 entries");
    }
    forEach(
        types,
        (i, t) -> {
          if (!TYPES.contains(t)) {
            problems.add("spec.policyTypes[" + i + "]: '" + t + "' is not Ingress or Egress");
          }
        });
  }

  private static void validateRule(
      String path,
      String peerField,
      List<NetworkPolicyPeer> peers,
      List<NetworkPolicyPort> ports,
      List<String> problems) {
    forEach(peers, (i, p) -> validatePeer(path + "." + peerField + "[" + i + "]", p, problems));
    forEach(ports, (i, p) -> validatePort(path + ".ports[" + i + "]", p, problems));
  }

  private static void validatePeer(String path, NetworkPolicyPeer peer, List<String> problems) {
    if (peer == null) {
      problems.add(path + ": must not be null");
      return;
    }
    boolean selector = peer.getPodSelector() != null || peer.getNamespaceSelector() != null;
    if (!selector && peer.getIpBlock() == null) {
      problems.add(
          path
              + ": must specify a peer (podSelector, namespaceSelector or ipBlock); {} is not a wildcard");
    }
    if (selector && peer.getIpBlock() != null) {
      problems.add(path + ": ipBlock may not be combined with podSelector or namespaceSelector");
    }
    if (peer.getPodSelector() != null) {
      Selectors.validate(peer.getPodSelector(), path + ".podSelector", problems);
    }
    if (peer.getNamespaceSelector() != null) {
      Selectors.validate(peer.getNamespaceSelector(), path + ".namespaceSelector", problems);
    }
    if (peer.getIpBlock() != null) {
      validateIpBlock(path + ".ipBlock", peer.getIpBlock(), problems);
    }
  }

  private static void validateIpBlock(String path, IPBlock block, List<String> problems) {
    IPAddress cidr;
    try {
      cidr = Ip.block(block.getCidr());
    } catch (IllegalArgumentException e) {
      problems.add(path + ".cidr: " + e.getMessage());
      return;
    }
    forEach(
        block.getExcept(),
        (i, text) -> {
          try {
            if (!Ip.strictlyContains(cidr, Ip.block(text))) {
              problems.add(
                  path
                      + ".except["
                      + i
                      + "]: '"
                      + text
                      + "' must be a strict subset of cidr "
                      + block.getCidr());
            }
          } catch (IllegalArgumentException e) {
            problems.add(path + ".except[" + i + "]: " + e.getMessage());
          }
        });
  }

  private static void validatePort(String path, NetworkPolicyPort port, List<String> problems) {
    if (port == null) {
      problems.add(path + ": must not be null");
      return;
    }
    if (port.getProtocol() != null && !PROTOCOLS.contains(port.getProtocol())) {
      problems.add(path + ".protocol: '" + port.getProtocol() + "' is not TCP, UDP or SCTP");
    }
    IntOrString p = port.getPort();
    Integer number = p == null ? null : p.getIntVal();
    String name = p == null ? null : p.getStrVal();
    if (number != null && (number < 1 || number > 65535)) {
      problems.add(path + ".port: " + number + " is outside 1-65535");
    }
    if (name != null && (name.length() > 15 || !SVC_NAME.matcher(name).matches())) {
      problems.add(path + ".port: '" + name + "' is neither a number nor a valid port name");
    }
    if (p != null && number == null && name == null) {
      problems.add(path + ".port: must be a number or a name");
    }
    validateEndPort(path, port.getEndPort(), number, name, problems);
  }

  private static void validateEndPort(
      String path, Integer endPort, Integer number, String name, List<String> problems) {
    if (endPort == null) {
      return;
    }
    if (number == null) {
      problems.add(
          path
              + ".endPort: requires a numeric port"
              + (name == null ? "" : ", not the name '" + name + "'"));
    } else if (endPort < number || endPort > 65535) {
      problems.add(
          path + ".endPort: " + endPort + " must be between port " + number + " and 65535");
    }
  }

  /** Visits each element with its index; a null list is empty (fabric8 may leave lists unset). */
  private static <T> void forEach(List<T> list, BiConsumer<Integer, T> visit) {
    for (int i = 0; list != null && i < list.size(); i++) {
      visit.accept(i, list.get(i));
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
