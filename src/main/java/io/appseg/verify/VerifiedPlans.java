package io.appseg.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Isolation;
import io.appseg.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The self-check, skipped for an input it has already passed: per app, the digest of the last
 * verified input (the app's namespace, name and spec, the plan's policies and accepted namespaces,
 * and what others isolate; the verdict depends on nothing else). A drift repair, a context change
 * or a resync re-plans the same spec into the same plan and so costs a digest, not a check. One
 * entry per app, dropped when the app goes.
 */
public final class VerifiedPlans {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PlanVerifier verifier;
  private final Map<String, String> lastVerified = new ConcurrentHashMap<>();

  public VerifiedPlans(PlanVerifier verifier) {
    this.verifier = verifier;
  }

  /** {@link PlanVerifier#verify}, or a pass without questions when this input passed before. */
  public VerificationResult verify(AppSegmentation seg, Plan plan, Isolation isolation) {
    String key = key(seg);
    String digest = digest(seg, plan, isolation);
    if (digest.equals(lastVerified.get(key))) {
      return new VerificationResult(List.of(), List.of(), 0);
    }
    VerificationResult result = verifier.verify(seg, plan, isolation);
    if (result.ok()) {
      lastVerified.put(key, digest);
    } else {
      lastVerified.remove(key);
    }
    return result;
  }

  /** Drops what is kept for a deleted app. */
  public void forget(AppSegmentation seg) {
    lastVerified.remove(key(seg));
  }

  /** How many apps have a verified input kept. */
  public int size() {
    return lastVerified.size();
  }

  private static String key(AppSegmentation seg) {
    return seg.getMetadata().getNamespace() + "/" + seg.getMetadata().getName();
  }

  private static String digest(AppSegmentation seg, Plan plan, Isolation isolation) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(key(seg).getBytes(StandardCharsets.UTF_8));
      sha.update(JSON.writeValueAsBytes(seg.getSpec()));
      sha.update(JSON.writeValueAsBytes(plan.policies()));
      sha.update(JSON.writeValueAsBytes(plan.namespaceDenyAccepted()));
      sha.update(JSON.writeValueAsBytes(isolation.policies()));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot digest the verified input", e);
    }
  }
}
