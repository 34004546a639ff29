package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.operator.WarmUp.Result;
import io.appseg.operator.WarmUp.Status;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.PlanVerifier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The start-up warm-up's rule: only on an empty cache, stopped by an app or a close. */
class WarmUpTest {
  private static final PlanDefaults DEFAULTS = PlanDefaults.STANDARD;
  private static final int ALL_STEPS = 3 * WarmUp.examples().size();

  @Test
  void runsEveryStepWhenTheCacheHoldsNoApp() {
    Result result = new WarmUp(DEFAULTS).atStart(() -> 0, () -> false);

    assertThat(result.status()).isEqualTo(Status.FINISHED);
    assertThat(result.steps()).isEqualTo(ALL_STEPS).isEqualTo(6);
  }

  @Test
  void isSkippedWhenTheCacheHoldsApps() {
    Result result = new WarmUp(DEFAULTS).atStart(() -> 1, () -> false);

    assertThat(result.status()).isEqualTo(Status.SKIPPED);
    assertThat(result.steps()).isZero();
  }

  @Test
  void stopsBeforeTheNextStepOnceAnAppArrives() {
    AtomicInteger asked = new AtomicInteger();
    // The first answer lets it start; the app arrives after two steps.
    Result result =
        new WarmUp(DEFAULTS).atStart(() -> asked.incrementAndGet() <= 3 ? 0 : 1, () -> false);

    assertThat(result.status()).isEqualTo(Status.STOPPED);
    assertThat(result.steps()).isEqualTo(2);
  }

  @Test
  void stopsWhenTheOperatorCloses() {
    AtomicInteger asked = new AtomicInteger();
    Result result = new WarmUp(DEFAULTS).atStart(() -> 0, () -> asked.incrementAndGet() > 4);

    assertThat(result.status()).isEqualTo(Status.STOPPED);
    assertThat(result.steps()).isEqualTo(4);
  }

  /**
   * The examples take the ladder's whole path: valid, verified with questions asked (not refused as
   * too complex), and without gaps in an empty cluster.
   */
  @Test
  void examplesPassEveryStepOfTheLadder() throws Exception {
    for (AppSegmentation example : WarmUp.examples()) {
      Plan plan = new Planner(DEFAULTS).plan(example);
      var verified = new PlanVerifier(DEFAULTS).verify(example, plan);

      assertThat(verified.ok()).as(verified.summary(3)).isTrue();
      assertThat(verified.checked()).isPositive();
      assertThat(plan.policies()).hasSizeGreaterThanOrEqualTo(WarmUp.ENTRIES);
      assertThat(new ContextCheck(DEFAULTS).check(example, plan, Cluster.empty())).isEmpty();
    }
  }
}
