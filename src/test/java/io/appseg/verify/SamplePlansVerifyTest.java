package io.appseg.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.plan.PlanDefaults;
import io.appseg.testing.Samples;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The planner's output for every sample passes the verifier, and the check really asked questions.
 */
class SamplePlansVerifyTest {
  private final PlanVerifier verifier = new PlanVerifier(PlanDefaults.STANDARD);

  @TestFactory
  Stream<DynamicTest> everySamplePlanIsExact() {
    return Samples.all().stream()
        .map(
            sample ->
                DynamicTest.dynamicTest(
                    sample.getFileName().toString(),
                    () -> {
                      VerificationResult result =
                          verifier.verify(Samples.load(sample), Samples.plan(sample));
                      assertThat(result.summary(10)).isEmpty();
                      assertThat(result.checked()).isPositive();
                    }));
  }
}
