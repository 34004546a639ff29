package io.appseg.api.v1alpha1.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Schema of one status condition in the standard metav1.Condition shape. */
public final class ConditionSchema {

  @JsonPropertyDescription("Condition type: Ready, Reconciling or Stalled.")
  public String type;

  @JsonPropertyDescription("True, False or Unknown.")
  public String status;

  @JsonPropertyDescription("The metadata.generation the condition was set for.")
  public Long observedGeneration;

  @JsonPropertyDescription("When status last changed (RFC 3339).")
  public String lastTransitionTime;

  @JsonPropertyDescription(
      "Why the condition has this status, in CamelCase (e.g. InvalidSpec, NamespaceNotGranted).")
  public String reason;

  @JsonPropertyDescription("Human-readable detail, with the field path for spec errors.")
  public String message;

  private ConditionSchema() {}
}
