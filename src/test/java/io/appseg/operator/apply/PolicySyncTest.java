package io.appseg.operator.apply;

import static io.appseg.operator.apply.TestPolicies.seg;
import static io.appseg.operator.apply.TestPolicies.stamped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appseg.operator.apply.ApplyResult.Applied;
import io.appseg.operator.apply.ApplyResult.Conflict;
import io.appseg.operator.apply.ApplyResult.Held;
import io.appseg.operator.apply.ApplyResult.Rejected;
import io.appseg.operator.apply.PolicyApply.BeforeWrites;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.operator.status.Outcome;
import io.appseg.plan.Labels;
import io.appseg.plan.Names;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The writes of the apply step against a fake server: order, what the result and the events say,
 * rejections.
 */
class PolicySyncTest {
  private final FakeWriter writer = new FakeWriter();
  private final ServerAnswers answers = new ServerAnswers();
  private final List<Event> events = new ArrayList<>();
  private final List<String> remembered = new ArrayList<>();
  private final OperatorMetrics metrics = new OperatorMetrics(new SimpleMeterRegistry());
  private final PolicySync sync =
      new PolicySync(
          writer,
          (stored, previous) -> remembered.add(id(stored)),
          answers,
          new EventRecorder(events::add, Clock.systemUTC(), "unit-test"),
          metrics);

  @Test
  void writesCreatesThenUpdatesAndPrunesLastSayingWhatItDid() {
    NetworkPolicy actual = stamped("shop", "shop.b");
    PolicyDiff diff =
        new PolicyDiff(
            List.of(stamped("shop", "shop.a")),
            List.of(new PolicyDiff.Update(withPort(actual, 9090), actual)),
            List.of(stamped("web", "shop.old")),
            List.of());

    ApplyResult result = sync.apply(seg(), diff, false, BeforeWrites.NONE);

    assertThat(result)
        .isEqualTo(
            new Applied(List.of("shop/shop.a", "shop/shop.b"), List.of("web/shop.old"), false));
    assertSteps(
        Set.of("dry-run create shop/shop.a", "dry-run update shop/shop.b"),
        Set.of("create shop/shop.a", "update shop/shop.b"),
        Set.of("delete web/shop.old"));
    assertThat(remembered).containsExactly("shop/shop.a", "shop/shop.b");
    assertThat(events())
        .containsExactly(
            "Normal Applied: created 1, updated 1 NetworkPolicies: shop/shop.a, shop/shop.b",
            "Normal Pruned: deleted NetworkPolicies no longer in the plan: web/shop.old");
  }

  @Test
  void writesForAConvergedAppSegmentationAreDriftRepairs() {
    PolicyDiff diff =
        new PolicyDiff(List.of(stamped("shop", "shop.a")), List.of(), List.of(), List.of());

    assertThat(sync.apply(seg(), diff, true, BeforeWrites.NONE))
        .isEqualTo(new Applied(List.of("shop/shop.a"), List.of(), true));
    assertThat(events())
        .containsExactly(
            "Warning DriftCorrected: restored NetworkPolicies changed or deleted "
                + "outside the operator: shop/shop.a");
    assertThat(metrics.driftCorrections()).isEqualTo(1);
  }

  @Test
  void aPlanTheServerRefusesInTheDryRunWritesNothingAndIsRemembered() {
    writer.refuse("shop/shop.b", 422, "spec.ingress[0].ports[0].endPort: Invalid value");
    PolicyDiff diff =
        new PolicyDiff(
            List.of(stamped("shop", "shop.a"), stamped("shop", "shop.b")),
            List.of(),
            List.of(stamped("web", "shop.old")),
            List.of());

    ApplyResult result = sync.apply(seg(), diff, false, BeforeWrites.NONE);

    String refusal = "shop/shop.b: spec.ingress[0].ports[0].endPort: Invalid value";
    assertThat(result).isEqualTo(new Rejected(refusal, List.of()));
    assertSteps(Set.of("dry-run create shop/shop.a", "dry-run create shop/shop.b"));
    assertThat(events()).isEmpty();
    assertThat(sync.knownRejection(diff)).contains(refusal);
  }

