package io.appseg.api.cel;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The schema reduced to what CEL validation needs: the rules of each node and how to reach its
 * children.
 */
record SchemaNode(
    List<CelRule> rules, Map<String, SchemaNode> properties, SchemaNode items, SchemaNode values) {

  /**
   * Builds the tree; {@code compile} turns a node's x-kubernetes-validations into rules (node, its
   * path).
   */
  static SchemaNode of(
      JSONSchemaProps schema,
      String path,
      BiFunction<JSONSchemaProps, String, List<CelRule>> compile) {
    List<CelRule> rules = compile.apply(schema, path);
    Map<String, SchemaNode> properties = new LinkedHashMap<>();
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach((name, child) -> properties.put(name, of(child, join(path, name), compile)));
    }
    SchemaNode items =
        schema.getItems() == null || schema.getItems().getSchema() == null
            ? null
            : of(schema.getItems().getSchema(), path + "[*]", compile);
    SchemaNode values =
        schema.getAdditionalProperties() == null
                || schema.getAdditionalProperties().getSchema() == null
            ? null
            : of(schema.getAdditionalProperties().getSchema(), path + "[*]", compile);
    return new SchemaNode(rules, properties, items, values);
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
