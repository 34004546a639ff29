package io.appseg.cli;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Labels that a LabelSelector matches, for a synthesized pod: matchLabels and In values are taken
 * as given, Exists gets a value NotIn does not exclude, and NotIn/DoesNotExist alone leave the key
 * off.
 */
final class SelectorLabels {
  private SelectorLabels() {}

  /** What the selector asks of one key. {@code values} null means any value. */
  private static final class Key {
    Set<String> values;
    final Set<String> excluded = new LinkedHashSet<>();
    boolean present;
    boolean absent;

    void restrict(List<String> allowed) {
      if (values == null) {
        values = new LinkedHashSet<>(allowed);
      } else {
        values.retainAll(allowed);
      }
      present = true;
    }
  }

  /**
   * @throws IllegalArgumentException naming the key when no set of labels satisfies the selector
   */
  static Map<String, String> satisfying(LabelSelector selector) {
    Map<String, Key> keys = new TreeMap<>();
    if (selector.getMatchLabels() != null) {
      selector
          .getMatchLabels()
          .forEach((k, v) -> keys.computeIfAbsent(k, x -> new Key()).restrict(List.of(v)));
    }
    if (selector.getMatchExpressions() != null) {
      selector
          .getMatchExpressions()
          .forEach(r -> apply(keys.computeIfAbsent(r.getKey(), x -> new Key()), r));
    }
    Map<String, String> labels = new TreeMap<>();
    keys.forEach(
        (k, key) -> {
          String value = value(k, key);
          if (value != null) {
            labels.put(k, value);
          }
        });
    return labels;
  }

  private static void apply(Key key, LabelSelectorRequirement r) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    switch (r.getOperator()) {
      case "In" -> key.restrict(values);
      case "NotIn" -> key.excluded.addAll(values);
      case "Exists" -> key.present = true;
      case "DoesNotExist" -> key.absent = true;
      default ->
          throw new IllegalArgumentException(
              "operator '"
                  + r.getOperator()
                  + "' on label "
                  + r.getKey()
                  + " is not In, NotIn, Exists or DoesNotExist");
    }
  }

  /** The value to give the key, or null to leave it off. */
  private static String value(String k, Key key) {
    if (key.present && key.absent) {
      throw new IllegalArgumentException("label " + k + " must both exist and not exist");
    }
    if (!key.present) {
      return null;
    }
    if (key.values == null) {
      String value = "any";
      for (int i = 2; key.excluded.contains(value); i++) {
        value = "any-" + i;
      }
      return value;
    }
    return key.values.stream()
        .filter(v -> !key.excluded.contains(v))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "label " + k + " has no value that every requirement accepts"));
  }
}
