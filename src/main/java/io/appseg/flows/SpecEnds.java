package io.appseg.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.PeerFields;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.kube.Ip;
import io.appseg.kube.LabelSelectors;
import io.appseg.plan.Resolved;
import io.appseg.verify.Node;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The spec's words for an observed end: its tier, or the peer a flow would name it by. */
final class SpecEnds {
  /** Labels that differ between the pods of one workload, or between its revisions. */
  private static final Set<String> GENERATED =
      Set.of(
          "pod-template-hash",
          "controller-revision-hash",
          "pod-template-generation",
          "statefulset.kubernetes.io/pod-name",
          "apps.kubernetes.io/pod-index",
          "batch.kubernetes.io/controller-uid",
          "controller-uid",
          "batch.kubernetes.io/job-completion-index");

  static final ObjectMapper JSON = JsonMapper.builder().build();

  private SpecEnds() {}

  /** The first tier of {@code spec} that {@code n} belongs to. */
  static Optional<String> tierOf(Resolved spec, Node n) {
    if (!n.isPod()) {
      return Optional.empty();
    }
    for (Tier t : spec.tiers().values()) {
      if (n.namespace().equals(spec.namespaceOf(t.getName()))
          && t.getPodSelector() != null
          && LabelSelectors.matches(t.getPodSelector(), n.labels())) {
        return Optional.of(t.getName());
      }
    }
    return Optional.empty();
  }

  /** {@code n} as a flow endpoint: its tier, its pods by their stable labels, or its address. */
  static Endpoint endpoint(Resolved spec, Node n) {
    Optional<String> tier = tierOf(spec, n);
    if (tier.isPresent()) {
      return Endpoint.tier(tier.get());
    }
    Endpoint e = new Endpoint();
    if (n.isPod()) {
      if (!n.namespace().equals(spec.segNamespace())) {
        e.setNamespace(n.namespace());
      }
      e.setPodSelector(selector(stable(n.labels())));
    } else {
      e.setCidr(hostCidr(n.ip()));
    }
    return e;
  }

  static LabelSelector selector(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(new TreeMap<>(labels)).build();
  }

  /** A pod's labels without those its controller generates, sorted. */
  static Map<String, String> stable(Map<String, String> labels) {
    return labels.entrySet().stream()
        .filter(e -> !GENERATED.contains(e.getKey()))
        .collect(
            Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }

  static String hostCidr(String ip) {
    return Ip.address(ip).toPrefixBlock(Ip.address(ip).getBitCount()).toCanonicalString();
  }

  /** A short name for an end in reports: its tier, {@code namespace/workload}, or the address. */
  static String group(Resolved spec, Node n, FlowEnd end) {
    return tierOf(spec, n)
        .map(t -> "tier " + t)
        .orElseGet(() -> n.isPod() ? n.namespace() + "/" + workload(n, end) : n.ip());
  }

  static String workload(Node n, FlowEnd end) {
    return end.workload() != null ? end.workload() : Ends.owner(n.name(), n.labels());
  }

  /** One line of YAML flow style (JSON) for a spec object. */
  static String inline(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write JSON (a bug)", e);
    }
  }

  /** {@code from -> to} of a declared flow, for people. */
  static String describe(Flow f) {
    return side(f.getFrom()) + " -> " + side(f.getTo());
  }

  private static String side(Endpoint e) {
    if (e.getTier() != null) {
      return e.getTier();
    }
    if (Boolean.TRUE.equals(e.getAnywhere())) {
      return "anywhere";
    }
    return peer(e);
  }

  private static String peer(PeerFields p) {
    if (p.getCidr() != null) {
      return p.getCidr();
    }
    return inline(p);
  }
}
