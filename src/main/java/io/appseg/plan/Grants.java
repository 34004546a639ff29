package io.appseg.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * P5 of docs/design.md (no confused deputy): an AppSegmentation may place policies in another
 * namespace only when that namespace's annotation appseg.io/allow-segmentations-from lists the
 * AppSegmentation's namespace, or "*".
 */
public final class Grants {

  /**
   * The plan's foreign namespaces that do not grant it (or do not exist), in plan order; empty
   * means granted.
   */
  public static List<String> missing(Plan plan, Map<String, NamespaceFacts> namespaces) {
    List<String> missing = new ArrayList<>();
    for (String ns : plan.foreignNamespaces()) {
      NamespaceFacts facts = namespaces.get(ns);
      if (facts == null || !grants(facts, plan.segNamespace())) {
        missing.add(ns);
      }
    }
    return missing;
  }

  static boolean grants(NamespaceFacts facts, String fromNamespace) {
    String value = facts.annotations().get(Labels.GRANT_ANNOTATION);
    if (value == null) {
      return false;
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .anyMatch(v -> v.equals("*") || v.equals(fromNamespace));
  }

  private Grants() {}
}
