package io.appseg.api.cel;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.appseg.api.CrdFiles;
import io.appseg.api.TestYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every CEL rule of the committed CRD, on resources that pass it and resources that break it. */
class CelRulesTest {
  private static final CrdCelRules RULES =
      CrdCelRules.of(CrdFiles.schema(CrdFiles.load(CrdFiles.COMMITTED)));

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.appseg.api.cel.CelCases#passing")
  void validResourcePasses(CelCase c) {
    CelReport report = RULES.validate(c.resource());

    assertThat(report.violations()).isEmpty();
    assertThat(report.evaluated())
        .as("the rule under test ran")
        .extracting(CelRule::effectiveMessage)
        .contains(c.rule());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.appseg.api.cel.CelCases#failing")
  void invalidResourceBreaksExactlyItsRule(CelCase c) {
    CelReport report = RULES.validate(c.resource());

    assertThat(report.violations())
        .extracting(CelViolation::field, CelViolation::message)
        .containsExactly(tuple(c.field(), c.rule()));
  }

  @Test
  void everyRuleInTheCrdHasAPassingAndAFailingCase() {
    Set<String> inCrd = RULES.rules().stream().map(CelRule::effectiveMessage).collect(toSet());

    assertThat(RULES.rules().stream().map(CelRule::expression).distinct().count())
        .as("each distinct rule has its own message, so cases can name it")
        .isEqualTo(inCrd.size());
    assertThat(rulesOf(CelCases.passing())).as("rules with a valid case").isEqualTo(inCrd);
    assertThat(rulesOf(CelCases.failing())).as("rules with an invalid case").isEqualTo(inCrd);
  }

  @Test
  void aFullResourceReachesEveryRuleAndPassesThem() {
    String yaml = CrdFiles.read(Path.of("src/test/resources/cel/every-rule.yaml"));

    CelReport report = RULES.validate(TestYaml.map(yaml));

    assertThat(report.violations()).isEmpty();
    assertThat(report.evaluated()).containsExactlyInAnyOrderElementsOf(RULES.rules());
  }

  private static Set<String> rulesOf(List<CelCase> cases) {
    return cases.stream().map(CelCase::rule).collect(toSet());
  }
}
