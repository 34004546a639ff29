package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.appseg.api.v1alpha1.schema.ConditionSchema;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppSegmentationStatus {
  /** Gaps listed in status: enough to act on, small enough for every watcher of the object. */
  public static final int MAX_GAPS = 10;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready, Reconciling, Stalled and (once the plan is judged in the cluster) Exposed, in the standard condition shape.")
  @SchemaFrom(type = ConditionSchema[].class)
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The mode of the reconciled plan: Enforce or Audit.")
  private String mode;

  @JsonPropertyDescription("Number of tiers in the reconciled spec.")
  private Integer tiers;

  @JsonPropertyDescription(
      "Number of NetworkPolicies in the plan (written in Enforce mode, only reported in Audit mode).")
  private Integer policies;

  @JsonPropertyDescription("Namespaces the plan places policies in.")
  private List<String> namespaces = new ArrayList<>();

  @JsonPropertyDescription("The NetworkPolicies of the plan.")
  private List<GeneratedPolicy> generated = new ArrayList<>();

  @JsonPropertyDescription(
      "The plan judged with everything else in force (other apps', hand-written and cluster "
          + "policies): declared connections denied first, then undeclared ones allowed; at most 10, absent when none.")
  @Size(max = MAX_GAPS)
  private List<ContextGap> gaps;

  @JsonPropertyDescription("How many gaps did not fit in gaps.")
  private Integer gapsOmitted;

  @JsonPropertyDescription(
      "Audit mode only: what switching to Enforce would write and which declared connections it would change.")
  private AuditPreview audit;

  @JsonPropertyDescription(
      "A digest of what this status was concluded from (the spec's generation, the namespaces' labels "
          + "and annotations, the other policies in force that no AppSegmentation owns): a restarted "
          + "operator that finds them unchanged and the plan in place keeps the status as it is.")
  private String inputsDigest;

  public String getInputsDigest() {
    return inputsDigest;
  }

  public void setInputsDigest(String inputsDigest) {
    this.inputsDigest = inputsDigest;
  }

  public AuditPreview getAudit() {
    return audit;
  }

  public void setAudit(AuditPreview audit) {
    this.audit = audit;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public Integer getTiers() {
    return tiers;
  }

  public void setTiers(Integer tiers) {
    this.tiers = tiers;
  }

  public Integer getPolicies() {
    return policies;
  }

  public void setPolicies(Integer policies) {
    this.policies = policies;
  }

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  public List<GeneratedPolicy> getGenerated() {
    return generated;
  }

  public void setGenerated(List<GeneratedPolicy> generated) {
    this.generated = generated;
  }

  public List<ContextGap> getGaps() {
    return gaps;
  }

  public void setGaps(List<ContextGap> gaps) {
    this.gaps = gaps;
  }

  public Integer getGapsOmitted() {
    return gapsOmitted;
  }

  public void setGapsOmitted(Integer gapsOmitted) {
    this.gapsOmitted = gapsOmitted;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppSegmentationStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(mode, s.mode)
        && Objects.equals(tiers, s.tiers)
        && Objects.equals(policies, s.policies)
        && Objects.equals(namespaces, s.namespaces)
        && Objects.equals(generated, s.generated)
        && Objects.equals(gaps, s.gaps)
        && Objects.equals(gapsOmitted, s.gapsOmitted)
        && Objects.equals(audit, s.audit)
        && Objects.equals(inputsDigest, s.inputsDigest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration,
        conditions,
        mode,
        tiers,
        policies,
        namespaces,
        generated,
        gaps,
        gapsOmitted,
        audit,
        inputsDigest);
  }
}