  @Test
  void aLeavingDefaultDenyGoesFirstThenAllowsThenANewDefaultDenyThenLeavingAllows() {
    NetworkPolicy oldAllow = stamped("shop", "shop.old");
    PolicyDiff diff =
        new PolicyDiff(
            List.of(defaultDeny("shop", "shop.default-deny"), stamped("shop", "shop.a")),
            List.of(),
            List.of(oldAllow, defaultDeny("web", "shop.default-deny")),
            List.of());

    sync.apply(seg(), diff, false, BeforeWrites.NONE);

    assertSteps(
        Set.of("dry-run create shop/shop.a", "dry-run create shop/shop.default-deny"),
        Set.of("delete web/shop.default-deny"),
        Set.of("create shop/shop.a"),
        Set.of("create shop/shop.default-deny"),
        Set.of("delete shop/shop.old"));
  }

  @Test
  void aRenameCreatesTheNewAllowThenTheNewDefaultDenyAndPrunesTheOldNamesLast() {
    String newDeny = Names.defaultDenyPolicy("shop", "shop", "web");
    String newAllow = Names.tierPolicy("shop", "shop", "web", "api");
    PolicyDiff diff =
        new PolicyDiff(
            List.of(defaultDeny("web", newDeny), stamped("web", newAllow)),
            List.of(),
            List.of(defaultDeny("web", "shop.default-deny"), stamped("web", "shop.api")),
            List.of());

    sync.apply(seg(), diff, false, BeforeWrites.NONE);

    assertSteps(
        Set.of(
            "dry-run create web/shop.api.shop.ns", "dry-run create web/shop.default-deny.shop.ns"),
        Set.of("create web/shop.api.shop.ns"),
        Set.of("create web/shop.default-deny.shop.ns"),
        Set.of("delete web/shop.default-deny"),
        Set.of("delete web/shop.api"));
  }

  @Test
  void aRenamedDefaultDenyThatLosesADirectionStillLeavesFirst() {
    NetworkPolicy old = defaultDeny("web", "shop.default-deny");
    old.getSpec().setPolicyTypes(List.of("Ingress", "Egress"));
    NetworkPolicy renamed = defaultDeny("web", Names.defaultDenyPolicy("shop", "shop", "web"));
    renamed.getSpec().setPolicyTypes(List.of("Ingress"));

    sync.apply(
        seg(),
        new PolicyDiff(List.of(renamed), List.of(), List.of(old), List.of()),
        false,
        BeforeWrites.NONE);

    assertThat(writer.calls())
        .containsExactly(
            "dry-run create web/shop.default-deny.shop.ns",
            "delete web/shop.default-deny",
            "create web/shop.default-deny.shop.ns");
  }

  @Test
  void aDefaultDenyThatOnlyLosesADirectionIsUpdatedBeforeTheAllowsThatNarrow() {
    NetworkPolicy both = defaultDeny("shop", "shop.default-deny");
    NetworkPolicy ingressOnly = defaultDeny("shop", "shop.default-deny");
    ingressOnly.getSpec().setPolicyTypes(List.of("Ingress"));
    NetworkPolicy allow = stamped("shop", "shop.a");
    PolicyDiff diff =
        new PolicyDiff(
            List.of(),
            List.of(new PolicyDiff.Update(allow, allow), new PolicyDiff.Update(ingressOnly, both)),
            List.of(),
            List.of());

    sync.apply(seg(), diff, false, BeforeWrites.NONE);

    assertSteps(
        Set.of("dry-run update shop/shop.default-deny", "dry-run update shop/shop.a"),
        Set.of("update shop/shop.default-deny"),
        Set.of("update shop/shop.a"));
  }

  @Test
  void aFailureHalfWayReportsOnlyWhatWasWrittenAndIsRetried() {
    writer.failStored("shop/shop.b", 500, "connection reset");
    PolicyDiff diff =
        new PolicyDiff(
            List.of(stamped("shop", "shop.a"), stamped("shop", "shop.b")),
            List.of(),
            List.of(stamped("web", "shop.old")),
            List.of());

    assertThatThrownBy(() -> sync.apply(seg(), diff, false, BeforeWrites.NONE))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(writer.calls()).doesNotContain("delete web/shop.old");
    assertThat(events())
        .containsExactly("Normal Applied: created 1, updated 0 NetworkPolicies: shop/shop.a");
  }

