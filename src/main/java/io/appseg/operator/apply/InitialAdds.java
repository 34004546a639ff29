package io.appseg.operator.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Tells the adds of an informer's initial listing from real ones. The informer hands out the listed
 * objects as adds, partly after its start has returned; they need no reconcile, since every app
 * gets its first reconcile once the caches are filled and reads them all then (a quiet restart
 * reconciles each app once, issue 13). Each listed object is answered once, then forgotten.
 */
public final class InitialAdds {
  private final Set<ResourceID> listed = ConcurrentHashMap.newKeySet();
  private volatile boolean started;

  /** Once the informer's start has returned: what its cache holds then was listed. */
  public void started(Stream<? extends HasMetadata> cached) {
    cached.map(ResourceID::fromResource).forEach(listed::add);
    started = true;
  }

  /** Whether this add comes from the initial listing. */
  public boolean initial(HasMetadata added) {
    return !started || listed.remove(ResourceID.fromResource(added));
  }

  /** A deleted object's next add is a real one. */
  public void deleted(HasMetadata gone) {
    listed.remove(ResourceID.fromResource(gone));
  }
}
