package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.operator.status.Reason;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * P4-P10 (docs/design.md) end to end on the mock server; see {@link OperatorMockServerTestBase} for
 * what is not covered.
 */
class AppSegmentationOperatorMockTest extends OperatorMockServerTestBase {

  @Test
  void createAppliesThePlanWithOwnershipStatusAndEvent() {
    AppSegmentation seg = create(shop());
    awaitReady(Reason.Reconciled);

    assertThat(policyIds()).containsExactlyElementsOf(SHOP_POLICIES);
    for (NetworkPolicy np : policies()) {
      assertThat(Labels.ownedBy(np.getMetadata().getLabels(), NS, "shop")).isTrue();
      boolean sameNamespace = np.getMetadata().getNamespace().equals(NS);
      // P4: controller ownerReference only in the AppSegmentation's own namespace
      assertThat(np.getMetadata().getOwnerReferences()).hasSize(sameNamespace ? 1 : 0);
      if (sameNamespace) {
        assertThat(np.getMetadata().getOwnerReferences().get(0).getUid())
            .isEqualTo(seg.getMetadata().getUid());
        assertThat(np.getMetadata().getOwnerReferences().get(0).getController()).isTrue();
      }
    }
    var status = current().getStatus();
    assertThat(status.getPolicies()).isEqualTo(5);
    assertThat(status.getTiers()).isEqualTo(3);
    assertThat(status.getMode()).isEqualTo("Enforce");
    assertThat(status.getNamespaces()).containsExactlyInAnyOrder(NS, WEB_NS);
    assertThat(status.getGenerated()).hasSize(5);
    assertThat(condition("Stalled").getStatus()).isEqualTo(StatusFactory.FALSE);
    assertThat(condition("Reconciling").getStatus()).isEqualTo(StatusFactory.FALSE);
    assertThat(current().getMetadata().getFinalizers()).isNotEmpty();
    assertThat(events("Applied")).hasSize(1);
  }

