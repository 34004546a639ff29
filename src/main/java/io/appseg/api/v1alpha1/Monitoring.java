package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.appseg.api.v1alpha1.schema.MaxLength;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = MaxLength.class, input = "port=" + PortSpec.MAX_PORT_NAME)
public class Monitoring {

  @JsonPropertyDescription(
      "Allow ingress from the scraper to every tier's metrics port. Only takes effect when ingress is denied by default.")
  @Default("false")
  private Boolean enabled = false;

  @JsonPropertyDescription(
      "The scraper. Omitted: the operator's default (pods in namespaces labelled purpose=monitoring).")
  @Size(min = 1, max = CrdConstants.MAX_SCRAPERS)
  private List<Peer> from;

  @JsonPropertyDescription(
      "The metrics port on every tier, number or name (default: the port named metrics). tiers[].metricsPort overrides it.")
  @ValidationRule(value = PortSpec.NUMBER_OR_NAME, message = PortSpec.NUMBER_OR_NAME_MESSAGE)
  private IntOrString port;

  @JsonPropertyDescription("Protocol of the metrics port.")
  @Default("TCP")
  private Protocol protocol = Protocol.TCP;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public List<Peer> getFrom() {
    return from;
  }

  public void setFrom(List<Peer> from) {
    this.from = from;
  }

  public IntOrString getPort() {
    return port;
  }

  public void setPort(IntOrString port) {
    this.port = port;
  }

  public Protocol getProtocol() {
    return protocol;
  }

  public void setProtocol(Protocol protocol) {
    this.protocol = protocol;
  }
}