  @Test
  void aServerErrorPropagatesForARetryAndIsNotRemembered() {
    writer.refuse("shop/shop.a", 500, "etcdserver: request timed out");
    PolicyDiff diff =
        new PolicyDiff(List.of(stamped("shop", "shop.a")), List.of(), List.of(), List.of());

    assertThatThrownBy(() -> sync.apply(seg(), diff, false, BeforeWrites.NONE))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(sync.knownRejection(diff)).isEmpty();
    assertThat(events()).isEmpty();
  }

  @Test
  void anEmptyDiffWritesAndRecordsNothing() {
    PolicyDiff diff = new PolicyDiff(List.of(), List.of(), List.of(), List.of());

    assertThat(sync.apply(seg(), diff, true, BeforeWrites.NONE))
        .isEqualTo(new Applied(List.of(), List.of(), false));
    assertThat(writer.calls()).isEmpty();
    assertThat(events()).isEmpty();
  }

  @Test
  void theDryRunsOfThePlanAndTheWritesOfOneStepGoTogetherAFewAtATime() {
    int allows = 3 * Requests.IN_FLIGHT;
    List<NetworkPolicy> creates = new ArrayList<>();
    for (int i = 0; i < allows; i++) {
      creates.add(stamped("shop", "shop.a" + i));
    }
    creates.add(defaultDeny("shop", "shop.default-deny"));
    writer.gate("dry-run", Requests.IN_FLIGHT);
    writer.gate("create", Requests.IN_FLIGHT);

    assertThat(
            sync.apply(
                seg(), creates(creates.toArray(NetworkPolicy[]::new)), false, BeforeWrites.NONE))
        .isInstanceOf(Applied.class);

    // Each gate opens only once IN_FLIGHT requests wait at it: sent one at a time, none would.
    assertThat(writer.mostInFlight("dry-run")).isEqualTo(Requests.IN_FLIGHT);
    assertThat(writer.mostInFlight("create")).isEqualTo(Requests.IN_FLIGHT);
    Set<String> dryRuns = new HashSet<>();
    Set<String> allowWrites = new HashSet<>();
    for (int i = 0; i < allows; i++) {
      dryRuns.add("dry-run create shop/shop.a" + i);
      allowWrites.add("create shop/shop.a" + i);
    }
    dryRuns.add("dry-run create shop/shop.default-deny");
    assertSteps(dryRuns, allowWrites, Set.of("create shop/shop.default-deny"));
    assertThat(remembered).hasSize(allows + 1);
  }

  @Test
  void theCheckBeforeWritesRunsWhileTheDryRunsAreInFlight() {
    writer.gate("dry-run", 3); // the two dry runs and the check meet there

    ApplyResult result =
        sync.apply(
            seg(),
            creates(stamped("shop", "shop.a"), defaultDeny("shop", "shop.default-deny")),
            false,
            () -> {
              writer.join("dry-run");
              return Optional.empty();
            });

    assertThat(result).isInstanceOf(Applied.class);
    assertSteps(
        Set.of("dry-run create shop/shop.a", "dry-run create shop/shop.default-deny"),
        Set.of("create shop/shop.a"),
        Set.of("create shop/shop.default-deny"));
  }

  @Test
  void aFailedCheckBeforeWritesWritesNothingAndIsTheOutcome() {
    Outcome failed = Outcome.applyFailed("the check said no");

    ApplyResult result =
        sync.apply(
            seg(),
            creates(stamped("shop", "shop.a"), defaultDeny("shop", "shop.default-deny")),
            false,
            () -> Optional.of(failed));

    assertThat(result).isEqualTo(new Held(failed));
    assertThat(writer.calls()).allMatch(c -> c.startsWith("dry-run"));
    assertThat(remembered).isEmpty();
    assertThat(events()).isEmpty();
  }

