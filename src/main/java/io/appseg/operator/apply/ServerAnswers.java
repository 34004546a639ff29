package io.appseg.operator.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the API server answered to our last write of each policy, keyed by the desired spec we sent.
 *
 * <p>Why: a server may store less or other than we send (a mutating admission webhook, a field the
 * server does not serve); desired then never equals actual and every reconcile would re-apply, each
 * write triggering the next reconcile (P9, docs/design.md). So an object whose spec equals the
 * server's answer to this very desired spec counts as in sync; any other difference (an edit by
 * someone else) is still drift. A server that rejects the spec outright (400/422, e.g. a validating
 * webhook) is remembered too, so the same spec is not re-sent on every trigger. The memory is per
 * process: after a restart each affected object costs at most one write to learn the answer again.
 */
final class ServerAnswers {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** The desired spec sent and either the spec stored by the server or the server's rejection. */
  private record Answer(JsonNode sent, JsonNode stored, String rejection) {}

  private final Map<ResourceID, Answer> answers = new ConcurrentHashMap<>();

  /**
   * Kept only when the server stored other than we sent: an exact answer needs no memory (the diff
   * compares desired with actual first), so the map holds the exceptions, not every policy.
   */
  void accepted(NetworkPolicy desired, NetworkPolicy response) {
    ResourceID id = ResourceID.fromResource(desired);
    JsonNode sent = spec(desired);
    JsonNode stored = spec(response);
    if (sent.equals(stored)) {
      answers.remove(id);
    } else {
      answers.put(id, new Answer(sent, stored, null));
    }
  }

  void rejected(NetworkPolicy desired, String message) {
    answers.put(ResourceID.fromResource(desired), new Answer(spec(desired), null, message));
  }

  void forget(NetworkPolicy policy) {
    answers.remove(ResourceID.fromResource(policy));
  }

  /**
   * True when {@code actual}'s spec is exactly what the server stored the last time we sent {@code
   * desired}.
   */
  boolean storedAs(NetworkPolicy desired, NetworkPolicy actual) {
    Answer a = answers.get(ResourceID.fromResource(desired));
    return a != null
        && a.stored() != null
        && a.sent().equals(spec(desired))
        && a.stored().equals(spec(actual));
  }

  /** The server's rejection of exactly this desired spec, if it rejected it. */
  Optional<String> rejection(NetworkPolicy desired) {
    Answer a = answers.get(ResourceID.fromResource(desired));
    return a != null && a.rejection() != null && a.sent().equals(spec(desired))
        ? Optional.of(a.rejection())
        : Optional.empty();
  }

  /** The spec as a JSON tree: null and empty lists compare equal, key order does not count. */
  static JsonNode spec(NetworkPolicy np) {
    return JSON.convertValue(Objects.requireNonNull(np.getSpec(), "spec"), JsonNode.class);
  }
}
