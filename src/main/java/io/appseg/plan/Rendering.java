package io.appseg.plan;

import io.appseg.api.v1alpha1.Peer;
import io.appseg.api.v1alpha1.PeerFields;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlockBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns API values into NetworkPolicy parts. Everything is copied (output never shares objects with
 * the spec), matchLabels are sorted so equal specs render byte-identical objects, and defaults are
 * written out (protocol on every port) so the cluster's defaulting never differs from what we
 * rendered.
 */
final class Rendering {

  /**
   * Pods selected by {@code podSelector} in {@code podNamespace}, as seen from a policy in {@code
   * policyNamespace}.
   */
  static NetworkPolicyPeer podsIn(
      String podNamespace, LabelSelector podSelector, String policyNamespace) {
    NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder();
    if (!podNamespace.equals(policyNamespace)) {
      // The name label cannot be forged, and AND-ing it with the pod selector in one peer is the
      // exact intent.
      peer.withNamespaceSelector(
          new LabelSelectorBuilder().addToMatchLabels(Labels.NAMESPACE_NAME, podNamespace).build());
      if (podSelector != null) {
        peer.withPodSelector(selector(podSelector));
      }
    } else {
      peer.withPodSelector(podSelector == null ? new LabelSelector() : selector(podSelector));
    }
    return peer.build();
  }

  /**
   * A user-written peer; pods without a namespace form are pods of the AppSegmentation's namespace.
   */
  static NetworkPolicyPeer peer(PeerFields p, String segNamespace, String policyNamespace) {
    if (p.getCidr() != null) {
      List<String> except =
          p.getExcept() == null || p.getExcept().isEmpty() ? null : List.copyOf(p.getExcept());
      return new NetworkPolicyPeerBuilder()
          .withIpBlock(new IPBlockBuilder().withCidr(p.getCidr()).withExcept(except).build())
          .build();
    }
    if (p.getNamespaceSelector() != null) {
      NetworkPolicyPeerBuilder peer =
          new NetworkPolicyPeerBuilder().withNamespaceSelector(selector(p.getNamespaceSelector()));
      if (p.getPodSelector() != null) {
        peer.withPodSelector(selector(p.getPodSelector()));
      }
      return peer.build();
    }
    String namespace = p.namespaceOr(segNamespace);
    return podsIn(namespace, p.getPodSelector(), policyNamespace);
  }

  static List<NetworkPolicyPeer> peers(
      List<Peer> peers, String segNamespace, String policyNamespace) {
    return peers.stream().map(p -> peer(p, segNamespace, policyNamespace)).toList();
  }

  /** Null for "all ports" (the field is then omitted). */
  static List<NetworkPolicyPort> ports(List<PortSpec> ports) {
    if (ports == null || ports.isEmpty()) {
      return null;
    }
    return ports.stream().map(Rendering::port).toList();
  }

  static NetworkPolicyPort port(PortSpec p) {
    Protocol protocol = p.getProtocol() == null ? Protocol.TCP : p.getProtocol();
    return new NetworkPolicyPortBuilder()
        .withPort(copy(p.getPort()))
        .withEndPort(p.getEndPort())
        .withProtocol(protocol.name())
        .build();
  }

  static IntOrString copy(IntOrString value) {
    return value.getIntVal() != null
        ? new IntOrString(value.getIntVal())
        : new IntOrString(value.getStrVal());
  }

  static LabelSelector selector(LabelSelector s) {
    LabelSelectorBuilder copy = new LabelSelectorBuilder();
    if (s.getMatchLabels() != null && !s.getMatchLabels().isEmpty()) {
      copy.withMatchLabels(new TreeMap<>(s.getMatchLabels()));
    }
    if (s.getMatchExpressions() != null && !s.getMatchExpressions().isEmpty()) {
      List<LabelSelectorRequirement> expressions = new ArrayList<>();
      for (LabelSelectorRequirement r : s.getMatchExpressions()) {
        expressions.add(
            new LabelSelectorRequirementBuilder()
                .withKey(r.getKey())
                .withOperator(r.getOperator())
                .withValues(
                    r.getValues() == null || r.getValues().isEmpty()
                        ? null
                        : List.copyOf(r.getValues()))
                .build());
      }
      copy.withMatchExpressions(expressions);
    }
    return copy.build();
  }

  private Rendering() {}
}