  @Test
  void aWriteRefusedInItsStepStopsTheNextStepAndReportsTheStepsOtherWrites() {
    writer.failStored("shop/shop.b", 422, "denied by a webhook on write");
    PolicyDiff diff =
        creates(
            stamped("shop", "shop.a"),
            stamped("shop", "shop.b"),
            stamped("shop", "shop.c"),
            defaultDeny("shop", "shop.default-deny"));

    ApplyResult result = sync.apply(seg(), diff, false, BeforeWrites.NONE);

    assertThat(result)
        .isEqualTo(
            new Rejected(
                "shop/shop.b: denied by a webhook on write",
                List.of("shop/shop.a", "shop/shop.c")));
    assertThat(writer.calls()).doesNotContain("create shop/shop.default-deny");
    assertThat(remembered).containsExactly("shop/shop.a", "shop/shop.c");
  }

  /**
   * The calls in these steps: the steps in this order, each step's calls in any order (a step's
   * requests are sent together).
   */
  @SafeVarargs
  private void assertSteps(Set<String>... expected) {
    List<String> calls = writer.calls();
    List<Set<String>> steps = new ArrayList<>();
    int from = 0;
    for (Set<String> step : expected) {
      int to = Math.min(calls.size(), from + step.size());
      steps.add(new HashSet<>(calls.subList(from, to)));
      from = to;
    }
    assertThat(steps).as("calls %s", calls).containsExactly(expected);
    assertThat(calls).hasSize(from);
  }

  private List<String> events() {
    return events.stream()
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
        .toList();
  }

  private static NetworkPolicy withPort(NetworkPolicy np, int port) {
    return new NetworkPolicyBuilder(np)
        .editSpec()
        .editFirstIngress()
        .editFirstPort()
        .withNewPort(port)
        .endPort()
        .endIngress()
        .endSpec()
        .build();
  }

  @Test
  void aCreateTheServerAnswersWithAConflictIsAConflictAndWritesNothing() {
    writer.refuse("shop/shop.b", 409, "Apply failed with 1 conflict: conflict with \"kubectl\"");
    PolicyDiff diff = creates(stamped("shop", "shop.a"), stamped("shop", "shop.b"));

    assertThat(sync.apply(seg(), diff, false, BeforeWrites.NONE))
        .isEqualTo(new Conflict(List.of("shop/shop.b")));
    assertThat(writer.calls()).noneMatch(c -> !c.startsWith("dry-run"));
    assertThat(metrics.registry().find("appseg.conflicts").counter().count()).isEqualTo(1);
  }

  @Test
  void aCreateWhoseDryRunNamesAnotherFieldManagerIsAConflictEvenWithEqualFields() {
    writer.heldBy("shop/shop.a", "kubectl-create");
    assertThat(sync.apply(seg(), creates(stamped("shop", "shop.a")), false, BeforeWrites.NONE))
        .isEqualTo(new Conflict(List.of("shop/shop.a")));
    assertThat(writer.calls()).containsExactly("dry-run create shop/shop.a");
  }

  @Test
  void anUpdateOfOurOwnObjectSharedWithAnotherManagerIsWritten() {
    NetworkPolicy actual = stamped("shop", "shop.a");
    writer.heldBy("shop/shop.a", "kubectl-edit");
    PolicyDiff diff =
        new PolicyDiff(
            List.of(),
            List.of(new PolicyDiff.Update(withPort(actual, 9090), actual)),
            List.of(),
            List.of());

    assertThat(sync.apply(seg(), diff, true, BeforeWrites.NONE)).isInstanceOf(Applied.class);
    assertThat(writer.calls()).containsExactly("dry-run update shop/shop.a", "update shop/shop.a");
  }

  private static PolicyDiff creates(NetworkPolicy... policies) {
    return new PolicyDiff(List.of(policies), List.of(), List.of(), List.of());
  }

  private static NetworkPolicy defaultDeny(String namespace, String name) {
    NetworkPolicy np = stamped(namespace, name);
    np.getMetadata().getLabels().put(Labels.COMPONENT, Labels.ROLE_DEFAULT_DENY);
    return np;
  }

