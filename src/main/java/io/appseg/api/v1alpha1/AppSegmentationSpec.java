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
// The API server evaluates these on every write, status and metadata included, and each field read
// in a comprehension costs it an allocation per property of the node read. So a rule reads the
// tiers' names once and compares plain strings from then on, instead of reading t.name in a loop
// inside a loop (bench/crd-validation.md). "[x].all(v, e)" evaluates x once as v: Kubernetes' CEL
// has no cel.bind.
// No reason FieldValueDuplicate: with it the API server answers a bare "spec.tiers: Duplicate
// value" and drops the message (found by CelAdmissionIT).
@ValidationRule(
    value = "[self.tiers.map(t, t.name)].all(names, names.all(n, names.exists_one(m, m == n)))",
    message = "tier names must be unique",
    fieldPath = ".tiers")
@ValidationRule(
    value =
        "!has(self.flows) || [self.tiers.map(t, t.name)].all(names,"
            + " self.flows.all(f, !has(f.from.tier) || f.from.tier in names))",
    message = "every flows[].from.tier must name a declared tier",
    fieldPath = ".flows")
@ValidationRule(
    value =
        "!has(self.flows) || [self.tiers.map(t, t.name)].all(names,"
            + " self.flows.all(f, !has(f.to.tier) || f.to.tier in names))",
    message = "every flows[].to.tier must name a declared tier",
    fieldPath = ".flows")
// Monitoring first: when it is on, no tier is read at all.
@ValidationRule(
    value =
        "!has(self.tiers) || has(self.monitoring) && has(self.monitoring.enabled) && self.monitoring.enabled"
            + " || self.tiers.all(t, !has(t.metricsPort))",
    message = "tiers[].metricsPort needs monitoring.enabled: true",
    fieldPath = ".tiers")
// Sums of list sizes (the CEL of Kubernetes has lists' sum()): CrdConstants says why.
@ValidationRule(
    value =
        "!has(self.tiers) || self.tiers.map(t, has(t.ports) ? size(t.ports) : 0).sum() <= "
            + CrdConstants.MAX_TIER_PORTS_IN_ALL,
    message =
        "at most " + CrdConstants.MAX_TIER_PORTS_IN_ALL + " ports in all tiers[].ports together",
    fieldPath = ".tiers")
@ValidationRule(
    value =
        "!has(self.flows) || self.flows.map(f, has(f.ports) ? size(f.ports) : 0).sum() <= "
            + CrdConstants.MAX_FLOW_PORTS_IN_ALL,
    message =
        "at most " + CrdConstants.MAX_FLOW_PORTS_IN_ALL + " ports in all flows[].ports together",
    fieldPath = ".flows")
@ValidationRule(
    value =
        "(has(self.flows) ? self.flows.map(f, (has(f.from) && has(f.from.except) ?"
            + " size(f.from.except) : 0) + (has(f.to) && has(f.to.except) ? size(f.to.except) :"
            + " 0)).sum() : 0) + (has(self.dns) && has(self.dns.to) ? self.dns.to.map(p,"
            + " has(p.except) ? size(p.except) : 0).sum() : 0) + (has(self.monitoring) &&"
            + " has(self.monitoring.from) ? self.monitoring.from.map(p, has(p.except) ?"
            + " size(p.except) : 0).sum() : 0) <= "
            + CrdConstants.MAX_EXCEPT_IN_ALL,
    message =
        "at most "
            + CrdConstants.MAX_EXCEPT_IN_ALL
            + " except blocks in all of flows, dns.to and monitoring.from together")
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
