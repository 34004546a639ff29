package io.appseg.operator.apply;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * How policies are written. Production uses server-side apply with the operator's name as field
 * manager; API servers without SSA (the fabric8 mock server) get plain create/update. Both write
 * the same desired objects.
 */
interface PolicyWriter {

  /** Writes a policy no object has the name of yet. */
  NetworkPolicy create(NetworkPolicy desired);

  /** Overwrites the fields we own on an object this AppSegmentation owns. */
  NetworkPolicy update(NetworkPolicy desired, NetworkPolicy actual);

  void delete(NetworkPolicy owned);

  /**
   * Sends the write as {@code dryRun=All}: admission, schema and quota answer, nothing is stored.
   *
   * @return what the server would store, or null when nothing was sent
   */
  NetworkPolicy dryRun(NetworkPolicy desired, NetworkPolicy actual);

  static PolicyWriter of(KubernetesClient client, boolean serverSideApply) {
    return serverSideApply ? new SsaPolicyWriter(client) : new UpdatePolicyWriter(client);
  }
}