  private static String id(NetworkPolicy np) {
    return PolicySync.describe(np);
  }

  /** A server that stores what it is sent, except the policies it is told to refuse. */
  private static final class FakeWriter implements PolicyWriter {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, CountDownLatch> gates = new HashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> most = new ConcurrentHashMap<>();

    List<String> calls() {
      return List.copyOf(calls);
    }

    /** Holds each request of this kind until {@code parties} of them wait together. */
    void gate(String verb, int parties) {
      gates.put(verb, new CountDownLatch(parties));
    }

    /** Waits at this kind's gate, as each request of the kind does. */
    void join(String verb) {
      CountDownLatch gate = gates.get(verb);
      gate.countDown();
      try {
        assertThat(gate.await(10, TimeUnit.SECONDS)).as("%s requests together", verb).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    int mostInFlight(String verb) {
      return most.getOrDefault(verb, new AtomicInteger()).get();
    }

    /** Records the call; its gate and count are its first word's ("dry-run", "create", ...). */
    private void enter(String call, NetworkPolicy np) {
      calls.add(call + " " + id(np));
      String verb = call.split(" ")[0];
      int now = inFlight.computeIfAbsent(verb, v -> new AtomicInteger()).incrementAndGet();
      most.computeIfAbsent(verb, v -> new AtomicInteger()).accumulateAndGet(now, Math::max);
      if (gates.containsKey(verb)) {
        join(verb);
      }
    }

    private void leave(String verb) {
      inFlight.get(verb).decrementAndGet();
    }

    private final Map<String, KubernetesClientException> refusals = new HashMap<>();
    private final Map<String, KubernetesClientException> storeFailures = new HashMap<>();
    private final Map<String, String> holders = new HashMap<>();

    /** Refused at admission: in the dry run as in the write. */
    void refuse(String id, int code, String message) {
      refusals.put(id, failure(code, message));
    }

    /** Fails only when really stored (a lost connection, say): the dry run passes. */
    void failStored(String id, int code, String message) {
      storeFailures.put(id, failure(code, message));
    }

    private static KubernetesClientException failure(int code, String message) {
      return new KubernetesClientException(
          new StatusBuilder().withCode(code).withMessage(message).build());
    }

    /** Another field manager already holds this name, which the cache does not know. */
    void heldBy(String id, String manager) {
      holders.put(id, manager);
    }

    @Override
    public NetworkPolicy dryRun(NetworkPolicy desired, NetworkPolicy actual) {
      String verb = "dry-run";
      enter(verb + (actual == null ? " create" : " update"), desired);
      try {
        return dryRunAnswer(desired);
      } finally {
        leave(verb);
      }
    }

    private NetworkPolicy dryRunAnswer(NetworkPolicy desired) {
      if (refusals.containsKey(id(desired))) {
        throw refusals.get(id(desired));
      }
      NetworkPolicy answer = new NetworkPolicyBuilder(desired).build();
      answer
          .getMetadata()
          .setManagedFields(
              new ArrayList<>(
                  List.of(new ManagedFieldsEntryBuilder().withManager(Labels.MANAGER).build())));
      if (holders.containsKey(id(desired))) {
        answer
            .getMetadata()
            .getManagedFields()
            .add(new ManagedFieldsEntryBuilder().withManager(holders.get(id(desired))).build());
      }
      return answer;
    }

    @Override
    public NetworkPolicy create(NetworkPolicy desired) {
      return send("create", desired);
    }

    @Override
    public NetworkPolicy update(NetworkPolicy desired, NetworkPolicy actual) {
      return send("update", desired);
    }

    @Override
    public void delete(NetworkPolicy owned) {
      send("delete", owned);
    }

    private NetworkPolicy send(String verb, NetworkPolicy np) {
      enter(verb, np);
      try {
        return stored(np);
      } finally {
        leave(verb);
      }
    }

    private NetworkPolicy stored(NetworkPolicy np) {
      if (refusals.containsKey(id(np))) {
        throw refusals.get(id(np));
      }
      if (storeFailures.containsKey(id(np))) {
        throw storeFailures.get(id(np));
      }
      return np;
    }
  }
}
