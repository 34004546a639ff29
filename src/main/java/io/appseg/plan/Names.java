package io.appseg.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * The one place that names generated objects. {@code <segmentation>.<tier>}, {@code
 * <segmentation>.default-deny} and {@code <segmentation>.<hash of the peer's selector>.peer}: tier
 * names are DNS labels (no dots) and neither "default-deny" nor "peer" is a valid tier name, so the
 * last dot-separated part tells the names of different apps, tiers and peers apart. Names longer
 * than 63 characters keep a readable prefix and end in a hash of the full name, so they stay
 * unique.
 */
public final class Names {
  public static final int MAX_LENGTH = 63;
  private static final int HASH_LENGTH = 10;
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  /** Tier names the generated names need for themselves. */
  public static final Set<String> RESERVED_TIER_NAMES =
      Set.of(Labels.ROLE_DEFAULT_DENY, Labels.ROLE_PEER);

  public static String tierPolicy(String segName, String tier) {
    return bounded(segName + "." + tier);
  }

  public static String defaultDenyPolicy(String segName) {
    return bounded(segName + "." + Labels.ROLE_DEFAULT_DENY);
  }

  /** {@code peerKey} identifies the peer's pods in the policy's namespace (its pod selector). */
  public static String peerPolicy(String segName, String peerKey) {
    String suffix = "." + hash(peerKey) + "." + Labels.ROLE_PEER;
    return bounded(segName + suffix);
  }

  static String bounded(String full) {
    if (full.length() <= MAX_LENGTH) {
      return full;
    }
    String prefix = full.substring(0, MAX_LENGTH - HASH_LENGTH - 1).replaceAll("[-.]+$", "");
    return prefix + "-" + hash(full);
  }

  private static String hash(String s) {
    byte[] digest = sha256(s);
    StringBuilder out = new StringBuilder();
    for (int i = 0; out.length() < HASH_LENGTH; i++) {
      out.append(BASE32.charAt((digest[i] & 0xff) % 32));
    }
    return out.toString();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private Names() {}
}
