package io.appseg.netpol;

import io.appseg.kube.LabelSelectors;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;

/**
 * Label-selector validation (R16); matching is {@link LabelSelectors}, shared with the self-check.
 */
final class Selectors {
  private Selectors() {}

  /** Problems with a selector, each prefixed with {@code path}. */
  static void validate(LabelSelector selector, String path, List<String> problems) {
    if (selector.getMatchLabels() != null) {
      selector
          .getMatchLabels()
          .forEach(
              (k, v) -> {
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
      default ->
          problems.add(
              path + ".operator: '" + op + "' is not one of In, NotIn, Exists, DoesNotExist");
    }
  }
}
