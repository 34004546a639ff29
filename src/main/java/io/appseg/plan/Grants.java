package io.appseg.plan;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.Tier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * P5 of docs/design.md (no confused deputy): an AppSegmentation may place policies in another
 * namespace only when that namespace's annotation appseg.io/allow-segmentations-from lists the
 * AppSegmentation's namespace, or "*"; and isolate every pod there (a namespace-wide default-deny)
 * only when appseg.io/accept-namespace-default-deny-from lists it too.
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

  /**
   * The app's tier namespaces other than its own whose annotation {@link
   * Labels#NAMESPACE_DENY_ANNOTATION} lists the app's namespace (or "*"): only these take its
   * namespace-wide default-deny; elsewhere its policies isolate its own tier pods only.
   */
  public static List<String> acceptingNamespaceDeny(
      AppSegmentation seg, Map<String, NamespaceFacts> namespaces) {
    String own = seg.getMetadata().getNamespace();
    return tierNamespaces(seg).stream()
        .filter(ns -> !ns.equals(own))
        .filter(namespaces::containsKey)
        .filter(ns -> lists(namespaces.get(ns), Labels.NAMESPACE_DENY_ANNOTATION, own))
        .toList();
  }

  /**
   * The namespaces the spec's tiers name (the own for a tier without one), read null-safe: also for
   * a spec that is still to be validated.
   */
  public static List<String> tierNamespaces(AppSegmentation seg) {
    String own = seg.getMetadata().getNamespace();
    List<Tier> tiers = seg.getSpec() == null ? null : seg.getSpec().getTiers();
    if (tiers == null) {
      return List.of();
    }
    return tiers.stream().filter(Objects::nonNull).map(t -> t.namespaceOr(own)).distinct().toList();
  }

  static boolean grants(NamespaceFacts facts, String fromNamespace) {
    return lists(facts, Labels.GRANT_ANNOTATION, fromNamespace);
  }

  private static boolean lists(NamespaceFacts facts, String annotation, String fromNamespace) {
    String value = facts.annotations().get(annotation);
    if (value == null) {
      return false;
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .anyMatch(v -> v.equals("*") || v.equals(fromNamespace));
  }

  private Grants() {}
}
