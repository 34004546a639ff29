package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationStatus;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.ManifestLoader;
import io.appseg.operator.Conclusions.Conclusion;
import io.appseg.operator.apply.ApplyResult;
import io.appseg.operator.apply.ApplyResult.Applied;
import io.appseg.operator.apply.ApplyResult.Conflict;
import io.appseg.operator.apply.ApplyResult.Rejected;
import io.appseg.operator.apply.OwnerScope;
import io.appseg.operator.apply.PlanDifference;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.testing.Golden;
import io.appseg.testing.Samples;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.PlanVerifier;
import io.appseg.verify.VerifiedPlans;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The reconcile ladder on fakes, without a cluster: for each way a reconcile ends, the exact status
 * patch and events it produces, frozen in
 * src/test/resources/AppSegmentationReconcilerTest/&lt;case&gt;.yaml. The input is
 * samples/03-cross-namespace.yaml (AppSegmentation frontend/chain, tiers in frontend, backend and
 * db).
 */
class AppSegmentationReconcilerTest {
  private static final Clock T0 =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Clock T1 =
      Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);
  private static final Golden GOLDEN =
      new Golden(
          Samples.BASE.resolve("src/test/resources/AppSegmentationReconcilerTest"),
          AppSegmentationReconcilerTest.class);
  private static final Planner PLANNER = new Planner(PlanDefaults.STANDARD);
  private static final ApplyResult APPLIED =
      new Applied(List.of("backend/chain.backend"), List.of(), false);
  private static final ApplyResult CONFLICT = new Conflict(List.of("backend/chain.backend"));

  /** A foreign deny-all ingress on kube-system: the tiers' declared DNS is cut. */
  private static final Cluster DNS_LOCKED_DOWN =
      ManifestLoader.read(
              "lockdown.yaml",
              """
      {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: lockdown, namespace: kube-system},
       spec: {podSelector: {}, policyTypes: [Ingress]}}""")
          .cluster();

  /** A foreign allow-all ingress in db: the db tier is open to everyone. */
  private static final Cluster DB_OPEN_TO_ALL =
      ManifestLoader.read(
              "allow-all.yaml",
              """
      {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: allow-all, namespace: db},
       spec: {podSelector: {}, ingress: [{}], policyTypes: [Ingress]}}""")
          .cluster();

  /** One line per message, quotes only where YAML needs them: goldens a reviewer can read. */
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(Feature.WRITE_DOC_START_MARKER)
          .disable(Feature.SPLIT_LINES)
          .enable(Feature.MINIMIZE_QUOTES)
          .serializationInclusion(Include.NON_NULL)
          .build();

  /** Each case: a fresh reconcile on its own fakes. */
  private static Map<String, Callable<Result>> cases() {
    Map<String, Callable<Result>> cases = new LinkedHashMap<>();
    cases.put("reconciled", () -> new Run().reconcile(chain()));
    cases.put("audit-only", () -> new Run().reconcile(inAuditMode(chain())));
    cases.put("invalid-spec", () -> new Run().reconcile(withFlowToGhost(chain())));
    cases.put(
        "namespace-not-granted",
        () -> new Run().namespaces(granted().with("db", null)).reconcile(chain()));
    cases.put(
        "verification-failed",
        () ->
            new Run()
                .planner((seg, ns, iso) -> withoutTheDbPolicy(PLANNER.plan(seg, ns, iso)))
                .reconcile(chain()));
    cases.put(
        "conflict", () -> new Run().apply(FakePolicyApply.answering(CONFLICT)).reconcile(chain()));
    cases.put(
        "apply-rejected",
        () ->
            new Run()
                .apply(
                    FakePolicyApply.answering(
                        new Rejected(
                            "db/chain.db: field not declared in schema",
                            List.of("frontend/chain.default-deny"))))
                .reconcile(chain()));
    cases.put(
        "apply-failed",
        () ->
            new Run()
                .apply(FakePolicyApply.failing(new KubernetesClientException("connection refused")))
                .reconcile(chain()));
    cases.put(
        "conflict-in-a-new-generation",
        () ->
            new Run()
                .at(T1)
                .apply(FakePolicyApply.answering(CONFLICT))
                .reconcile(nextGeneration(after(CONFLICT))));
    cases.put("reconciled-after-a-conflict", () -> new Run().at(T1).reconcile(after(CONFLICT)));
    cases.put("flow-blocked", () -> new Run().context(DNS_LOCKED_DOWN).reconcile(chain()));
    cases.put("exposed", () -> new Run().context(DB_OPEN_TO_ALL).reconcile(chain()));
    cases.put(
        "ready-again-when-the-block-goes",
        () -> new Run().at(T1).reconcile(judgedIn(DNS_LOCKED_DOWN)));
    cases.put(
        "exposed-no-more-when-the-opening-goes",
        () -> new Run().at(T1).reconcile(judgedIn(DB_OPEN_TO_ALL)));
    cases.put(
        "a-failed-apply-keeps-the-last-judgement",
        () ->
            new Run()
                .at(T1)
                .apply(FakePolicyApply.failing(new KubernetesClientException("connection refused")))
                .reconcile(judgedIn(DB_OPEN_TO_ALL)));
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> eachOutcomeGivesItsGoldenStatusAndEvents() {
    return cases().entrySet().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.getKey(),
                    () -> GOLDEN.check(c.getKey() + ".yaml", c.getValue().call().yaml())));
  }

  @Test
  void everyGoldenFileHasACase() {
    GOLDEN.onlyThese(cases().keySet().stream().map(name -> name + ".yaml").toList());
  }

  @Test
  void anAppOfANamespaceReleasedToAnotherShardIsLeftAlone() {
    Result released =
        new Run().scope(OwnerScope.of(Set.of("another-shards-namespace"))).reconcile(chain());

    assertThat(released.patch()).isEmpty();
    assertThat(released.events()).isEmpty();
    assertThat(released.applyCalls()).isZero();
  }

  @Test
  void aQuietReconcilePatchesNothingAndRecordsNothing() {
    for (ApplyResult answer : List.of(APPLIED, CONFLICT)) {
      Result again =
          new Run().at(T1).apply(FakePolicyApply.answering(answer)).reconcile(after(answer));

      assertThat(again.patch()).as("status patch after %s", answer).isEmpty();
      assertThat(again.events()).as("events after %s", answer).isEmpty();
    }
  }

  @Test
  void anUnchangedJudgementPatchesNothingAndRecordsNothing() {
    for (Cluster context : List.of(DNS_LOCKED_DOWN, DB_OPEN_TO_ALL)) {
      Result again = new Run().at(T1).context(context).reconcile(judgedIn(context));

      assertThat(again.patch()).as("status patch in %s", context).isEmpty();
      assertThat(again.events()).as("events in %s", context).isEmpty();
    }
  }

  @Test
  void theSameInputsAgainInOneProcessCostNoApplyAndNoPatch() {
    Run run = new Run();
    AppSegmentation seg = chain();
    seg.setStatus(run.reconcile(chain()).patch().orElseThrow().getStatus());
    seg.addFinalizer(Finalizers.NAME); // added by the first reconcile

    Result again = run.at(T1).reconcile(seg);

    assertThat(again.applyCalls()).as("apply calls over both reconciles").isEqualTo(1);
    assertThat(again.patch()).isEmpty();
  }

  @Test
  void aStatusThatNoLongerMatchesWhatWasConcludedIsWrittenAgain() {
    Run run = new Run();
    AppSegmentation seg = chain();
    AppSegmentationStatus written = run.reconcile(chain()).patch().orElseThrow().getStatus();
    seg.setStatus(YAML.convertValue(written, AppSegmentationStatus.class));
    seg.getStatus().setTiers(99); // someone else wrote the status since

    Result again = run.at(T1).reconcile(seg);

    assertThat(again.applyCalls()).isEqualTo(2);
    assertThat(again.patch().orElseThrow().getStatus().getTiers()).isEqualTo(3);
  }

  @Test
  void aRestartKeepsAStatusConcludedFromTheSameInputsWithoutApplyingOrPatching() {
    Result restarted = new Run().at(T1).reconcile(after(APPLIED));

    assertThat(restarted.applyCalls()).isZero();
    assertThat(restarted.patch()).isEmpty();
    assertThat(restarted.events()).isEmpty();
  }

  @Test
  void aRestartReconcilesInFullWhenTheStatusWasConcludedFromOtherInputs() {
    AppSegmentation seg = after(APPLIED);
    seg.getStatus().setInputsDigest("from-other-inputs");

    Result restarted = new Run().at(T1).reconcile(seg);

    assertThat(restarted.applyCalls()).isEqualTo(1);
    assertThat(restarted.patch()).as("a digest that moved alone is not written").isEmpty();
  }

  @Test
  void aRestartReconcilesInFullWhenTheContextChangedBeforeTheFirstReconcile() {
    Run run = new Run();
    run.conclusions.contextChanged(ResourceID.fromResource(chain()));

    assertThat(run.at(T1).reconcile(after(APPLIED)).applyCalls()).isEqualTo(1);
  }

  /**
   * A reconcile whose inputs moved (a neighbour's write; here the kept conclusion's inputs are
   * replaced) while what the planner and the judgement read mean the same: the apply step still
   * compares, the self-check and the judgement are not done again, the status stands.
   */
  @Test
  void inputsThatMeanTheSameAreNeitherCheckedNorJudgedAgain() {
    Recount run = new Recount(Cluster.empty());

    Result again = run.movedAndReconciled();

    assertThat(again.applyCalls()).as("apply step calls").isEqualTo(2);
    assertThat(run.run.verified.size()).as("self-checks after the first").isZero();
    assertThat(run.context.clusters()).as("judgements").isEqualTo(1);
    assertThat(again.patch()).isEmpty();
  }

  /** A judgement that found gaps is not kept: the gaps name objects that a meaning leaves out. */
  @Test
  void aJudgementWithGapsIsJudgedAgain() {
    Recount run = new Recount(DNS_LOCKED_DOWN);

    Result again = run.movedAndReconciled();

    assertThat(run.run.verified.size()).as("self-checks after the first").isZero();
    assertThat(run.context.clusters()).as("judgements").isEqualTo(2);
    assertThat(again.patch()).isEmpty();
  }

  /**
   * Two reconciles of one app whose inputs moved between them, counting judgements and, in the
   * self-check's own memo (emptied after the first), self-checks.
   */
  private static final class Recount {
    final FixedContext context;
    final Run run = new Run();

    Recount(Cluster cluster) {
      context = new FixedContext(cluster);
      run.context = context;
    }

    Result movedAndReconciled() {
      AppSegmentation seg = chain();
      seg.setStatus(run.reconcile(seg).patch().orElseThrow().getStatus());
      run.verified.forget(seg);
      ResourceID id = ResourceID.fromResource(seg);
      Conclusion known = run.conclusions.get(id);
      run.conclusions.put(
          id,
          new Conclusion(
              "moved", known.status(), known.ready(), known.stalled(), known.finalizer()));
      return run.reconcile(seg);
    }
  }

  @Test
  void aRestartReconcilesInFullWhenThePlanIsNotInPlace() {
    FakePolicyApply drifted = FakePolicyApply.answering(APPLIED);
    drifted.difference =
        new PlanDifference(List.of(), List.of("db/chain.db"), List.of(), List.of());

    assertThat(new Run().at(T1).apply(drifted).reconcile(after(APPLIED)).applyCalls()).isEqualTo(1);
  }

  @Test
  void deletionWithTheFinalizerHandsTheAppToTheApplyStepThenLetsItGo() {
    Run run = new Run();
    AppSegmentation seg = chain();
    seg.addFinalizer(Finalizers.NAME);
    seg.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");

    run.reconcile(seg);

    assertThat(run.apply.removed).containsExactly(seg);
    assertThat(run.finalizers.calls).containsExactly("remove");
  }

  @Test
  void anAppMarkedForDeletionWithoutTheFinalizerIsLeftAlone() {
    Run run = new Run();
    AppSegmentation seg = chain();
    seg.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");

    run.reconcile(seg);

    assertThat(run.apply.removed).isEmpty();
    assertThat(run.finalizers.calls).isEmpty();
  }

  @Test
  void anAppGoneWithoutTheFinalizerHasItsCachedPoliciesDeletedAhead() {
    Run run = new Run();
    AppSegmentation seg = chain();

    run.reconciler().reconcile(seg, new UnitContext(true));

    assertThat(run.apply.removed).containsExactly(seg);
    assertThat(run.apply.plans).isEmpty();
    assertThat(run.finalizers.calls).isEmpty();
  }

  @Test
  void anAppWithPoliciesInOtherNamespacesGetsTheFinalizerBeforeItsFirstWrite() {
    Run run = new Run();

    run.reconcile(chain()); // the sample's tiers live in three namespaces

    assertThat(run.finalizers.calls).containsExactly("add");
  }

  @Test
  void anAppOfOneNamespaceHasNoFinalizerAndLosesOneItHeld() {
    Run run = new Run();
    AppSegmentation alone = withTiersInItsOwnNamespace(chain());
    alone.addFinalizer(Finalizers.NAME);

    run.reconcile(alone);
    run.reconcile(withTiersInItsOwnNamespace(chain()));

    assertThat(run.finalizers.calls).containsExactly("remove");
    assertThat(run.apply.plans).hasSize(2);
  }

  @Test
  void aStandbyPlansVerifiesAndJudgesItsCachedAppsWithoutWritingAndStopsOnceLeading() {
    FakePolicyApply apply = FakePolicyApply.answering(APPLIED);
    Run run = new Run().apply(apply);
    run.context = new FixedContext(DB_OPEN_TO_ALL, List.of(chain(), chain()));
    AppSegmentationReconciler standby = run.reconciler();

    assertThat(standby.prepareStandby(true, () -> true)).isEqualTo(2);
    assertThat(run.verified.size()).as("verified plans kept for the takeover").isEqualTo(1);
    assertThat(apply.plans).as("apply step calls").isEmpty();
    assertThat(run.events).isEmpty();

    int[] standbyChecks = {1};
    assertThat(standby.prepareStandby(false, () -> standbyChecks[0]-- > 0))
        .as("apps prepared before the Lease was won")
        .isEqualTo(1);
  }

  @Test
  void holdsNoMutableState() {
    assertThat(AppSegmentationReconciler.class.getDeclaredFields())
        .allSatisfy(f -> assertThat(Modifier.isFinal(f.getModifiers())).as(f.getName()).isTrue())
        .extracting(Field::getType)
        .doesNotContain(Map.class, List.class);
  }

  /**
   * What one reconcile produced: the status patch (if any), the events, how often the apply step
   * ran.
   */
  private record Result(Optional<AppSegmentation> patch, List<Event> events, int applyCalls) {
    String yaml() throws JsonProcessingException {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("statusPatch", patch.orElse(null));
      out.put(
          "events",
          events.stream()
              .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
              .toList());
      out.put("applyStepCalls", applyCalls);
      return YAML.writeValueAsString(out);
    }
  }

  /**
   * One reconcile on fakes: all namespaces granted and an apply step that applies, unless told
   * otherwise.
   */
  private static final class Run {
    private Clock clock = T0;
    private PlanFunction planner = PLANNER::plan;
    private NamespaceView namespaces = granted();
    private FakePolicyApply apply = FakePolicyApply.answering(APPLIED);
    private ContextView context = new FixedContext(Cluster.empty());
    private final List<Event> events = new ArrayList<>();
    private final VerifiedPlans verified =
        new VerifiedPlans(new PlanVerifier(PlanDefaults.STANDARD));

    /** One operator process: its reconciles share what they concluded. */
    private final Conclusions conclusions = new Conclusions();

    private final FakeFinalizers finalizers = new FakeFinalizers();
    private final FakeStatusWriter statusWriter = new FakeStatusWriter();
    private OwnerScope scope = OwnerScope.of(Set.of());

    Run at(Clock clock) {
      this.clock = clock;
      return this;
    }

    Run scope(OwnerScope scope) {
      this.scope = scope;
      return this;
    }

    Run planner(PlanFunction planner) {
      this.planner = planner;
      return this;
    }

    Run namespaces(NamespaceView namespaces) {
      this.namespaces = namespaces;
      return this;
    }

    Run apply(FakePolicyApply apply) {
      this.apply = apply;
      return this;
    }

    Run context(Cluster cluster) {
      this.context = new FixedContext(cluster);
      return this;
    }

    AppSegmentationReconciler reconciler() {
      return new AppSegmentationReconciler(
          planner,
          verified,
          new ContextCheck(PlanDefaults.STANDARD),
          context,
          namespaces,
          apply,
          new StatusFactory(clock),
          new EventRecorder(events::add, clock, "unit-test"),
          new OperatorMetrics(new SimpleMeterRegistry()),
          true,
          null,
          conclusions,
          finalizers,
          statusWriter,
          scope);
    }

    /**
     * Reconciles as JOSDK would; the reconciler reads nothing from JOSDK's context, so there is
     * none.
     */
    Result reconcile(AppSegmentation seg) {
      AppSegmentationReconciler reconciler = reconciler();
      Optional<AppSegmentation> patch;
      try {
        statusWriter.patches.clear();
        reconciler.reconcile(seg, new UnitContext(false));
        assertThat(statusWriter.patches).as("status writes of one reconcile").hasSizeLessThan(2);
        patch = statusWriter.patches.stream().findFirst();
      } catch (RuntimeException e) {
        patch = reconciler.updateErrorStatus(seg, new UnitContext(false), e).getResource();
      }
      return new Result(patch, List.copyOf(events), apply.plans.size());
    }
  }

  private static FixedNamespaces granted() {
    return new FixedNamespaces()
        .with("frontend", null)
        .with("backend", "frontend")
        .with("db", "frontend");
  }

  /** The sample as stored at generation 1, before any status. */
  private static AppSegmentation chain() {
    AppSegmentation seg = Samples.load(Samples.named("03-cross-namespace.yaml"));
    seg.getMetadata().setGeneration(1L);
    seg.getMetadata().setUid("uid-chain");
    return seg;
  }

  /**
   * The sample carrying the status of a reconcile at T0 whose apply step answered {@code answer}.
   */
  private static AppSegmentation after(ApplyResult answer) {
    AppSegmentation seg = chain();
    AppSegmentation first = chain();
    seg.setStatus(
        new Run()
            .apply(FakePolicyApply.answering(answer))
            .reconcile(first)
            .patch()
            .orElseThrow()
            .getStatus());
    seg.getMetadata().setFinalizers(first.getMetadata().getFinalizers()); // as it is stored now
    return seg;
  }

  /** The sample carrying the status of an applied reconcile at T0 judged in {@code context}. */
  private static AppSegmentation judgedIn(Cluster context) {
    AppSegmentation seg = chain();
    AppSegmentation first = chain();
    seg.setStatus(new Run().context(context).reconcile(first).patch().orElseThrow().getStatus());
    seg.getMetadata().setFinalizers(first.getMetadata().getFinalizers());
    return seg;
  }

  /** The sample with every tier moved into the app's own namespace. */
  private static AppSegmentation withTiersInItsOwnNamespace(AppSegmentation seg) {
    seg.getSpec().getTiers().forEach(t -> t.setNamespace(null));
    return seg;
  }

  private static AppSegmentation nextGeneration(AppSegmentation seg) {
    seg.getMetadata().setGeneration(seg.getMetadata().getGeneration() + 1);
    return seg;
  }

  private static AppSegmentation inAuditMode(AppSegmentation seg) {
    seg.getSpec().setMode(Mode.Audit);
    return seg;
  }

  private static AppSegmentation withFlowToGhost(AppSegmentation seg) {
    seg.getSpec().getFlows().add(new Flow(Endpoint.tier("backend"), Endpoint.tier("ghost"), null));
    return seg;
  }

  /**
   * A planner bug: the plan forgets the db tier's policy, so default-deny cuts the flow backend ->
   * db.
   */
  private static Plan withoutTheDbPolicy(Plan plan) {
    return new Plan(
        plan.segNamespace(),
        plan.segName(),
        plan.mode(),
        plan.tiers(),
        plan.policies().stream()
            .filter(p -> !p.getMetadata().getName().equals("chain.db.frontend.ns"))
            .toList(),
        plan.namespaces(),
        plan.namespaceDenyAccepted());
  }
}
