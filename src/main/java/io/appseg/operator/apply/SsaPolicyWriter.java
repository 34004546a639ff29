package io.appseg.operator.apply;

import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Server-side apply. A create is applied without force: should a foreign object hold the name
 * unbeknown to the cache, the API server reports a conflict on the fields it holds instead of us
 * taking them over (and the dry run's answer names its field manager, see {@link PolicySync}). Only
 * objects we verified to be ours are applied with force, to win back fields someone else edited
 * (drift).
 */
final class SsaPolicyWriter implements PolicyWriter {
  private final KubernetesClient client;

  SsaPolicyWriter(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public NetworkPolicy create(NetworkPolicy desired) {
    return client.resource(desired).fieldManager(Labels.MANAGER).serverSideApply();
  }

  @Override
  public NetworkPolicy update(NetworkPolicy desired, NetworkPolicy actual) {
    return client.resource(desired).fieldManager(Labels.MANAGER).forceConflicts().serverSideApply();
  }

  @Override
  public NetworkPolicy dryRun(NetworkPolicy desired, NetworkPolicy actual) {
    var apply = client.resource(desired).dryRun().fieldManager(Labels.MANAGER);
    return (actual == null ? apply : apply.forceConflicts()).serverSideApply();
  }

  @Override
  public void delete(NetworkPolicy owned) {
    client.resource(owned).delete();
  }
}
