package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One side of a flow: exactly one of a tier, a peer (pods or cidr), or anywhere. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.tier) ? 1 : 0) + "
            + PeerFields.PODS_FORM
            + " + "
            + PeerFields.CIDR_FORM
            + " + (has(self.anywhere) && self.anywhere ? 1 : 0) == 1",
    message =
        "an endpoint is exactly one of: tier, pods (namespace/namespaceSelector/podSelector), cidr, or anywhere: true")
public class Endpoint extends PeerFields {

  @JsonPropertyDescription("Name of a tier declared in spec.tiers.")
  @Pattern(CrdConstants.DNS_LABEL)
  @Size(min = 1, max = 63)
  private String tier;

  @JsonPropertyDescription("true: any source or destination, pods and external addresses alike.")
  private Boolean anywhere;

  public static Endpoint tier(String name) {
    Endpoint e = new Endpoint();
    e.setTier(name);
    return e;
  }

  public String getTier() {
    return tier;
  }

  public void setTier(String tier) {
    this.tier = tier;
  }

  public Boolean getAnywhere() {
    return anywhere;
  }

  public void setAnywhere(Boolean anywhere) {
    this.anywhere = anywhere;
  }
}
