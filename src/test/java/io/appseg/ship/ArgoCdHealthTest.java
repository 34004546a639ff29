package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.TestYaml;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AuditPreview;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.operator.status.Outcome;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Plan;
import io.appseg.plan.SpecError;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health script, run in a Lua VM the way Argo CD runs it (the object as global {@code
 * obj}, the script returns {status, message}) against statuses built by the operator's own
 * StatusFactory for every outcome, plus the stale and missing status cases.
 */
class ArgoCdHealthTest {
  static final Path SCRIPT = ChartFixture.CHART.resolve("files").resolve("argocd-health.lua");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Plan PLAN =
      new Plan("shop", "shop", Mode.Enforce, 3, List.of(), List.of("shop"));

  record Health(String status, String message) {}

  @Test
  void noStatusYetIsProgressing() {
    Health h =
        health(
            TestYaml.map(
                """
        apiVersion: appseg.io/v1alpha1
        kind: AppSegmentation
        metadata: {name: shop, namespace: shop, generation: 1}
        spec: {tiers: []}
        """));
    assertThat(h.status()).isEqualTo("Progressing");
  }

  @Test
  void reconciledIsHealthy() {
    Health h = health(withStatus(4, 4, Outcome.reconciled(PLAN)));
    assertThat(h).isEqualTo(new Health("Healthy", "0 NetworkPolicies applied in shop"));
  }

  @Test
  void auditModeIsHealthy() {
    assertThat(
            health(
                    withStatus(
                        1,
                        1,
                        Outcome.auditOnly(PLAN, "Enforce would write nothing", new AuditPreview())))
                .status())
        .isEqualTo("Healthy");
  }

  @Test
  void aReadyStatusOfAnOlderGenerationIsProgressing() {
    Health h = health(withStatus(5, 4, Outcome.reconciled(PLAN)));
    assertThat(h.status()).isEqualTo("Progressing");
    assertThat(h.message()).contains("generation 5");
  }

  @Test
  void aStatusWithoutObservedGenerationIsProgressing() {
    Map<String, Object> obj = withStatus(2, 2, Outcome.reconciled(PLAN));
    status(obj).remove("observedGeneration");
    assertThat(health(obj).status()).isEqualTo("Progressing");
  }

  @Test
  void stalledOutcomesAreDegradedWithTheStalledMessage() {
    Outcome invalid =
        Outcome.invalidSpec(List.of(new SpecError("spec.flows[0].to", "unknown tier 'dbx'")));
    Outcome notGranted = Outcome.notGranted(PLAN, List.of("shop-web"));
    Outcome conflict = Outcome.conflict(PLAN, List.of("shop/shop.api"));
    for (Outcome o : List.of(invalid, notGranted, conflict)) {
      Health h = health(withStatus(3, 3, o));
      assertThat(h.status()).as(o.reason().name()).isEqualTo("Degraded");
      assertThat(h.message()).as(o.reason().name()).isEqualTo(o.message());
    }
  }

  @Test
  void aRetriedApplyFailureIsProgressingWithTheReconcilingMessage() {
    Outcome failed = Outcome.applyFailed("connection refused");
    assertThat(health(withStatus(2, 2, failed)))
        .isEqualTo(new Health("Progressing", failed.message()));
  }

  @Test
  void readyUnknownWithoutOtherConditionsIsProgressing() {
    Health h =
        health(
            TestYaml.map(
                """
        metadata: {name: shop, generation: 1}
        status:
          observedGeneration: 1
          conditions:
            - {type: Ready, status: Unknown, reason: Reconciling, message: first reconcile}
        """));
    assertThat(h).isEqualTo(new Health("Progressing", "first reconcile"));
  }

  @Test
  void stalledWinsOverAStaleReady() {
    Health h =
        health(
            TestYaml.map(
                """
        metadata: {name: shop, generation: 2}
        status:
          observedGeneration: 2
          conditions:
            - {type: Ready, status: "True", reason: Reconciled, message: ok}
            - {type: Stalled, status: "True", reason: Conflict, message: foreign policy}
        """));
    assertThat(h).isEqualTo(new Health("Degraded", "foreign policy"));
  }

  @Test
  void readmeCarriesTheScriptAndTheArgocdCmKey() throws IOException {
    String readme = Files.readString(ChartFixture.CHART.resolve("README.md"));
    assertThat(readme).contains("resource.customizations.health.appseg.io_AppSegmentation: |");
    // The snippet is the script indented under the argocd-cm key; a stale copy in the docs fails
    // here.
    String indented =
        Files.readString(SCRIPT)
            .lines()
            .map(l -> l.isEmpty() ? "" : "    " + l)
            .reduce((a, b) -> a + "\n" + b)
            .orElseThrow();
    assertThat(readme).contains(indented);
  }

  private static Map<String, Object> withStatus(long generation, long observed, Outcome outcome) {
    AppSegmentation seg = new AppSegmentation();
    seg.setMetadata(
        new ObjectMetaBuilder()
            .withName("shop")
            .withNamespace("shop")
            .withGeneration(observed)
            .build());
    seg.setStatus(new StatusFactory(CLOCK).build(seg, outcome));
    seg.getMetadata().setGeneration(generation);
    // Argo CD hands the script the object as JSON, so go through the same serialization the API
    // server sees.
    return TestYaml.map(Serialization.asJson(seg));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(Map<String, Object> obj) {
    return (Map<String, Object>) obj.get("status");
  }

  static Health health(Map<String, Object> obj) {
    try {
      Globals globals = JsePlatform.standardGlobals();
      globals.set("obj", lua(obj));
      LuaValue result = globals.load(Files.readString(SCRIPT), "health.lua").call();
      assertThat(result.istable()).as("the script returns a table").isTrue();
      return new Health(
          result.get("status").tojstring(),
          result.get("message").isnil() ? null : result.get("message").tojstring());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** JSON-shaped Java values as Lua values: maps to tables, lists to 1-based array tables. */
  static LuaValue lua(Object v) {
    if (v == null) {
      return LuaValue.NIL;
    } else if (v instanceof Map<?, ?> m) {
      LuaTable t = new LuaTable();
      m.forEach((k, x) -> t.set(String.valueOf(k), lua(x)));
      return t;
    } else if (v instanceof List<?> l) {
      LuaTable t = new LuaTable();
      for (int i = 0; i < l.size(); i++) {
        t.set(i + 1, lua(l.get(i)));
      }
      return t;
    } else if (v instanceof Boolean b) {
      return LuaValue.valueOf(b);
    } else if (v instanceof Number n) {
      return LuaValue.valueOf(n.doubleValue());
    }
    return LuaValue.valueOf(v.toString());
  }
}
