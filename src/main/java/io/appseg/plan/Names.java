package io.appseg.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * The one place that names generated objects (P3, docs/design.md). In the AppSegmentation's own
 * namespace: {@code <app>.<tier>}, {@code <app>.default-deny} and {@code <app>.<hash of the peer's
 * selector>.peer}. In any other namespace the same name is followed by the owner's namespace and
 * the marker {@value #FOREIGN_MARKER}: {@code <app>.<tier>.<owner namespace>.ns}, so two apps of
 * the same name from different namespaces never want the same name in a third one.
 *
 * <p>Why no two owners, apps and components share a name in one namespace, as long as neither name
 * is shortened: tier names and namespaces are DNS labels (no dots), the hash is one label, and no
 * tier may be called {@code default-deny}, {@code peer} or {@code ns} ({@link
 * #RESERVED_TIER_NAMES}). Read a name from its last label: {@code ns} means the label before it is
 * the owner's namespace and what precedes is an own-namespace name; {@code default-deny} means the
 * rest is the app's name; {@code peer} means the label before it is the hash and the rest the app's
 * name; any other last label is the tier and the rest the app's name. Every step is forced, so the
 * name gives back its owner namespace (or "the namespace it is in"), app and component, and an
 * app's name may contain dots and dashes without harm.
 *
 * <p>Names longer than 63 characters keep a readable prefix and end in a hash of the full name, so
 * they stay unique up to that 50-bit hash.
 */
public final class Names {
  public static final int MAX_LENGTH = 63;

  /** Last label of every name placed outside the owner's namespace. */
  public static final String FOREIGN_MARKER = "ns";

  private static final int HASH_LENGTH = 10;
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  /** Tier names the generated names need for themselves. */
  public static final Set<String> RESERVED_TIER_NAMES =
      Set.of(Labels.ROLE_DEFAULT_DENY, Labels.ROLE_PEER, FOREIGN_MARKER);

  /**
   * @param segNamespace the AppSegmentation's namespace
   * @param namespace where the policy goes
   */
  public static String tierPolicy(
      String segNamespace, String segName, String namespace, String tier) {
    return placed(segNamespace, namespace, segName + "." + tier);
  }

  public static String defaultDenyPolicy(String segNamespace, String segName, String namespace) {
    return placed(segNamespace, namespace, segName + "." + Labels.ROLE_DEFAULT_DENY);
  }

  /** {@code peerKey} identifies the peer's pods in the policy's namespace (its pod selector). */
  public static String peerPolicy(
      String segNamespace, String segName, String namespace, String peerKey) {
    return placed(segNamespace, namespace, segName + "." + hash(peerKey) + "." + Labels.ROLE_PEER);
  }

  private static String placed(String segNamespace, String namespace, String local) {
    return bounded(
        segNamespace.equals(namespace) ? local : local + "." + segNamespace + "." + FOREIGN_MARKER);
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
