package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Labels;
import io.appseg.plan.Names;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which NetworkPolicies are an AppSegmentation's own (P4, docs/design.md). Anyone who may create a
 * NetworkPolicy can copy our labels onto it, so labels prove nothing: an object is ours when it
 * carries our controller ownerReference (own namespace) or the owner's UID label (any namespace; an
 * ownerReference cannot point across namespaces). Once ours, a missing or changed owner label is
 * drift to repair. An object with our labels and neither proof is foreign: never adopted, updated
 * or deleted.
 *
 * <p>Objects written before the UID label existed: those in the own namespace carry the
 * ownerReference and get the label on the next apply. Those elsewhere are adopted only when all of
 * this holds: no UID label at all, the full owner label set of this app, exactly the name those
 * labels generate (today's or the earlier one without the owner's namespace), and our field manager
 * on record in managedFields.
 */
final class Ownership {

  static boolean owns(AppSegmentation seg, NetworkPolicy np) {
    return hasUid(seg, np) || controlledBy(seg, np) || legacy(seg, np);
  }

  /** Labels naming this app without any proof that it is ours: never touched. */
  static boolean impostor(AppSegmentation seg, NetworkPolicy np) {
    return labelledFor(seg, np) && !owns(seg, np);
  }

  static boolean labelledFor(AppSegmentation seg, NetworkPolicy np) {
    return Labels.ownedBy(
        np.getMetadata().getLabels(),
        seg.getMetadata().getNamespace(),
        seg.getMetadata().getName());
  }

  /** The owner UIDs the object names: its UID label and its controller ownerReferences. */
  static List<String> claimedOwners(NetworkPolicy np) {
    Set<String> uids = new LinkedHashSet<>();
    refs(np).stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()) && r.getUid() != null)
        .forEach(r -> uids.add(r.getUid()));
    String label = labels(np).get(Labels.SEGMENTATION_UID);
    if (label != null) {
      uids.add(label);
    }
    return List.copyOf(uids);
  }

  private static boolean hasUid(AppSegmentation seg, NetworkPolicy np) {
    return seg.getMetadata().getUid() != null
        && seg.getMetadata().getUid().equals(labels(np).get(Labels.SEGMENTATION_UID));
  }

  private static boolean controlledBy(AppSegmentation seg, NetworkPolicy np) {
    return seg.getMetadata().getNamespace().equals(np.getMetadata().getNamespace())
        && refs(np).stream()
            .anyMatch(
                r ->
                    Boolean.TRUE.equals(r.getController())
                        && Objects.equals(r.getUid(), seg.getMetadata().getUid()));
  }

  private static boolean legacy(AppSegmentation seg, NetworkPolicy np) {
    return !labels(np).containsKey(Labels.SEGMENTATION_UID)
        && labelledFor(seg, np)
        && generatedNames(seg, np).contains(np.getMetadata().getName())
        && writtenByUs(np);
  }

  /**
   * The names our labels on {@code np} stand for where it is: the name of this version, and the one
   * an earlier version gave it (the own-namespace form in every namespace), which is then renamed.
   */
  private static Set<String> generatedNames(AppSegmentation seg, NetworkPolicy np) {
    String namespace = np.getMetadata().getNamespace();
    String segName = seg.getMetadata().getName();
    Map<String, String> labels = labels(np);
    if (Labels.ROLE_DEFAULT_DENY.equals(labels.get(Labels.COMPONENT))) {
      return Set.copyOf(
          List.of(
              Names.defaultDenyPolicy(seg.getMetadata().getNamespace(), segName, namespace),
              Names.defaultDenyPolicy(namespace, segName, namespace)));
    }
    String tier = labels.get(Labels.TIER);
    return Labels.ROLE_TIER.equals(labels.get(Labels.COMPONENT)) && tier != null
        ? Set.copyOf(
            List.of(
                Names.tierPolicy(seg.getMetadata().getNamespace(), segName, namespace, tier),
                Names.tierPolicy(namespace, segName, namespace, tier)))
        : Set.of();
  }

  /** Our field manager is on record for the object (what a hand-made copy lacks). */
  static boolean writtenByUs(NetworkPolicy np) {
    List<ManagedFieldsEntry> fields = np.getMetadata().getManagedFields();
    return fields != null && fields.stream().anyMatch(f -> Labels.MANAGER.equals(f.getManager()));
  }

  private static Map<String, String> labels(NetworkPolicy np) {
    Map<String, String> labels = np.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static List<OwnerReference> refs(NetworkPolicy np) {
    List<OwnerReference> refs = np.getMetadata().getOwnerReferences();
    return refs == null ? List.of() : refs;
  }

  private Ownership() {}
}