  @Test
  void removingATierPrunesExactlyItsPolicy() {
    create(shop());
    awaitReady(Reason.Reconciled);
    Map<String, String> versions = resourceVersions();

    edit(
        s -> {
          s.getSpec().getTiers().removeIf(t -> t.getName().equals("db"));
          s.getSpec().getFlows().removeIf(f -> "db".equals(f.getTo().getTier()));
          return s;
        });
    awaitReady(Reason.Reconciled);

    assertThat(policyIds())
        .containsExactly(
            "shop-web/shop.default-deny.shop.ns",
            "shop-web/shop.web.shop.ns",
            "shop/shop.api",
            "shop/shop.default-deny");
    // only shop.api changed (it lost its egress to db); nothing else was rewritten
    Map<String, String> after = resourceVersions();
    versions.remove("shop/shop.db");
    versions.remove("shop/shop.api");
    after.remove("shop/shop.api");
    assertThat(after).isEqualTo(versions);
    assertThat(events("Pruned"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("shop/shop.db"));
  }

  @Test
  void deletingTheAppSegmentationRemovesItsPoliciesInEveryNamespace() {
    create(shop());
    awaitReady(Reason.Reconciled);

    client.resource(current()).delete();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(current()).isNull();
              assertThat(policies()).isEmpty();
            });
  }

  @Test
  void editedOrDeletedPoliciesAreRestoredAndCounted() {
    create(shop());
    awaitReady(Reason.Reconciled);
    NetworkPolicy original = policy(NS, "shop.api");

    client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(NS)
        .withName("shop.api")
        .edit(
            np ->
                new NetworkPolicyBuilder(np)
                    .editSpec()
                    .withPodSelector(
                        new LabelSelectorBuilder().addToMatchLabels("tier", "everything").build())
                    .endSpec()
                    .build());
    client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(WEB_NS)
        .withName("shop.default-deny.shop.ns")
        .delete();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(policy(NS, "shop.api").getSpec()).isEqualTo(original.getSpec());
              assertThat(policy(WEB_NS, "shop.default-deny.shop.ns")).isNotNull();
              assertThat(operator.metrics().driftCorrections()).isGreaterThanOrEqualTo(2);
              assertThat(events("DriftCorrected")).isNotEmpty();
            });
  }

  @Test
  void aForeignPolicyWithAGeneratedNameIsAConflictAndStaysUntouched() {
    NetworkPolicy foreign =
        client
            .resource(
                new NetworkPolicyBuilder()
                    .withNewMetadata()
                    .withNamespace(NS)
                    .withName("shop.api")
                    .addToLabels("team", "other")
                    .endMetadata()
                    .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .endSpec()
                    .build())
            .create();

    create(shop());
    awaitReady(Reason.Conflict);

    assertThat(condition("Stalled").getStatus()).isEqualTo(StatusFactory.TRUE);
    assertThat(condition("Ready").getMessage()).contains("shop/shop.api");
    assertThat(policy(NS, "shop.api").getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(policyIds()).containsExactly("shop/shop.api"); // nothing of the plan was written
    assertThat(events("Conflict")).hasSize(1);
    assertThat(operator.metrics().conflicts()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aMissingGrantWritesNothingAnywhereUntilTheGrantArrives() {
    namespace(WEB_NS, null); // revoke
    create(shop());
    awaitReady(Reason.NamespaceNotGranted);

    assertThat(condition("Stalled").getStatus()).isEqualTo(StatusFactory.TRUE);
    assertThat(condition("Ready").getMessage()).contains(WEB_NS);
    assertThat(policies()).isEmpty();
    assertThat(operator.metrics().writes("networkpolicies")).isZero();
    assertThat(events("NamespaceNotGranted")).hasSize(1);

    namespace(WEB_NS, NS); // the namespace event alone re-triggers the reconcile
    awaitReady(Reason.Reconciled);
    assertThat(policyIds()).containsExactlyElementsOf(SHOP_POLICIES);
  }

  @Test
  void anInvalidUpdateKeepsTheLastGoodPoliciesAndIsNotRetried() {
    create(shop());
    awaitReady(Reason.Reconciled);
    Map<String, String> versions = resourceVersions();

    edit(
        s -> {
          s.getSpec().getFlows().add(flow("api", "ghost"));
          return s;
        });
    awaitReady(Reason.InvalidSpec);

    assertThat(condition("Stalled").getStatus()).isEqualTo(StatusFactory.TRUE);
    assertThat(condition("Ready").getMessage()).contains("spec.flows[2].to").contains("ghost");
    assertThat(resourceVersions()).isEqualTo(versions);
    assertThat(current().getStatus().getPolicies()).isEqualTo(5); // still reports what is applied
    assertThat(events("InvalidSpec")).hasSize(1);
    double reconciles = operator.metrics().reconciles();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> operator.metrics().reconciles() == reconciles);
  }

  @Test
  void auditModeReportsThePlanAndWritesNoPolicy() {
    create(inMode(shop(), Mode.Audit));
    awaitReady(Reason.AuditOnly);

    var status = current().getStatus();
    assertThat(status.getMode()).isEqualTo("Audit");
    assertThat(status.getPolicies()).isEqualTo(5);
    assertThat(status.getGenerated())
        .extracting(g -> g.getNamespace() + "/" + g.getName())
        .containsExactlyInAnyOrderElementsOf(SHOP_POLICIES);
    assertThat(policies()).isEmpty();
    assertThat(operator.metrics().writes("networkpolicies")).isZero();
  }

  @Test
  void enforceThenAuditThenEnforceShowsTheLeftoversAndPrunesThemOnlyWhenEnforced() {
    create(shop());
    awaitReady(Reason.Reconciled);

    edit(
        seg -> {
          seg.getSpec().setMode(Mode.Audit);
          seg.getSpec().setTiers(new java.util.ArrayList<>(seg.getSpec().getTiers().subList(0, 2)));
          seg.getSpec().setFlows(new java.util.ArrayList<>(seg.getSpec().getFlows().subList(0, 1)));
          return seg;
        });
    awaitReady(Reason.AuditOnly);
    assertThat(condition("Ready").getMessage())
        .contains("Enforce would")
        .contains("prune 1 (shop/shop.db)")
        .contains("update 1 (shop/shop.api)");
    var audit = current().getStatus().getAudit();
    assertThat(audit.getPrune()).containsExactly("shop/shop.db");
    assertThat(audit.getUpdate()).containsExactly("shop/shop.api");
    assertThat(audit.getCreate()).isEmpty();
    assertThat(policies()).as("Audit writes and removes nothing").hasSize(5);

    edit(seg -> inMode(seg, Mode.Enforce));
    awaitReady(Reason.Reconciled);
    assertThat(policies()).hasSize(4);
    assertThat(current().getStatus().getAudit()).isNull();
  }

  @Test
  void aConvergedReconcileWritesNothing() {
    create(shop());
    awaitReady(Reason.Reconciled);

    triggerReconcile("1");
    double writes = operator.metrics().writes();
    triggerReconcile("2");
    triggerReconcile("3");

    assertThat(operator.metrics().writes()).isEqualTo(writes);
    assertThat(operator.metrics().writes("networkpolicies")).isEqualTo(5);
    assertThat(operator.metrics().writes("appsegmentations/status")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void servesMetricsAndProbes() throws Exception {
    create(shop());
    awaitReady(Reason.Reconciled);
    var http = java.net.http.HttpClient.newHttpClient();
    java.util.function.Function<String, java.net.http.HttpResponse<String>> get =
        path -> {
          try {
            return http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + operator.httpPort() + path))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };

    assertThat(get.apply("/healthz").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> get.apply("/readyz").statusCode() == 200);
    String metrics = get.apply("/metrics").body();
    assertThat(metrics)
        .contains("appseg_writes_total{kind=\"networkpolicies\",method=\"POST\"} 5.0")
        .contains("appseg_policies_managed 5.0")
        .contains("appseg_drift_corrections_total")
        .contains("operator_sdk_");
  }

  /**
   * A namespace label change maps to the AppSegmentation; waits until that reconcile has started.
   */
  private void triggerReconcile(String value) {
    double before = operator.metrics().reconciles();
    client
        .namespaces()
        .withName(WEB_NS)
        .edit(
            ns -> {
              ns.getMetadata().getLabels().put("touched", value);
              return ns;
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> operator.metrics().reconciles() > before);
  }
}
