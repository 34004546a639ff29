package io.appseg.kube;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Label selector matching as Kubernetes defines it: matchLabels and every expression must all hold,
 * an empty selector matches everything, and a missing key satisfies NotIn and DoesNotExist. Callers
 * decide what an absent (null) selector means, since NetworkPolicy gives that different meanings in
 * different places.
 */
public final class LabelSelectors {
  private LabelSelectors() {}

  /** The selector must be validated: an unknown operator is a bug, not input. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
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
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalStateException("unvalidated operator " + r.getOperator());
    };
  }
}
