package io.appseg.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AuditPreview;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.plan.Plan;
import io.appseg.plan.SpecError;
import io.appseg.verify.Mismatch;
import io.appseg.verify.VerificationResult;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusFactoryTest {
  private static final Clock T0 =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00.500Z"), ZoneOffset.UTC);
  private static final Clock T1 =
      Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);
  private static final Plan PLAN =
      new Plan("shop", "shop", Mode.Enforce, 2, List.of(), List.of("shop"));

  @Test
  void reconciledIsReadyNotStalledWithGenerationAndPlan() {
    AppSegmentation seg = seg(3);
    var status = new StatusFactory(T0).build(seg, Outcome.reconciled(PLAN));

    assertThat(status.getObservedGeneration()).isEqualTo(3);
    assertThat(status.getTiers()).isEqualTo(2);
    assertThat(status.getMode()).isEqualTo("Enforce");
    assertThat(status.getConditions())
        .extracting(Condition::getType, Condition::getStatus, Condition::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ready", "True", "Reconciled"),
            org.assertj.core.groups.Tuple.tuple("Reconciling", "False", "Reconciled"),
            org.assertj.core.groups.Tuple.tuple("Stalled", "False", "Reconciled"));
    assertThat(status.getConditions())
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(3);
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
            });
  }

  /** Each condition says why in words (kubectl get -o wide shows Ready's message). */
  @Test
  void everyConditionHasANonEmptyMessage() {
    AppSegmentation seg = seg(1);
    for (Outcome outcome :
        List.of(
            Outcome.reconciled(PLAN),
            Outcome.conflict(PLAN, List.of("shop/shop.api")),
            Outcome.applyRejected(
                PLAN, "shop/shop.api: spec.ingress[0].ports[0].endPort: Invalid value"),
            Outcome.applyFailed("boom"))) {
      assertThat(new StatusFactory(T0).build(seg, outcome).getConditions())
          .hasSize(3)
          .allSatisfy(c -> assertThat(c.getMessage()).as(c.getType()).isNotEmpty());
    }
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
    AppSegmentation seg = seg(1);
    seg.setStatus(new StatusFactory(T0).build(seg, Outcome.reconciled(PLAN)));

    var invalid =
        new StatusFactory(T1)
            .build(seg, Outcome.invalidSpec(List.of(new SpecError("spec.tiers[0].name", "bad"))));

    assertThat(StatusFactory.find(invalid, "Ready").getLastTransitionTime())
        .isEqualTo("2026-01-02T00:00:00Z");
    assertThat(StatusFactory.find(invalid, "Stalled").getLastTransitionTime())
        .isEqualTo("2026-01-02T00:00:00Z");
    assertThat(StatusFactory.find(invalid, "Reconciling").getLastTransitionTime())
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(StatusFactory.find(invalid, "Ready").getMessage())
        .contains("spec.tiers[0].name: bad");
    assertThat(invalid.getTiers()).as("an invalid spec keeps reporting the last plan").isEqualTo(2);
  }

  @Test
  void aQuietReconcileBuildsAnEqualStatusEvenAtAnotherTime() {
    AppSegmentation seg = seg(1);
    seg.setStatus(new StatusFactory(T0).build(seg, Outcome.reconciled(PLAN)));

    var again = new StatusFactory(T1).build(seg, Outcome.reconciled(PLAN));

    assertThat(again).isEqualTo(seg.getStatus());
    assertThat(StatusFactory.sameIgnoringTransitionTimes(again, seg.getStatus())).isTrue();
  }

  @Test
  void onlyTransitionTimesAreIgnoredWhenComparing() {
    AppSegmentation seg = seg(1);
    var a = new StatusFactory(T0).build(seg, Outcome.reconciled(PLAN));
    var b = new StatusFactory(T1).build(seg, Outcome.reconciled(PLAN));
    var c =
        new StatusFactory(T0)
            .build(seg, Outcome.auditOnly(PLAN, "Enforce would write nothing", new AuditPreview()));

    assertThat(StatusFactory.sameIgnoringTransitionTimes(a, b)).isTrue();
    assertThat(StatusFactory.sameIgnoringTransitionTimes(a, c)).isFalse();
    assertThat(StatusFactory.sameIgnoringTransitionTimes(null, a)).isFalse();
  }

  @Test
  void stalledReasonsAndRetriedFailuresAreToldApart() {
    AppSegmentation seg = seg(1);
    var conflict =
        new StatusFactory(T0).build(seg, Outcome.conflict(PLAN, List.of("shop/shop.api")));
    var failed = new StatusFactory(T0).build(seg, Outcome.applyFailed("connection refused"));
    var notGranted =
        new StatusFactory(T0).build(seg, Outcome.notGranted(PLAN, List.of("shop-web")));

    assertThat(StatusFactory.find(conflict, "Stalled").getStatus()).isEqualTo("True");
    assertThat(StatusFactory.find(conflict, "Ready").getStatus()).isEqualTo("False");
    assertThat(StatusFactory.find(notGranted, "Stalled").getReason())
        .isEqualTo("NamespaceNotGranted");
    assertThat(StatusFactory.find(notGranted, "Ready").getMessage()).contains("shop-web");
    assertThat(StatusFactory.find(failed, "Stalled").getStatus()).isEqualTo("False");
    assertThat(StatusFactory.find(failed, "Reconciling").getStatus()).isEqualTo("True");
    assertThat(failed.getConditions())
        .allSatisfy(c -> assertThat(c.getReason()).matches("^[A-Z][A-Za-z]*$"));
  }

  @Test
  void aFailedVerificationStallsNamesTheMismatchAndKeepsTheAppliedPlan() {
    AppSegmentation seg = seg(2);
    seg.setStatus(new StatusFactory(T0).build(seg(1), Outcome.reconciled(PLAN)));
    var result =
        new VerificationResult(
            List.of(new Mismatch("shop/api", "shop/db", 5432, "TCP", true, false)), List.of(), 10);
    var status = new StatusFactory(T1).build(seg, Outcome.verificationFailed(result));

    assertThat(StatusFactory.find(status, "Stalled").getStatus()).isEqualTo("True");
    assertThat(StatusFactory.find(status, "Stalled").getReason()).isEqualTo("VerificationFailed");
    assertThat(StatusFactory.find(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(StatusFactory.find(status, "Ready").getMessage())
        .contains(
            "1 mismatches: shop/api -> shop/db:5432/TCP is denied by the plan but allowed by the spec")
        .endsWith("nothing was written, the last applied policies are kept");
    assertThat(status.getPolicies()).isEqualTo(seg.getStatus().getPolicies());
    assertThat(status.getGenerated()).isEqualTo(seg.getStatus().getGenerated());
  }

  private static AppSegmentation seg(long generation) {
    AppSegmentation seg = new AppSegmentation();
    seg.setMetadata(
        new ObjectMetaBuilder()
            .withName("shop")
            .withNamespace("shop")
            .withGeneration(generation)
            .build());
    return seg;
  }
}
