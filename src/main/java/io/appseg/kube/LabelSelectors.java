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

  /**
   * Whether {@code broad} selects every pod that {@code narrow} selects, judged from the selectors
   * alone: each requirement of {@code broad} is also one of {@code narrow}'s. A null {@code narrow}
   * stands for every pod. Sound, not complete: {@code false} means "not known to".
   */
  public static boolean selectsEveryPodOf(LabelSelector broad, LabelSelector narrow) {
    Map<String, String> have =
        narrow == null || narrow.getMatchLabels() == null ? Map.of() : narrow.getMatchLabels();
    List<LabelSelectorRequirement> haveExpressions =
        narrow == null || narrow.getMatchExpressions() == null
            ? List.of()
            : narrow.getMatchExpressions();
    Map<String, String> need = broad.getMatchLabels() == null ? Map.of() : broad.getMatchLabels();
    List<LabelSelectorRequirement> needExpressions =
        broad.getMatchExpressions() == null ? List.of() : broad.getMatchExpressions();
    return need.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())))
        && haveExpressions.containsAll(needExpressions);
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
