package io.appseg.operator;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A digest of what the evaluator reads of a NetworkPolicy (its namespace and spec, not its name),
 * worked out once per UID and resourceVersion for the cached ones: every reconcile of every app in
 * a namespace reads the same policies. Per namespace only the policies it held when last read are
 * kept, so the memo is as large as the cache.
 */
final class PolicyContents {
  private record Known(String version, String digest) {}

  private final Map<String, Map<String, Known>> byNamespace = new ConcurrentHashMap<>();

  /** Digests of every cached policy of {@code namespace} ({@code cached}), by UID. */
  Map<String, String> of(String namespace, List<NetworkPolicy> cached) {
    Map<String, Known> before = byNamespace.getOrDefault(namespace, Map.of());
    Map<String, Known> now = new HashMap<>();
    Map<String, String> digests = new HashMap<>();
    for (NetworkPolicy np : cached) {
      String uid = np.getMetadata().getUid();
      String version = np.getMetadata().getResourceVersion();
      Known known = before.get(uid);
      if (known == null || !known.version().equals(version)) {
        known = new Known(version, digest(np));
      }
      now.put(uid, known);
      digests.put(uid, known.digest());
    }
    byNamespace.put(namespace, now);
    return digests;
  }

  /** The digest of a policy that is not cached (one of a plan), worked out each time. */
  static String digest(NetworkPolicy np) {
    return new InputDigest()
        .add(np.getMetadata().getNamespace())
        .add(String.valueOf(np.getSpec()))
        .hex();
  }
}
