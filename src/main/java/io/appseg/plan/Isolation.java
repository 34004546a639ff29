package io.appseg.plan;

import io.appseg.kube.LabelSelectors;
import io.appseg.kube.PolicyTypes;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NetworkPolicies of others (other apps', hand-written) that already isolate pods in the
 * namespaces an app writes to: the planner's one fact about the cluster, so that it can give a pods
 * peer there its half of a flow (P11), and the self-check's, so that it judges the plan where it
 * will be in force. Only what isolates is kept (selector and directions), never what the policies
 * allow. Generated peer halves never count: two apps whose peer halves each saw the other's would
 * keep a peer isolated after the real isolation went away.
 */
public final class Isolation {
  /** Nothing isolates anything: the app planned alone. */
  public static final Isolation NONE = new Isolation(List.of(), "");

  private final List<NetworkPolicy> isolating;
  private final String meaning;

  private Isolation(List<NetworkPolicy> isolating, String meaning) {
    this.isolating = isolating;
    this.meaning = meaning;
  }

  /** From {@code policies}, leaving out the app's own and every generated peer half. */
  public static Isolation of(
      Collection<NetworkPolicy> policies, String segNamespace, String segName) {
    List<NetworkPolicy> isolating = new ArrayList<>();
    Set<String> meaning = new TreeSet<>();
    for (NetworkPolicy p : policies) {
      if (p.getSpec() != null
          && !isOwnOrPeerHalf(p.getMetadata().getLabels(), segNamespace, segName)) {
        NetworkPolicy reduced = denyOnly(p);
        isolating.add(reduced);
        meaning.add(meaning(reduced, Labels.MANAGER.equals(labelOf(p, Labels.MANAGED_BY))));
      }
    }
    return new Isolation(List.copyOf(isolating), String.join("\n", meaning));
  }

  /**
   * What the planner and the self-check read of the isolating policies: per policy its namespace,
   * pod selector and directions, each distinct one once. Two policies that differ only by name
   * isolate the same pods, so ten apps' default-denies in one namespace mean what one does; a
   * foreign policy keeps its name, which the self-check reads when it holds a name of the plan (the
   * plan replaces it). Equal meanings plan and verify alike.
   */
  public String meaning() {
    return meaning;
  }

  private static String meaning(NetworkPolicy reduced, boolean generated) {
    return reduced.getMetadata().getNamespace()
        + " "
        + reduced.getSpec().getPolicyTypes()
        + " "
        + reduced.getSpec().getPodSelector()
        + (generated ? "" : " " + reduced.getMetadata().getName());
  }

  private static String labelOf(NetworkPolicy p, String key) {
    Map<String, String> labels = p.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  /**
   * The isolating policies reduced to what isolates: name, pod selector, and the directions written
   * out as policyTypes, with no rules.
   */
  public List<NetworkPolicy> policies() {
    return isolating;
  }

  /**
   * Whether something isolates every pod {@code podSelector} selects in {@code namespace} (null:
   * all of them), for egress or for ingress.
   */
  boolean isolates(String namespace, LabelSelector podSelector, boolean egress) {
    String type = egress ? PolicyTypes.EGRESS : PolicyTypes.INGRESS;
    return isolating.stream()
        .filter(p -> p.getMetadata().getNamespace().equals(namespace))
        .filter(p -> p.getSpec().getPolicyTypes().contains(type))
        .anyMatch(p -> LabelSelectors.selectsEveryPodOf(p.getSpec().getPodSelector(), podSelector));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Isolation other && isolating.equals(other.isolating);
  }

  @Override
  public int hashCode() {
    return isolating.hashCode();
  }

  private static NetworkPolicy denyOnly(NetworkPolicy p) {
    List<String> types = new ArrayList<>();
    if (PolicyTypes.isolatesIngress(p.getSpec())) {
      types.add(PolicyTypes.INGRESS);
    }
    if (PolicyTypes.isolatesEgress(p.getSpec())) {
      types.add(PolicyTypes.EGRESS);
    }
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withNamespace(p.getMetadata().getNamespace())
        .withName(p.getMetadata().getName())
        .endMetadata()
        .withNewSpec()
        .withPodSelector(
            p.getSpec().getPodSelector() == null
                ? new LabelSelector()
                : p.getSpec().getPodSelector())
        .withPolicyTypes(types)
        .endSpec()
        .build();
  }

  private static boolean isOwnOrPeerHalf(
      Map<String, String> labels, String segNamespace, String segName) {
    return Labels.ownedBy(labels, segNamespace, segName)
        || labels != null
            && Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY))
            && Labels.ROLE_PEER.equals(labels.get(Labels.COMPONENT));
  }
}
