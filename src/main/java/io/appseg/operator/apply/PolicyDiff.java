package io.appseg.operator.apply;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The one place that decides desired versus actual: which policies to create, which to update,
 * which to prune, and which generated names are taken by objects this AppSegmentation does not own.
 * Pure: the caller supplies the actual objects.
 *
 * @param creates desired policies with no object of that name
 * @param updates desired policies whose owned object differs on a field we own
 * @param deletes owned objects no longer in the plan
 * @param conflicts objects with a generated name that this AppSegmentation does not own
 */
record PolicyDiff(
    List<NetworkPolicy> creates,
    List<Update> updates,
    List<NetworkPolicy> deletes,
    List<NetworkPolicy> conflicts) {

  /** A desired policy and the owned object it replaces. */
  record Update(NetworkPolicy desired, NetworkPolicy actual) {}

  /**
   * @param desired the stamped desired policies
   * @param owned every object carrying this AppSegmentation's owner labels
   * @param byName the actual object of a desired name, owned or not, or null when none exists
   * @param isOwned whether an object belongs to this AppSegmentation
   * @param answers the server's answers to our earlier writes: an object stored as the server
   *     stored our last write of the same desired spec is up to date even where the server dropped
   *     a field
   */
  static PolicyDiff compute(
      List<NetworkPolicy> desired,
      List<NetworkPolicy> owned,
      Function<ResourceID, NetworkPolicy> byName,
      Predicate<NetworkPolicy> isOwned,
      ServerAnswers answers) {
    List<NetworkPolicy> creates = new ArrayList<>();
    List<Update> updates = new ArrayList<>();
    List<NetworkPolicy> conflicts = new ArrayList<>();
    for (NetworkPolicy d : desired) {
      NetworkPolicy actual = byName.apply(ResourceID.fromResource(d));
      if (actual == null) {
        creates.add(d);
      } else if (!isOwned.test(actual)) {
        conflicts.add(actual);
      } else if (!upToDate(d, actual, answers)) {
        updates.add(new Update(d, actual));
      }
    }
    Set<ResourceID> wanted =
        desired.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    List<NetworkPolicy> deletes =
        owned.stream().filter(o -> !wanted.contains(ResourceID.fromResource(o))).toList();
    return new PolicyDiff(creates, updates, deletes, conflicts);
  }

  public boolean isEmpty() {
    return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
  }

  /**
   * Compares only what we own: the spec, our labels, our ownerReference. Others may add labels and
   * annotations. The spec is in sync when it equals the desired one or what the server stored for
   * it last time.
   */
  static boolean upToDate(NetworkPolicy desired, NetworkPolicy actual, ServerAnswers answers) {
    return (ServerAnswers.spec(desired).equals(ServerAnswers.spec(actual))
            || answers.storedAs(desired, actual))
        && containsAll(actual.getMetadata().getLabels(), desired.getMetadata().getLabels())
        && desired.getMetadata().getOwnerReferences().stream()
            .allMatch(ref -> hasReference(actual.getMetadata().getOwnerReferences(), ref));
  }

  private static boolean containsAll(Map<String, String> actual, Map<String, String> wanted) {
    return actual != null
        && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
  }

  private static boolean hasReference(List<OwnerReference> refs, OwnerReference wanted) {
    return refs != null
        && refs.stream()
            .anyMatch(
                r ->
                    Objects.equals(r.getUid(), wanted.getUid())
                        && Boolean.TRUE.equals(r.getController()));
  }
}
