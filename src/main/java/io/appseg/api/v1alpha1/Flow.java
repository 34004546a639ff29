package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * An allowed connection. Tier to tier gets both halves (egress on the source, ingress on the
 * destination).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.from.tier) || has(self.to.tier)",
    message = "a flow needs a tier on at least one side (from or to)")
@ValidationRule(
    value = "!has(self.to.cidr) || !has(self.ports) || self.ports.all(p, type(p.port) == int)",
    message = "named ports need a pod destination; use port numbers towards a cidr",
    fieldPath = ".ports")
public class Flow {

  @JsonPropertyDescription("Where connections start: a tier, a peer, a cidr or anywhere.")
  @Required
  private Endpoint from;

  @JsonPropertyDescription("Where connections go: a tier, a peer, a cidr or anywhere.")
  @Required
  private Endpoint to;

  @JsonPropertyDescription(
      "Destination ports. Omitted: the destination tier's ports, or all ports when the destination is not a tier or declares none. An empty list allows all ports.")
  @Size(max = CrdConstants.MAX_PORTS)
  private List<PortSpec> ports;

  public Flow() {}

  public Flow(Endpoint from, Endpoint to, List<PortSpec> ports) {
    this.from = from;
    this.to = to;
    this.ports = ports;
  }

  public Endpoint getFrom() {
    return from;
  }

  public void setFrom(Endpoint from) {
    this.from = from;
  }

  public Endpoint getTo() {
    return to;
  }

  public void setTo(Endpoint to) {
    this.to = to;
  }

  public List<PortSpec> getPorts() {
    return ports;
  }

  public void setPorts(List<PortSpec> ports) {
    this.ports = ports;
  }
}
