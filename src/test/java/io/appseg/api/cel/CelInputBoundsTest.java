package io.appseg.api.cel;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.CrdFiles;
import io.appseg.api.TestYaml;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import org.junit.jupiter.api.Test;

/**
 * Every list, map and string a CEL rule of the CRD reaches has a bound, so the API server's cost
 * estimate stays within budget (CrdInstallIT proves a real server accepts the CRD). A new unbounded
 * field fails here first.
 */
class CelInputBoundsTest {

  @Test
  void everyListMapAndStringThatARuleReachesIsBounded() {
    assertThat(CelInputBounds.unbounded(CrdFiles.schema(CrdFiles.load(CrdFiles.COMMITTED))))
        .isEmpty();
  }

  @Test
  void reportsUnboundedInputsUnderTheFieldsARuleReads() {
    JSONSchemaProps schema =
        TestYaml.read(
            """
        {type: object, x-kubernetes-validations: [{rule: "self.tiers.all(t, t.name != 'x')"}],
         properties: {
           tiers: {type: array, items: {type: object, properties: {
             name: {type: string}, mode: {type: string, enum: [a, b]},
             labels: {type: object, additionalProperties: {type: string, maxLength: 63}}}}},
           flows: {type: array, maxItems: 8, items: {type: object, properties: {port: {x-kubernetes-int-or-string: true}},
             x-kubernetes-validations: [{rule: "type(self.port) == int"}]}},
           notes: {type: array, items: {type: string}}}}
        """,
            JSONSchemaProps.class);

    assertThat(CelInputBounds.unbounded(schema))
        .containsExactlyInAnyOrder(
            "tiers (list)",
            "tiers[*].name (string)",
            "tiers[*].labels (map)",
            "flows[*].port (string)");
  }
}
