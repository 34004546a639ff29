package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DefaultDeny {

  @JsonPropertyDescription("Deny all ingress not allowed by a flow.")
  @Default("true")
  private Boolean ingress = true;

  @JsonPropertyDescription("Deny all egress not allowed by a flow or DNS.")
  @Default("true")
  private Boolean egress = true;

  @JsonPropertyDescription(
      "Namespace: a default-deny policy isolates every pod of the AppSegmentation's own namespace, and of another tier namespace only when that namespace accepts it with the annotation appseg.io/accept-namespace-default-deny-from (elsewhere only this app's tier pods are isolated). Tiers: only this app's tier pods are isolated.")
  @Default("Namespace")
  private Scope scope = Scope.Namespace;

  public Boolean getIngress() {
    return ingress;
  }

  public void setIngress(Boolean ingress) {
    this.ingress = ingress;
  }

  public Boolean getEgress() {
    return egress;
  }

  public void setEgress(Boolean egress) {
    this.egress = egress;
  }

  public Scope getScope() {
    return scope;
  }

  public void setScope(Scope scope) {
    this.scope = scope;
  }
}
