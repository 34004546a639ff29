package io.appseg.api.v1alpha1.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.appseg.api.v1alpha1.CrdConstants;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * Schema of a standard Kubernetes label selector; the requirements are AND-ed. An empty selector
 * selects all.
 */
public final class LabelSelectorSchema {

  @JsonPropertyDescription(
      "Labels the selected objects carry, each key with exactly this value (AND-ed).")
  @Size(max = CrdConstants.MAX_LABELS)
  public Map<String, @Size(max = CrdConstants.MAX_LABEL_VALUE) String> matchLabels;

  @JsonPropertyDescription(
      "Set-based requirements on labels (AND-ed, and AND-ed with matchLabels).")
  @Size(max = 32)
  public List<LabelSelectorRequirementSchema> matchExpressions;

  private LabelSelectorSchema() {}
}
