package io.appseg.plan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;

/** Test input in the form users write it: an AppSegmentation as YAML, spec only. */
final class Specs {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static AppSegmentation seg(String specYaml) {
    return seg("shop", "shop", specYaml);
  }

  static AppSegmentation seg(String namespace, String name, String specYaml) {
    String doc =
        "apiVersion: appseg.io/v1alpha1\nkind: AppSegmentation\nmetadata: {name: "
            + name
            + ", namespace: "
            + namespace
            + "}\nspec:\n"
            + specYaml.stripIndent().indent(2);
    try {
      return YAML.readValue(doc, AppSegmentation.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("bad test input:\n" + doc, e);
    }
  }

  static Plan plan(String specYaml) {
    return plan(seg(specYaml));
  }

  static Plan plan(AppSegmentation seg) {
    return plan(seg, Map.of());
  }

  static Plan plan(AppSegmentation seg, Map<String, NamespaceFacts> namespaces) {
    try {
      return new Planner(PlanDefaults.STANDARD).plan(seg, namespaces, Isolation.NONE);
    } catch (InvalidSpecException e) {
      throw new AssertionError("unexpected invalid spec: " + e.getMessage(), e);
    }
  }

  static NetworkPolicy policy(Plan plan, String namespace, String name) {
    return plan.policies().stream()
        .filter(
            p ->
                p.getMetadata().getNamespace().equals(namespace)
                    && p.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no policy " + namespace + "/" + name + " in " + names(plan)));
  }

  static List<String> names(Plan plan) {
    return plan.policies().stream()
        .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .toList();
  }

  /** A policy's spec as YAML, for assertions that read like the manifests users see. */
  static String specYaml(NetworkPolicy p) {
    return Manifests.toYaml(p.getSpec());
  }

  private Specs() {}
}
