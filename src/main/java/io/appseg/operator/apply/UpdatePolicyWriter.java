package io.appseg.operator.apply;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain create and optimistic-locked update, for API servers without server-side apply. The update
 * keeps labels, annotations and ownerReferences others added, as SSA would.
 */
final class UpdatePolicyWriter implements PolicyWriter {
  private final KubernetesClient client;

  UpdatePolicyWriter(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public NetworkPolicy create(NetworkPolicy desired) {
    return client.resource(desired).create();
  }

  /**
   * Not sent: this writer serves API servers without server-side apply, in practice the fabric8
   * mock server, which stores dry-run writes as real ones. Every supported Kubernetes release gets
   * {@link SsaPolicyWriter}.
   */
  @Override
  public NetworkPolicy dryRun(NetworkPolicy desired, NetworkPolicy actual) {
    return null;
  }

  @Override
  public NetworkPolicy update(NetworkPolicy desired, NetworkPolicy actual) {
    return client.resource(merged(desired, actual)).update();
  }

  private static NetworkPolicy merged(NetworkPolicy desired, NetworkPolicy actual) {
    NetworkPolicy merged = new NetworkPolicyBuilder(actual).withSpec(desired.getSpec()).build();
    Map<String, String> labels = new LinkedHashMap<>(actual.getMetadata().getLabels());
    labels.putAll(desired.getMetadata().getLabels());
    merged.getMetadata().setLabels(labels);
    var refs = new ArrayList<>(actual.getMetadata().getOwnerReferences());
    desired.getMetadata().getOwnerReferences().stream()
        .filter(ref -> refs.stream().noneMatch(r -> r.getUid().equals(ref.getUid())))
        .forEach(refs::add);
    merged.getMetadata().setOwnerReferences(refs);
    return merged;
  }

  @Override
  public void delete(NetworkPolicy owned) {
    client.resource(owned).delete();
  }
}
