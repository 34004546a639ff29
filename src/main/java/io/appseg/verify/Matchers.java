package io.appseg.verify;

import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.PeerFields;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.kube.Identifiers;
import io.appseg.kube.LabelSelectors;
import io.appseg.plan.Resolved;
import java.util.List;
import java.util.function.Predicate;

/** What an endpoint or a port list of the spec means for a concrete modelled connection. */
final class Matchers {
  /** The label the control plane sets on every namespace, which pods cannot forge. */

  /** The nodes an endpoint of a flow stands for. */
  static Predicate<Node> endpoint(Endpoint e, Resolved spec) {
    if (Boolean.TRUE.equals(e.getAnywhere())) {
      return n -> true;
    }
    if (e.getTier() != null) {
      return tier(spec.tiers().get(e.getTier()), spec);
    }
    return peer(e, spec.segNamespace());
  }

  static Predicate<Node> tier(Tier tier, Resolved spec) {
    String namespace = spec.tierNamespaces().get(tier.getName());
    return n ->
        n.isPod()
            && n.namespace().equals(namespace)
            && tier.getPodSelector() != null
            && LabelSelectors.matches(tier.getPodSelector(), n.labels());
  }

  /** An IP block (pods included, by their IP), or pods: namespace and pod selector AND-ed. */
  static Predicate<Node> peer(PeerFields p, String segNamespace) {
    if (p.getCidr() != null) {
      IpBlock block = IpBlock.parse(p.getCidr());
      List<IpBlock> holes =
          p.getExcept() == null ? List.of() : p.getExcept().stream().map(IpBlock::parse).toList();
      return n ->
          n.address() != null
              && block.contains(n.v6(), n.address())
              && holes.stream().noneMatch(h -> h.contains(n.v6(), n.address()));
    }
    Predicate<Node> namespace =
        p.getNamespaceSelector() != null
            ? n -> LabelSelectors.matches(p.getNamespaceSelector(), n.namespaceLabels())
            : n -> n.namespace().equals(p.namespaceOr(segNamespace));
    return n ->
        n.isPod()
            && namespace.test(n)
            && (p.getPodSelector() == null
                || LabelSelectors.matches(p.getPodSelector(), n.labels()));
  }

  /**
   * Null or empty means every port; a named entry matches the destination pod's container port of
   * that name.
   */
  static boolean ports(List<PortSpec> ports, Node destination, int port, Protocol protocol) {
    if (ports == null || ports.isEmpty()) {
      return true;
    }
    for (PortSpec p : ports) { // a loop, not a stream: asked once per grant, probe and port list
      if (port(p, destination, port, protocol)) {
        return true;
      }
    }
    return false;
  }

  private static boolean port(PortSpec p, Node destination, int port, Protocol protocol) {
    Protocol wanted = p.getProtocol() == null ? Protocol.TCP : p.getProtocol();
    if (wanted != protocol) {
      return false;
    }
    if (p.getPort().getIntVal() == null) {
      return destination
          .port(p.getPort().getStrVal())
          .filter(c -> c.protocol() == wanted && c.number() == port)
          .isPresent();
    }
    int first = p.getPort().getIntVal();
    int last = p.getEndPort() == null ? first : p.getEndPort();
    return first <= port && port <= last;
  }

  static String namespaceNameLabel() {
    return Identifiers.NAMESPACE_NAME_LABEL;
  }

  private Matchers() {}
}
