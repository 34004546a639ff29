package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.appseg.api.v1alpha1.schema.LabelSelectorSchema;
import io.appseg.api.v1alpha1.schema.MaxLength;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = MaxLength.class, input = "metricsPort=" + PortSpec.MAX_PORT_NAME)
@ValidationRule(
    value = "!(self.name in ['default-deny', 'peer', 'ns'])",
    message = "tier names 'default-deny', 'peer' and 'ns' are reserved for generated policies",
    fieldPath = ".name")
public class Tier {

  @JsonPropertyDescription(
      "Tier name, unique in this AppSegmentation; flows refer to it. A DNS label.")
  @Required
  @Pattern(CrdConstants.DNS_LABEL)
  @Size(min = 1, max = 63)
  private String name;

  @JsonPropertyDescription(
      "Namespace of the tier's pods. Defaults to the AppSegmentation's namespace; any other namespace must grant this one with the annotation appseg.io/allow-segmentations-from; there the app isolates only its own tier pods unless the namespace also carries appseg.io/accept-namespace-default-deny-from.")
  @Pattern(CrdConstants.DNS_LABEL)
  @Size(min = 1, max = 63)
  private String namespace;

  @JsonPropertyDescription(
      "Selects the tier's pods within its namespace (a standard label selector).")
  @Required
  @SchemaFrom(type = LabelSelectorSchema.class)
  private LabelSelector podSelector;

  @JsonPropertyDescription(
      "The ports the tier serves. Flows to the tier without ports of their own allow these; empty means all ports.")
  @Size(max = CrdConstants.MAX_PORTS)
  private List<PortSpec> ports = new ArrayList<>();

  @JsonPropertyDescription(
      "The port the monitoring scraper reaches on this tier (number or name); overrides monitoring.port.")
  @ValidationRule(value = PortSpec.NUMBER_OR_NAME, message = PortSpec.NUMBER_OR_NAME_MESSAGE)
  private IntOrString metricsPort;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  /**
   * Where this tier's pods live: its namespace, or {@code own} (the AppSegmentation's) when it
   * names none.
   */
  public String namespaceOr(String own) {
    return namespace != null ? namespace : own;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public LabelSelector getPodSelector() {
    return podSelector;
  }

  public void setPodSelector(LabelSelector podSelector) {
    this.podSelector = podSelector;
  }

  public List<PortSpec> getPorts() {
    return ports;
  }

  public void setPorts(List<PortSpec> ports) {
    this.ports = ports;
  }

  public IntOrString getMetricsPort() {
    return metricsPort;
  }

  public void setMetricsPort(IntOrString metricsPort) {
    this.metricsPort = metricsPort;
  }
}
