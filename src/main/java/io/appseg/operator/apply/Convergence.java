package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.status.StatusFactory;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an AppSegmentation's current generation is already applied, so that any write now repairs
 * drift rather than rolling out a change. Its status says so once patched; the generation applied
 * by this process says so before that, because drift detection must not depend on a status cache
 * lagging.
 */
final class Convergence {
  private final Map<ResourceID, Long> appliedGeneration = new ConcurrentHashMap<>();

  boolean converged(AppSegmentation seg) {
    return StatusFactory.reconciledNow(seg)
        || seg.getMetadata()
            .getGeneration()
            .equals(appliedGeneration.get(ResourceID.fromResource(seg)));
  }

  void applied(AppSegmentation seg) {
    appliedGeneration.put(ResourceID.fromResource(seg), seg.getMetadata().getGeneration());
  }

  void forget(AppSegmentation seg) {
    appliedGeneration.remove(ResourceID.fromResource(seg));
  }
}
