package io.appseg.api.cel;

import io.appseg.api.TestYaml;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One resource for one CEL rule (named by its message): valid when {@code field} is null, else
 * expected to break exactly that rule, reported at exactly that field.
 */
record CelCase(String rule, String title, String name, String spec, String field) {

  static CelCase valid(String rule, String title, String spec) {
    return new CelCase(rule, title, "shop", spec, null);
  }

  static CelCase invalid(String rule, String field, String title, String spec) {
    return new CelCase(rule, title, "shop", spec, field);
  }

  CelCase named(String metadataName) {
    return new CelCase(rule, title, metadataName, spec, field);
  }

  Map<String, Object> resource() {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("apiVersion", "appseg.io/v1alpha1");
    resource.put("kind", "AppSegmentation");
    resource.put("metadata", Map.of("name", name, "namespace", "shop"));
    resource.put("spec", TestYaml.map(spec));
    return resource;
  }

  @Override
  public String toString() {
    return (field == null ? "passes " : "fails at '" + field + "' ") + rule + ": " + title;
  }
}
