package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
// No reason FieldValueDuplicate: with it the API server answers a bare "spec.tiers: Duplicate
// value" and drops
// the message (found by CelAdmissionIT).
@ValidationRule(
    value = "self.tiers.all(t, self.tiers.exists_one(u, u.name == t.name))",
    message = "tier names must be unique",
    fieldPath = ".tiers")
@ValidationRule(
    value =
        "!has(self.flows) || self.flows.all(f, !has(f.from.tier) || self.tiers.exists(t, t.name == f.from.tier))",
    message = "every flows[].from.tier must name a declared tier",
    fieldPath = ".flows")
@ValidationRule(
    value =
        "!has(self.flows) || self.flows.all(f, !has(f.to.tier) || self.tiers.exists(t, t.name == f.to.tier))",
    message = "every flows[].to.tier must name a declared tier",
    fieldPath = ".flows")
@ValidationRule(
    value =
        "!has(self.tiers) || self.tiers.all(t, !has(t.metricsPort) || (has(self.monitoring) && has(self.monitoring.enabled) && self.monitoring.enabled))",
    message = "tiers[].metricsPort needs monitoring.enabled: true",
    fieldPath = ".tiers")
public class AppSegmentationSpec {

  @JsonPropertyDescription(
      "Enforce writes the generated NetworkPolicies; Audit computes the same plan, reports it in status and writes nothing.")
  @Default("Enforce")
  private Mode mode = Mode.Enforce;

  @JsonPropertyDescription(
      "Default-deny in every namespace where a tier of this app lives. Omitted: ingress and egress denied for the whole namespace.")
  private DefaultDeny defaultDeny;

  @JsonPropertyDescription(
      "The groups of pods that make up the application. Each tier gets one NetworkPolicy holding its allowed flows.")
  @Required
  @Size(min = 1, max = CrdConstants.MAX_TIERS)
  private List<Tier> tiers = new ArrayList<>();

  @JsonPropertyDescription(
      "The connections allowed, each from one endpoint to another; at least one side is a tier. Everything else is denied.")
  @Size(max = CrdConstants.MAX_FLOWS)
  private List<Flow> flows = new ArrayList<>();

  @JsonPropertyDescription("Egress from every tier to the cluster DNS (on by default).")
  private Dns dns;

  @JsonPropertyDescription(
      "Ingress from a metrics scraper to every tier's metrics port (off by default).")
  private Monitoring monitoring;

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public DefaultDeny getDefaultDeny() {
    return defaultDeny;
  }

  public void setDefaultDeny(DefaultDeny defaultDeny) {
    this.defaultDeny = defaultDeny;
  }

  public List<Tier> getTiers() {
    return tiers;
  }

  public void setTiers(List<Tier> tiers) {
    this.tiers = tiers;
  }

  public List<Flow> getFlows() {
    return flows;
  }

  public void setFlows(List<Flow> flows) {
    this.flows = flows;
  }

  public Dns getDns() {
    return dns;
  }

  public void setDns(Dns dns) {
    this.dns = dns;
  }

  public Monitoring getMonitoring() {
    return monitoring;
  }

  public void setMonitoring(Monitoring monitoring) {
    this.monitoring = monitoring;
  }
}
