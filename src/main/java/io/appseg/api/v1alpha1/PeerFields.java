package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.appseg.api.v1alpha1.schema.LabelSelectorSchema;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * The pods-or-cidr fields shared by {@link Peer} and {@link Endpoint}, with the rules both keep.
 * The CRD generator copies a class's rules into every subclass, so each "exactly one form" rule
 * lives in the subclass.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.except) || has(self.cidr)",
    message = "except is allowed only with cidr",
    fieldPath = ".except")
@ValidationRule(
    value = "!(has(self.namespace) && has(self.namespaceSelector))",
    message = "use namespace or namespaceSelector, not both",
    fieldPath = ".namespaceSelector")
// isCIDR and cidr() parse as Kubernetes does (netip): no leading zeros, the prefix at most the
// family's bits; a NetworkPolicy also refuses host bits (masked() must change nothing). The pattern
// beside them only keeps the strings short and cheap to check. The API server runs these on every
// write of the resource: "[cidr(self.cidr)].all(c, ...)" reads and parses cidr once for all the
// excepts (Kubernetes' CEL has no cel.bind).
@ValidationRule(
    value = "!has(self.cidr) || isCIDR(self.cidr) && cidr(self.cidr) == cidr(self.cidr).masked()",
    message = "cidr must be a CIDR block: " + PeerFields.CIDR_RULE,
    fieldPath = ".cidr")
@ValidationRule(
    value = "!has(self.except) || self.except.all(e, isCIDR(e) && cidr(e) == cidr(e).masked())",
    message = "every except must be a CIDR block: " + PeerFields.CIDR_RULE,
    fieldPath = ".except")
@ValidationRule(
    value =
        "!has(self.except) || !has(self.cidr) || !isCIDR(self.cidr) || [cidr(self.cidr)].all(c,"
            + " self.except.all(e, !isCIDR(e) || c.containsCIDR(e)"
            + " && cidr(e).prefixLength() > c.prefixLength()))",
    message = "every except must lie strictly inside cidr (a longer prefix of the same family)",
    fieldPath = ".except")
public abstract class PeerFields {
  /** What a CIDR block may look like, for messages (the CLI says the same). */
  public static final String CIDR_RULE =
      "address/prefix without leading zeros or bits set beyond the prefix, e.g. 10.0.0.0/8 or"
          + " 2001:db8::/32";

  /**
   * CEL: 1 when the node selects pods (any of namespace, namespaceSelector, podSelector), else 0.
   */
  static final String PODS_FORM =
      "(has(self.namespace) || has(self.namespaceSelector) || has(self.podSelector) ? 1 : 0)";

  /** CEL: 1 when the node is an IP block, else 0. */
  static final String CIDR_FORM = "(has(self.cidr) ? 1 : 0)";

  private static final String CIDR = "^[0-9a-fA-F:.]+/[0-9]{1,3}$";

  @JsonPropertyDescription(
      "Pods in this namespace (selected by its kubernetes.io/metadata.name label). Combines with podSelector (AND).")
  @Pattern(CrdConstants.DNS_LABEL)
  @Size(min = 1, max = 63)
  private String namespace;

  @JsonPropertyDescription(
      "Pods in the namespaces this selector matches. Combines with podSelector (AND).")
  @SchemaFrom(type = LabelSelectorSchema.class)
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription(
      "Pods matching this selector, in the namespace(s) given by namespace/namespaceSelector, else in the AppSegmentation's namespace.")
  @SchemaFrom(type = LabelSelectorSchema.class)
  private LabelSelector podSelector;

  @JsonPropertyDescription("An IPv4 or IPv6 block in CIDR notation, e.g. 203.0.113.0/24.")
  @Pattern(CIDR)
  @Size(max = 64)
  private String cidr;

  @JsonPropertyDescription("Blocks inside cidr to leave out.")
  @Size(max = CrdConstants.MAX_EXCEPT)
  private List<@Pattern(CIDR) @Size(max = 64) String> except;

  public String getNamespace() {
    return namespace;
  }

  /**
   * Where this peer's pods live: its namespace, or {@code own} (the AppSegmentation's) when it
   * names none.
   */
  public String namespaceOr(String own) {
    return namespace != null ? namespace : own;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public LabelSelector getPodSelector() {
    return podSelector;
  }

  public void setPodSelector(LabelSelector podSelector) {
    this.podSelector = podSelector;
  }

  public String getCidr() {
    return cidr;
  }

  public void setCidr(String cidr) {
    this.cidr = cidr;
  }

  public List<String> getExcept() {
    return except;
  }

  public void setExcept(List<String> except) {
    this.except = except;
  }
}
