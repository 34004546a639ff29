package io.appseg.api.v1alpha1.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.kube.Identifiers;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Schema of one set-based label requirement, as in metav1.LabelSelectorRequirement. */
// Kubernetes rejects a NetworkPolicy that breaks this; checking at admission keeps the error on our
// resource.
@ValidationRule(
    value =
        "self.operator in ['In', 'NotIn'] ? (has(self.values) && size(self.values) > 0)"
            + " : (!has(self.values) || size(self.values) == 0)",
    message = "In and NotIn need at least one value; Exists and DoesNotExist take none",
    fieldPath = ".values")
// The key's syntax is a pattern (a rule would cost too much across every flow's selectors); the
// prefix's length, which a pattern cannot count, is a rule.
@ValidationRule(
    value = "!self.key.matches('" + Identifiers.LONG_PREFIX_PATTERN + "')",
    message = "key's prefix must be a DNS subdomain of at most 253 characters",
    fieldPath = ".key")
public final class LabelSelectorRequirementSchema {

  /**
   * The operators Kubernetes accepts; anything else is rejected by the API server on the
   * NetworkPolicy.
   */
  public enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist
  }

  @JsonPropertyDescription("The label key the requirement applies to.")
  @Required
  @Pattern(Identifiers.LABEL_KEY_PATTERN)
  @Size(max = CrdConstants.MAX_LABEL_KEY)
  public String key;

  @JsonPropertyDescription("In and NotIn need values; Exists and DoesNotExist need none.")
  @Required
  public Operator operator;

  @JsonPropertyDescription("Label values for In and NotIn.")
  @Size(max = CrdConstants.MAX_VALUES)
  public List<
          @Pattern(Identifiers.LABEL_VALUE_PATTERN) @Size(max = CrdConstants.MAX_LABEL_VALUE)
          String>
      values;

  private LabelSelectorRequirementSchema() {}
}
