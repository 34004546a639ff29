package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentationStatus;
import io.appseg.verify.ContextCheck.Gap;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last reconcile of each app concluded, and from which inputs (in memory, one entry per
 * app, dropped when the app goes). A reconcile that finds the same inputs concludes the same: the
 * plan, the self-check, the apply step and the judgement are deterministic in them, so while the
 * stored status is still the one concluded, there is nothing to do. The inputs' digest covers every
 * object the reconcile reads (the spec's generation, the namespaces' facts, each NetworkPolicy and
 * ClusterNetworkPolicy by UID and resourceVersion), so drift, a neighbour's write or a label change
 * each make a new digest and a full reconcile.
 *
 * <p>It also remembers which apps were told that their context changed since this process started:
 * only an app that was not may trust the digest its status carries from an earlier process (see
 * {@link AppSegmentationReconciler}).
 *
 * <p>And what two steps concluded, each from what it reads ({@link KeptSteps}): that the plan
 * passed the self-check, and a judgement in context that found no gap.
 */
final class Conclusions {

  /**
   * One app's last conclusion.
   *
   * @param inputs the digest of everything read
   * @param status the status concluded (written, unless the stored one already said it)
   * @param ready the outcome's readiness, for the meters
   * @param stalled whether it stalled, for the meters
   * @param finalizer whether the app holds our finalizer after it
   */
  record Conclusion(
      String inputs,
      AppSegmentationStatus status,
      boolean ready,
      boolean stalled,
      boolean finalizer) {}

  private final Map<ResourceID, Conclusion> last = new ConcurrentHashMap<>();
  private final Set<ResourceID> told = ConcurrentHashMap.newKeySet();
  private final KeptSteps<Boolean> verified = new KeptSteps<>();
  private final KeptSteps<List<Gap>> judgements = new KeptSteps<>();

  /** That the last plan to pass the self-check did, by what the planner read for it. */
  KeptSteps<Boolean> verified() {
    return verified;
  }

  /**
   * The last judgement in context that found no gap, by what it read ({@link ContextView#meaning}).
   */
  KeptSteps<List<Gap>> judgements() {
    return judgements;
  }

  Conclusion get(ResourceID app) {
    return last.get(app);
  }

  void put(ResourceID app, Conclusion conclusion) {
    last.put(app, conclusion);
    told.remove(app);
  }

  /** The app's context changed (a policy in a namespace it reads) since this process started. */
  void contextChanged(ResourceID app) {
    if (!last.containsKey(app)) {
      told.add(app);
    }
  }

  /**
   * Neither concluded nor told of a change in this process: what an earlier process concluded still
   * answers for what has not changed since.
   */
  boolean firstSinceStart(ResourceID app) {
    return !last.containsKey(app) && !told.contains(app);
  }

  /** Drops what is kept for a deleted app. */
  void forget(ResourceID app) {
    last.remove(app);
    told.remove(app);
    verified.forget(app);
    judgements.forget(app);
  }

  int size() {
    return last.size();
  }
}
