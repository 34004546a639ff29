package io.appseg.operator.apply;

import static io.appseg.operator.apply.TestPolicies.seg;
import static io.appseg.operator.apply.TestPolicies.stamped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appseg.operator.apply.ApplyResult.Applied;
import io.appseg.operator.apply.ApplyResult.Conflict;
import io.appseg.operator.apply.ApplyResult.Rejected;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    ApplyResult result = sync.apply(seg(), diff, false);

    assertThat(result)
        .isEqualTo(
            new Applied(List.of("shop/shop.a", "shop/shop.b"), List.of("web/shop.old"), false));
    assertThat(writer.calls)
        .containsExactly(
            "dry-run create shop/shop.a",
            "dry-run update shop/shop.b",
            "create shop/shop.a",
            "update shop/shop.b",
            "delete web/shop.old");
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

    assertThat(sync.apply(seg(), diff, true))
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

    ApplyResult result = sync.apply(seg(), diff, false);

    String refusal = "shop/shop.b: spec.ingress[0].ports[0].endPort: Invalid value";
    assertThat(result).isEqualTo(new Rejected(refusal, List.of()));
    assertThat(writer.calls)
        .containsExactly("dry-run create shop/shop.a", "dry-run create shop/shop.b");
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

    sync.apply(seg(), diff, false);

    assertThat(writer.calls)
        .containsExactly(
            "dry-run create shop/shop.a",
            "dry-run create shop/shop.default-deny",
            "delete web/shop.default-deny",
            "create shop/shop.a",
            "create shop/shop.default-deny",
            "delete shop/shop.old");
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

    sync.apply(seg(), diff, false);

    assertThat(writer.calls)
        .containsExactly(
            "dry-run create web/shop.api.shop.ns",
            "dry-run create web/shop.default-deny.shop.ns",
            "create web/shop.api.shop.ns",
            "create web/shop.default-deny.shop.ns",
            "delete web/shop.default-deny",
            "delete web/shop.api");
  }

  @Test
  void aRenamedDefaultDenyThatLosesADirectionStillLeavesFirst() {
    NetworkPolicy old = defaultDeny("web", "shop.default-deny");
    old.getSpec().setPolicyTypes(List.of("Ingress", "Egress"));
    NetworkPolicy renamed = defaultDeny("web", Names.defaultDenyPolicy("shop", "shop", "web"));
    renamed.getSpec().setPolicyTypes(List.of("Ingress"));

    sync.apply(seg(), new PolicyDiff(List.of(renamed), List.of(), List.of(old), List.of()), false);

    assertThat(writer.calls)
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

    sync.apply(seg(), diff, false);

    assertThat(writer.calls)
        .containsExactly(
            "dry-run update shop/shop.default-deny",
            "dry-run update shop/shop.a",
            "update shop/shop.default-deny",
            "update shop/shop.a");
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

    assertThatThrownBy(() -> sync.apply(seg(), diff, false))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(writer.calls).doesNotContain("delete web/shop.old");
    assertThat(events())
        .containsExactly("Normal Applied: created 1, updated 0 NetworkPolicies: shop/shop.a");
  }

  @Test
  void aServerErrorPropagatesForARetryAndIsNotRemembered() {
    writer.refuse("shop/shop.a", 500, "etcdserver: request timed out");
    PolicyDiff diff =
        new PolicyDiff(List.of(stamped("shop", "shop.a")), List.of(), List.of(), List.of());

    assertThatThrownBy(() -> sync.apply(seg(), diff, false))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(sync.knownRejection(diff)).isEmpty();
    assertThat(events()).isEmpty();
  }

  @Test
  void anEmptyDiffWritesAndRecordsNothing() {
    PolicyDiff diff = new PolicyDiff(List.of(), List.of(), List.of(), List.of());

    assertThat(sync.apply(seg(), diff, true)).isEqualTo(new Applied(List.of(), List.of(), false));
    assertThat(writer.calls).isEmpty();
    assertThat(events()).isEmpty();
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

    assertThat(sync.apply(seg(), diff, false)).isEqualTo(new Conflict(List.of("shop/shop.b")));
    assertThat(writer.calls).noneMatch(c -> !c.startsWith("dry-run"));
    assertThat(metrics.registry().find("appseg.conflicts").counter().count()).isEqualTo(1);
  }

  @Test
  void aCreateWhoseDryRunNamesAnotherFieldManagerIsAConflictEvenWithEqualFields() {
    writer.heldBy("shop/shop.a", "kubectl-create");
    assertThat(sync.apply(seg(), creates(stamped("shop", "shop.a")), false))
        .isEqualTo(new Conflict(List.of("shop/shop.a")));
    assertThat(writer.calls).containsExactly("dry-run create shop/shop.a");
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

    assertThat(sync.apply(seg(), diff, true)).isInstanceOf(Applied.class);
    assertThat(writer.calls).containsExactly("dry-run update shop/shop.a", "update shop/shop.a");
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
    final List<String> calls = new ArrayList<>();
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
      calls.add("dry-run " + (actual == null ? "create " : "update ") + id(desired));
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
      calls.add(verb + " " + id(np));
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
