package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * Something outside the app's tiers: pods (by namespace and/or pod selector, AND-ed) or an IP block.
 * Pods without a namespace or namespaceSelector are pods of the AppSegmentation's own namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.cidr) ? 1 : 0) + (has(self.namespace) || has(self.namespaceSelector) || has(self.podSelector) ? 1 : 0) == 1",
    message = "a peer is exactly one of: pods (namespace/namespaceSelector/podSelector) or cidr")
@ValidationRule(value = Peer.EXCEPT_NEEDS_CIDR, message = "except is allowed only with cidr", fieldPath = ".except")
@ValidationRule(value = Peer.ONE_NAMESPACE_FORM, message = "use namespace or namespaceSelector, not both",
    fieldPath = ".namespaceSelector")
public class Peer {
  static final String EXCEPT_NEEDS_CIDR = "!has(self.except) || has(self.cidr)";
  static final String ONE_NAMESPACE_FORM = "!(has(self.namespace) && has(self.namespaceSelector))";


  @JsonPropertyDescription("Pods in this namespace (selected by its kubernetes.io/metadata.name label). Combines with podSelector (AND).")
  @Pattern(CrdConstants.DNS_LABEL)
  @Size(min = 1, max = 63)
  private String namespace;

  @JsonPropertyDescription("Pods in the namespaces this selector matches. Combines with podSelector (AND).")
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription("Pods matching this selector, in the namespace(s) given by namespace/namespaceSelector, else in the AppSegmentation's namespace.")
  private LabelSelector podSelector;

  @JsonPropertyDescription("An IPv4 or IPv6 block in CIDR notation, e.g. 203.0.113.0/24.")
  @Pattern("^[0-9a-fA-F:.]+/[0-9]{1,3}$")
  @Size(max = 64)
  private String cidr;

  @JsonPropertyDescription("Blocks inside cidr to leave out.")
  @Size(max = 32)
  private List<@Pattern("^[0-9a-fA-F:.]+/[0-9]{1,3}$") String> except;

  public String getNamespace() { return namespace; }
  public void setNamespace(String namespace) { this.namespace = namespace; }
  public LabelSelector getNamespaceSelector() { return namespaceSelector; }
  public void setNamespaceSelector(LabelSelector namespaceSelector) { this.namespaceSelector = namespaceSelector; }
  public LabelSelector getPodSelector() { return podSelector; }
  public void setPodSelector(LabelSelector podSelector) { this.podSelector = podSelector; }
  public String getCidr() { return cidr; }
  public void setCidr(String cidr) { this.cidr = cidr; }
  public List<String> getExcept() { return except; }
  public void setExcept(List<String> except) { this.except = except; }
}
