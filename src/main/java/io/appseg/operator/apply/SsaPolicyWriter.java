package io.appseg.operator.apply;

import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Server-side apply. A create is applied without force: should a foreign object appear under the
 * name between our check and the write, the API server reports a conflict instead of us taking it
 * over. Only objects we verified to be ours are applied with force, to win back fields someone else
 * edited (drift).
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
  public void dryRun(NetworkPolicy desired, NetworkPolicy actual) {
    var apply = client.resource(desired).dryRun().fieldManager(Labels.MANAGER);
    (actual == null ? apply : apply.forceConflicts()).serverSideApply();
  }

  @Override
  public void delete(NetworkPolicy owned) {
    client.resource(owned).delete();
  }
}
