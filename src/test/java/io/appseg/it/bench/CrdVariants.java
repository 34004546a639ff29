package io.appseg.it.bench;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The CRD with groups of its CEL rules removed, to tell which rules cost the API server what (the
 * bisection of {@link CrdValidationBench}). A group is recognised by what its rules read, so the
 * same groups apply to the CRD before and after a change of its rules.
 */
final class CrdVariants {
  /** Rule groups, each by the text of its rules. */
  enum Group {
    /** isCIDR/cidr(): the cidr, except and except-inside-cidr rules. */
    CIDR(r -> r.contains("cidr(") || r.contains("isCIDR(")),
    /** Port number-or-name, endPort, named ports towards a cidr. */
    PORT(r -> r.contains("type(self) == int") || r.contains("endPort") || r.contains("p.port")),
    /** matchLabels keys, requirement values and key prefix. */
    SELECTOR(
        r -> r.contains("matchLabels") || r.contains("self.operator") || r.contains("self.key")),
    /**
     * Rules over spec.tiers from the spec: unique names, flows name declared tiers, metricsPort.
     */
    CROSS_REFERENCE(r -> r.contains("self.tiers")),
    /** The rest: exactly one endpoint form, except needs cidr, reserved names, metadata.name. */
    FORM(r -> false);

    private final Predicate<String> matches;

    Group(Predicate<String> matches) {
      this.matches = matches;
    }

    static Group of(ValidationRule rule) {
      for (Group g : values()) {
        if (g.matches.test(rule.getRule())) {
          return g;
        }
      }
      return FORM;
    }
  }

  /** A CRD to measure and what it is. */
  record Variant(String label, CustomResourceDefinition crd) {}

  private CrdVariants() {}

  /** The CRD as given, then (if {@code floor}) without any CEL rule, then without each group. */
  static List<Variant> bisection(
      String label, CustomResourceDefinition crd, boolean floor, Set<Group> groups) {
    List<Variant> out = new ArrayList<>();
    out.add(new Variant(label, crd));
    if (floor) {
      out.add(new Variant(label + " without CEL", without(crd, g -> true)));
    }
    for (Group g : groups) {
      out.add(new Variant(label + " without " + g, without(crd, g::equals)));
    }
    return out;
  }

  /** A copy of {@code crd} with the rules of the groups {@code drop} accepts removed. */
  static CustomResourceDefinition without(CustomResourceDefinition crd, Predicate<Group> drop) {
    CustomResourceDefinition copy = new KubernetesSerialization().clone(crd);
    copy.getSpec()
        .getVersions()
        .forEach(
            v -> v.getSchema().setOpenAPIV3Schema(strip(v.getSchema().getOpenAPIV3Schema(), drop)));
    return copy;
  }

  private static JSONSchemaProps strip(JSONSchemaProps node, Predicate<Group> drop) {
    JSONSchemaPropsBuilder b = new JSONSchemaPropsBuilder(node);
    if (node.getXKubernetesValidations() != null) {
      List<ValidationRule> kept =
          node.getXKubernetesValidations().stream().filter(r -> !drop.test(Group.of(r))).toList();
      b.withXKubernetesValidations(kept.isEmpty() ? null : kept);
    }
    if (node.getProperties() != null) {
      node.getProperties().forEach((name, child) -> b.addToProperties(name, strip(child, drop)));
    }
    if (node.getItems() != null && node.getItems().getSchema() != null) {
      b.editItems().withSchema(strip(node.getItems().getSchema(), drop)).endItems();
    }
    if (node.getAdditionalProperties() != null
        && node.getAdditionalProperties().getSchema() != null) {
      b.editAdditionalProperties()
          .withSchema(strip(node.getAdditionalProperties().getSchema(), drop))
          .endAdditionalProperties();
    }
    return b.build();
  }
}
