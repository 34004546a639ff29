package io.appseg.api.v1alpha1.schema;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * CRD generation only: {@code @SchemaCustomizer(value = MaxLength.class, input = "port=15")} sets
 * maxLength on a property of the annotated class, where {@code @Size} has no effect (an
 * int-or-string). The API server estimates a CEL rule's cost from these bounds; an unbounded string
 * counts as long as a whole request.
 */
public final class MaxLength implements SchemaCustomizer.Customizer {

  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    int eq = input.indexOf('=');
    String property = input.substring(0, eq);
    JSONSchemaProps target =
        schema.getProperties() == null ? null : schema.getProperties().get(property);
    if (target == null) {
      throw new IllegalArgumentException(
          "MaxLength: no property '" + property + "' in " + schema.getProperties());
    }
    target.setMaxLength(Long.parseLong(input.substring(eq + 1)));
    return schema;
  }
}
