package io.appseg.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 over strings, each closed by a separator so that ("ab", "c") and ("a", "bc") differ.
 * Fed with names, UIDs and resourceVersions rather than serialised objects: a digest costs
 * microseconds, which is what lets an unchanged input skip a reconcile's work.
 */
final class InputDigest {
  private final MessageDigest sha;

  InputDigest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  InputDigest add(Object value) {
    sha.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    return this;
  }

  /** A map in key order: the same labels digest alike however they were read. */
  InputDigest add(Map<String, String> map) {
    add(map.size());
    new TreeMap<>(map).forEach((k, v) -> add(k).add(v));
    return this;
  }

  String hex() {
    return HexFormat.of().formatHex(sha.digest());
  }
}
