package io.appseg.operator;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per app, what one step of the ladder last concluded and a digest of what it read to conclude it
 * (in memory, one entry per app, dropped when the app goes). A step is deterministic in what it
 * reads, so a reconcile that finds the same digest skips the step: during a converge most
 * reconciles are started by a neighbour's write, which changes what the whole reconcile reads
 * ({@link Conclusions}) but often not what a step reads, or not what it means to the step.
 *
 * @param <T> what the step concludes
 */
final class KeptSteps<T> {
  private record Kept<T>(String inputs, T value) {}

  private final Map<ResourceID, Kept<T>> last = new ConcurrentHashMap<>();

  /** What the step concluded from these inputs, if that was its last conclusion for the app. */
  Optional<T> get(ResourceID app, String inputs) {
    Kept<T> kept = last.get(app);
    return kept != null && kept.inputs().equals(inputs)
        ? Optional.of(kept.value())
        : Optional.empty();
  }

  void put(ResourceID app, String inputs, T value) {
    last.put(app, new Kept<>(inputs, value));
  }

  /** Drops what is kept for the app: a deleted app, or a conclusion that is not to be kept. */
  void forget(ResourceID app) {
    last.remove(app);
  }

  int size() {
    return last.size();
  }
}
