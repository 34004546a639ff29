package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.appseg.api.v1alpha1.schema.MaxLength;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = MaxLength.class, input = "port=" + PortSpec.MAX_PORT_NAME)
@ValidationRule(
    value = "!has(self.endPort) || (type(self.port) == int && self.endPort >= self.port)",
    message = "endPort needs a numeric port and must be >= port",
    fieldPath = ".endPort")
public class PortSpec {
  /**
   * CEL on an int-or-string port: a number 1-65535 or an IANA service name, as Kubernetes checks a
   * named port. The length (at most {@link #MAX_PORT_NAME}) is the schema's maxLength, which the
   * API server checks first.
   */
  static final String NUMBER_OR_NAME =
      "type(self) == int ? (self >= 1 && self <= 65535)"
          + " : (self.matches('"
          + CrdConstants.DNS_LABEL
          + "') && self.matches('[a-z]')"
          + " && !self.contains('--'))";

  /** Longest port name (IANA service name); bounds the strings the rule above reads (CEL cost). */
  static final int MAX_PORT_NAME = 15;

  static final String NUMBER_OR_NAME_MESSAGE =
      "must be a port number 1-65535 or a port name"
          + " (at most 15 lowercase letters, digits and single '-' between them, at least one letter)";

  @JsonPropertyDescription(
      "A label for readers, e.g. http. Policies use port; to match a container port by its name, put the name in port.")
  @io.fabric8.generator.annotation.Pattern(CrdConstants.DNS_LABEL)
  @io.fabric8.generator.annotation.Size(max = 63)
  private String name;

  @JsonPropertyDescription("Port number (1-65535) or container port name (IANA service name).")
  @Required
  @ValidationRule(value = NUMBER_OR_NAME, message = NUMBER_OR_NAME_MESSAGE)
  private IntOrString port;

  @JsonPropertyDescription(
      "Last port of a range starting at port (numeric ports only). Needs a CNI and API server that support endPort (Kubernetes 1.22+).")
  @Min(1)
  @Max(65535)
  private Integer endPort;

  @JsonPropertyDescription("TCP, UDP or SCTP.")
  @Default("TCP")
  private Protocol protocol = Protocol.TCP;

  public PortSpec() {}

  public PortSpec(IntOrString port, Integer endPort, Protocol protocol) {
    this.port = port;
    this.endPort = endPort;
    this.protocol = protocol;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public IntOrString getPort() {
    return port;
  }

  public void setPort(IntOrString port) {
    this.port = port;
  }

  public Integer getEndPort() {
    return endPort;
  }

  public void setEndPort(Integer endPort) {
    this.endPort = endPort;
  }

  public Protocol getProtocol() {
    return protocol;
  }

  public void setProtocol(Protocol protocol) {
    this.protocol = protocol;
  }
}
