package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.kube.PolicyTypes;
import io.appseg.plan.Labels;
import io.appseg.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * The planned policies as they must look in the cluster (P4, docs/design.md): owner labels and the
 * owner's UID label on all (the proof of ownership, {@link Ownership}), a controller ownerReference
 * on those in the AppSegmentation's own namespace (an ownerReference across namespaces is invalid,
 * those are removed through the finalizer instead). Fields the API server would default are written
 * explicitly, so desired and actual compare equal once applied and a quiet reconcile writes
 * nothing.
 */
final class DesiredPolicies {

  static List<NetworkPolicy> of(Plan plan, AppSegmentation seg) {
    return plan.policies().stream().map(p -> stamp(p, seg)).toList();
  }

  static NetworkPolicy stamp(NetworkPolicy planned, AppSegmentation seg) {
    NetworkPolicy np =
        new NetworkPolicyBuilder(planned)
            .withApiVersion("networking.k8s.io/v1")
            .withKind("NetworkPolicy")
            .build();
    String segNs = seg.getMetadata().getNamespace();
    np.getMetadata().setLabels(new LinkedHashMap<>(np.getMetadata().getLabels()));
    np.getMetadata()
        .getLabels()
        .putAll(
            Labels.forPolicy(
                segNs,
                seg.getMetadata().getName(),
                np.getMetadata().getLabels().getOrDefault(Labels.COMPONENT, Labels.ROLE_TIER),
                null));
    np.getMetadata().getLabels().put(Labels.SEGMENTATION_UID, seg.getMetadata().getUid());
    np.getMetadata()
        .setOwnerReferences(
            segNs.equals(np.getMetadata().getNamespace())
                ? new ArrayList<>(List.of(controllerReference(seg)))
                : new ArrayList<>());
    withServerDefaults(np.getSpec());
    return np;
  }

  private static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /**
   * Protocol TCP on ports, policyTypes from the rules present, an empty pod selector: what the
   * server adds.
   */
  static void withServerDefaults(NetworkPolicySpec spec) {
    if (spec.getPodSelector() == null) {
      spec.setPodSelector(new LabelSelector());
    }
    Stream.concat(
            orEmpty(spec.getIngress()).stream().flatMap(r -> orEmpty(r.getPorts()).stream()),
            orEmpty(spec.getEgress()).stream().flatMap(r -> orEmpty(r.getPorts()).stream()))
        .forEach(DesiredPolicies::defaultProtocol);
    if (spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty()) {
      List<String> types = new ArrayList<>(List.of(PolicyTypes.INGRESS));
      if (PolicyTypes.isolatesEgress(spec)) {
        types.add(PolicyTypes.EGRESS);
      }
      spec.setPolicyTypes(types);
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static void defaultProtocol(NetworkPolicyPort port) {
    if (port.getProtocol() == null) {
      port.setProtocol("TCP");
    }
  }

  private DesiredPolicies() {}
}
