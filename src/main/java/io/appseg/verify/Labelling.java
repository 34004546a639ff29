package io.appseg.verify;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labels that satisfy a selector: matchLabels as given, In takes its first value, Exists a
 * placeholder value; NotIn and DoesNotExist are satisfied by leaving the key out. Contradictory
 * selectors stay unsatisfied, and the intent model then simply sees a pod outside the tier.
 */
final class Labelling {
  static final String ROLE = "appseg.io/verify-role";

  static Map<String, String> satisfying(LabelSelector selector, String role) {
    Map<String, String> labels = new TreeMap<>();
    if (selector == null) {
      labels.put(ROLE, role);
      return labels;
    }
    if (selector.getMatchLabels() != null) {
      labels.putAll(selector.getMatchLabels());
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        if ("In".equals(r.getOperator()) && !r.getValues().isEmpty()) {
          labels.putIfAbsent(r.getKey(), r.getValues().get(0));
        } else if ("Exists".equals(r.getOperator())) {
          labels.putIfAbsent(r.getKey(), "present");
        }
      }
    }
    return labels;
  }

  static Map<String, String> role(String role) {
    return Map.of(ROLE, role);
  }

  private Labelling() {}
}
