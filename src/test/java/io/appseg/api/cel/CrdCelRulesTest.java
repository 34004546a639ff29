package io.appseg.api.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appseg.api.TestYaml;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine itself, on small schemas: Kubernetes semantics that the CRD tests rely on. */
class CrdCelRulesTest {

  private static final String LIST_OF_PORTS =
      """
      {type: object, properties: {ports: {type: array, items: {type: object,
        properties: {port: {x-kubernetes-int-or-string: true}, end: {type: integer}},
        x-kubernetes-validations: [{rule: "!has(self.end) || (type(self.port) == int && self.end >= self.port)",
                                    message: bad range, fieldPath: .end}]}}}}
      """;

  @Test
  void reportsTheElementPathPlusFieldPathWithIntegersAsCelInts() {
    CelReport report =
        rules(LIST_OF_PORTS)
            .validate(
                Map.of(
                    "ports",
                    List.of(
                        Map.of("port", 80, "end", 90),
                        Map.of("port", 80, "end", 70),
                        Map.of("port", "http"))));

    assertThat(report.violations())
        .extracting(CelViolation::toString)
        .containsExactly("ports[1].end: bad range");
  }

  @Test
  void aRuleRunsOnlyWhereItsNodeIsPresent() {
    CelReport report = rules(LIST_OF_PORTS).validate(Map.of());

    assertThat(report.violations()).isEmpty();
    assertThat(report.evaluated()).isEmpty();
  }

  @Test
  void hasOnAMapMeansTheKeyIsPresent() {
    CrdCelRules rules =
        rules(
            """
        {type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: "has(self.a)", message: no a}]}
        """);

    assertThat(rules.validate(Map.of("a", "")).violations()).isEmpty();
    assertThat(rules.validate(Map.of()).violations())
        .extracting(CelViolation::message)
        .containsExactly("no a");
  }

  @Test
  void aRuleThatDoesNotCompileFailsLoudly() {
    assertThatThrownBy(
            () -> rules("{type: object, x-kubernetes-validations: [{rule: \"self.all(x,\"}]}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not compile");
  }

  @Test
  void aRuleThatIsNotABoolFailsToCompile() {
    assertThatThrownBy(() -> rules("{type: object, x-kubernetes-validations: [{rule: \"'yes'\"}]}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not compile");
  }

  @Test
  void aRuleReadingAFieldTheSchemaLacksFailsLoudly() {
    assertThatThrownBy(
            () ->
                rules(
                    """
        {type: object, properties: {tier: {type: string}}, x-kubernetes-validations: [{rule: "has(self.tiers)"}]}
        """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("self.tiers");
  }

  @Test
  void celBindDoesNotCompileAsOnTheApiServer() {
    // Kubernetes' CRD environment has no cel.bind: the API server refuses such a CRD.
    assertThatThrownBy(
            () ->
                rules(
                    """
        {type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: "cel.bind(x, self.a, x == x)"}]}
        """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not compile");
  }

  @Test
  void aOneElementListEvaluatesItsValueOnceForTheWholeRule() {
    // The CRD's stand-in for cel.bind: [x].all(v, e) is e with v = x.
    CrdCelRules rules =
        rules(
            """
        {type: object, properties: {t: {type: array, items: {type: object, properties: {name: {type: string}}}}},
         x-kubernetes-validations: [{rule: "[self.t.map(i, i.name)].all(n, n.all(a, n.exists_one(b, b == a)))",
                                     message: not unique}]}
        """);

    assertThat(
            rules
                .validate(Map.of("t", List.of(Map.of("name", "a"), Map.of("name", "b"))))
                .violations())
        .isEmpty();
    assertThat(
            rules
                .validate(Map.of("t", List.of(Map.of("name", "a"), Map.of("name", "a"))))
                .violations())
        .extracting(CelViolation::message)
        .containsExactly("not unique");
  }

  @Test
  void anEvaluationErrorIsAViolationNotAPass() {
    CrdCelRules rules =
        rules(
            """
        {type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: "self.a == 'x'"}]}
        """);

    assertThat(rules.validate(Map.of()).violations())
        .singleElement()
        .extracting(CelViolation::message)
        .asString()
        .startsWith("rule error");
  }

  private static CrdCelRules rules(String schemaYaml) {
    return CrdCelRules.of(TestYaml.read(schemaYaml, JSONSchemaProps.class));
  }
}
