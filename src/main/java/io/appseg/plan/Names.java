package io.appseg.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one place that names generated objects. {@code <segmentation>.<tier>} and {@code
 * <segmentation>.default-deny}: tier names are DNS labels (no dots) and "default-deny" is not a
 * valid tier name, so the last dot-separated part tells the names of different apps and tiers
 * apart. Names longer than 63 characters keep a readable prefix and end in a hash of the full name,
 * so they stay unique.
 */
public final class Names {
  public static final int MAX_LENGTH = 63;
  private static final int HASH_LENGTH = 10;
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  public static String tierPolicy(String segName, String tier) {
    return bounded(segName + "." + tier);
  }

  public static String defaultDenyPolicy(String segName) {
    return bounded(segName + "." + Labels.ROLE_DEFAULT_DENY);
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
