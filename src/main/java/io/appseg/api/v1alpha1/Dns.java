package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Dns {

  @JsonPropertyDescription(
      "Allow egress from every tier to the cluster DNS. Only takes effect when egress is denied by default.")
  @Default("true")
  private Boolean enabled = true;

  @JsonPropertyDescription(
      "The DNS servers. Omitted: the operator's default (kube-dns pods in kube-system), e.g. a cidr 169.254.20.10/32 for NodeLocal DNSCache.")
  @Size(min = 1, max = CrdConstants.MAX_DNS_PEERS)
  private List<Peer> to;

  @JsonPropertyDescription("DNS ports. Omitted: 53/UDP and 53/TCP.")
  @Size(min = 1, max = CrdConstants.MAX_DNS_PORTS)
  private List<PortSpec> ports;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public List<Peer> getTo() {
    return to;
  }

  public void setTo(List<Peer> to) {
    this.to = to;
  }

  public List<PortSpec> getPorts() {
    return ports;
  }

  public void setPorts(List<PortSpec> ports) {
    this.ports = ports;
  }
}
