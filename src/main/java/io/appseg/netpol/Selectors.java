package io.appseg.netpol;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Label-selector matching and validation (R16). A null selector is never passed here: callers decide what "unset" means. */
final class Selectors {
  private Selectors() {}

  /** matchLabels and every expression must all hold; an empty selector matches everything. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> required = selector.getMatchLabels();
    if (required != null) {
      for (Map.Entry<String, String> e : required.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    return expressions == null || expressions.stream().allMatch(r -> matches(r, labels));
  }

  private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.getKey());
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value); // a missing key satisfies NotIn
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalStateException("unvalidated operator " + r.getOperator());
    };
  }

  /** Problems with a selector, each prefixed with {@code path}. */
  static void validate(LabelSelector selector, String path, List<String> problems) {
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((k, v) -> {
        if (k == null || k.isEmpty() || v == null) {
          problems.add(path + ".matchLabels: key and value must be set (key '" + k + "')");
        }
      });
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    for (int i = 0; expressions != null && i < expressions.size(); i++) {
      validate(expressions.get(i), path + ".matchExpressions[" + i + "]", problems);
    }
  }

  private static void validate(LabelSelectorRequirement r, String path, List<String> problems) {
    if (r.getKey() == null || r.getKey().isEmpty()) {
      problems.add(path + ".key: required");
    }
    boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
    String op = r.getOperator() == null ? "" : r.getOperator();
    switch (op) {
      case "In", "NotIn" -> {
        if (!hasValues) {
          problems.add(path + ".values: must be non-empty for operator " + op);
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (hasValues) {
          problems.add(path + ".values: must be empty for operator " + op);
        }
      }
      default -> problems.add(path + ".operator: '" + op + "' is not one of In, NotIn, Exists, DoesNotExist");
    }
  }
}
