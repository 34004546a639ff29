package io.appseg.api.v1alpha1.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.kube.Identifiers;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * Schema of a standard Kubernetes label selector; the requirements are AND-ed. An empty selector
 * selects all.
 */
// A map's keys have no schema of their own: only a rule can check them.
@ValidationRule(
    value =
        "!has(self.matchLabels) || self.matchLabels.all(k, k.matches('"
            + Identifiers.LABEL_KEY_PATTERN
            + "') && !k.matches('"
            + Identifiers.LONG_PREFIX_PATTERN
            + "'))",
    message = "matchLabels keys must be label keys: " + Identifiers.LABEL_KEY_RULE,
    fieldPath = ".matchLabels")
public final class LabelSelectorSchema {

  @JsonPropertyDescription(
      "Labels the selected objects carry, each key with exactly this value (AND-ed).")
  @Size(max = CrdConstants.MAX_LABELS)
  public Map<
          String,
          @Pattern(Identifiers.LABEL_VALUE_PATTERN) @Size(max = CrdConstants.MAX_LABEL_VALUE)
          String>
      matchLabels;

  @JsonPropertyDescription(
      "Set-based requirements on labels (AND-ed, and AND-ed with matchLabels).")
  @Size(max = CrdConstants.MAX_EXPRESSIONS)
  public List<LabelSelectorRequirementSchema> matchExpressions;

  private LabelSelectorSchema() {}
}
