package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A NetworkPolicy the plan contains, as reported in status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GeneratedPolicy {

  @JsonPropertyDescription("Namespace of the NetworkPolicy.")
  private String namespace;

  @JsonPropertyDescription("Name of the NetworkPolicy.")
  private String name;

  @JsonPropertyDescription(
      "default-deny; tier for a tier's allow policy; peer for a peer's half of flows.")
  private String role;

  @JsonPropertyDescription("The tier the policy belongs to (role tier only).")
  private String tier;

  public GeneratedPolicy() {}

  public GeneratedPolicy(String namespace, String name, String role, String tier) {
    this.namespace = namespace;
    this.name = name;
    this.role = role;
    this.tier = tier;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getTier() {
    return tier;
  }

  public void setTier(String tier) {
    this.tier = tier;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeneratedPolicy g
        && Objects.equals(namespace, g.namespace)
        && Objects.equals(name, g.name)
        && Objects.equals(role, g.role)
        && Objects.equals(tier, g.tier);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, name, role, tier);
  }
}
