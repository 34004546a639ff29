package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Labels;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --live}: the difference status.audit reports, for a reader with no operator: what
 * enforcing the file's spec would create, update and prune among the app's policies in the cluster
 * (proven its own by the live app's UID), and what it would refuse to touch.
 */
@EnableKubernetesMockClient(crud = true)
class PlanCommandTest {
  private static final String APPLIED =
      """
      apiVersion: appseg.io/v1alpha1
      kind: AppSegmentation
      metadata: {name: shop, namespace: shop}
      spec:
        tiers:
          - {name: web, podSelector: {matchLabels: {app: web}}, ports: [{port: 8080}]}
          - {name: api, podSelector: {matchLabels: {app: api}}, ports: [{port: 9090}]}
          - {name: db, podSelector: {matchLabels: {app: db}}, ports: [{port: 5432}]}
        flows:
          - {from: {tier: web}, to: {tier: api}}
          - {from: {tier: api}, to: {tier: db}}
      """;

  /** The applied spec without its db tier, in Audit mode. */
  private static final String EDITED =
      """
      apiVersion: appseg.io/v1alpha1
      kind: AppSegmentation
      metadata: {name: shop, namespace: shop}
      spec:
        mode: Audit
        tiers:
          - {name: web, podSelector: {matchLabels: {app: web}}, ports: [{port: 8080}]}
          - {name: api, podSelector: {matchLabels: {app: api}}, ports: [{port: 9090}]}
        flows:
          - {from: {tier: web}, to: {tier: api}}
      """;

  KubernetesClient client;

  @TempDir Path tmp;

  private Path kubeconfig;

  @BeforeEach
  void anAppEnforcedInTheCluster() throws Exception {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
        .create();
    AppSegmentation app = Serialization.unmarshal(APPLIED, AppSegmentation.class);
    client.resources(AppSegmentation.class).inNamespace("shop").resource(app).create();
    String uid =
        client
            .resources(AppSegmentation.class)
            .inNamespace("shop")
            .withName("shop")
            .get()
            .getMetadata()
            .getUid();
    app.getMetadata().setUid(uid);
    for (NetworkPolicy np : new Planner(PlanDefaults.STANDARD).plan(app).policies()) {
      // as the operator stamps them: its UID label, and its controller reference
      np.getMetadata().getLabels().put(Labels.SEGMENTATION_UID, uid);
      np.getMetadata()
          .setOwnerReferences(
              List.of(
                  new OwnerReferenceBuilder()
                      .withApiVersion(app.getApiVersion())
                      .withKind(app.getKind())
                      .withName("shop")
                      .withUid(uid)
                      .withController(true)
                      .withBlockOwnerDeletion(true)
                      .build()));
      client.network().v1().networkPolicies().resource(np).create();
    }
    kubeconfig = Cli.kubeconfig(tmp, client.getConfiguration());
  }

  private Cli.Result plan(String spec, String... more) throws Exception {
    Path file = Files.writeString(tmp.resolve("app.yaml"), spec);
    List<String> args =
        new ArrayList<>(
            List.of(
                "plan",
                "-f",
                file.toString(),
                "--live",
                "--kubeconfig",
                kubeconfig.toString(),
                "--context",
                "mock"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void theAppliedSpecChangesNothing() throws Exception {
    Cli.Result r = plan(APPLIED);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("shop/shop (Enforce): Enforce would change nothing\n");
  }

  @Test
  void anEditedSpecListsWhatEnforcingWouldWriteAndWhichDeclaredConnectionsItWouldCut()
      throws Exception {
    Cli.Result r = plan(EDITED);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.out().lines())
        .as(r.toString())
        .startsWith(
            "shop/shop (Audit): Enforce would create 0, update 1, prune 1; 0 conflicts; 0 declared"
                + " connections change",
            "  update shop/shop.api",
            "  prune shop/shop.db");
    Cli.assertNoStackTrace(r);
  }

  @Test
  void jsonCarriesTheFieldsOfStatusAudit() throws Exception {
    Cli.Result r = plan(EDITED, "-o", "json");

    JsonNode app = JsonMapper.builder().build().readTree(r.out()).get(0);
    assertThat(app.get("update")).as(r.toString()).hasSize(1);
    assertThat(app.get("update").get(0).asText()).isEqualTo("shop/shop.api");
    assertThat(app.get("prune").get(0).asText()).isEqualTo("shop/shop.db");
    assertThat(app.get("create")).isEmpty();
    assertThat(app.get("conflicts")).isEmpty();
    assertThat(app.get("notGranted")).isEmpty();
    assertThat(app.get("mode").asText()).isEqualTo("Audit");
  }

  @Test
  void aFlowTheEditAddsIsADeclaredConnectionEnforcingWouldOpen() throws Exception {
    String webToDb =
        APPLIED.replace(
            "    - {from: {tier: api}, to: {tier: db}}\n",
            "    - {from: {tier: api}, to: {tier: db}}\n    - {from: {tier: web}, to: {tier: db}}\n");

    Cli.Result r = plan(webToDb);

    assertThat(r.out().lines())
        .as(r.toString())
        .contains("  update shop/shop.web", "  update shop/shop.db")
        .anyMatch(
            l ->
                l.startsWith("  denied -> allowed: shop/")
                    && l.endsWith(":5432/TCP (spec.flows[2])"));
    assertThat(r.exitCode()).isEqualTo(3);
  }

  @Test
  void aForeignPolicyHoldingAGeneratedNameIsAConflictNotAnUpdate() throws Exception {
    client.network().v1().networkPolicies().inNamespace("shop").withName("shop.web").delete();
    client
        .network()
        .v1()
        .networkPolicies()
        .resource(
            new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName("shop.web")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .endPodSelector()
                .endSpec()
                .build())
        .create();

    Cli.Result r = plan(APPLIED);

    assertThat(r.out()).as(r.toString()).contains("  conflict shop/shop.web");
    assertThat(r.exitCode()).isEqualTo(3);
  }

  @Test
  void anAppNotInTheClusterOwnsNothingThere() throws Exception {
    Cli.Result r = plan(APPLIED.replace("name: shop, namespace", "name: shop2, namespace"));

    assertThat(r.out().lines().findFirst())
        .as(r.toString())
        .hasValue(
            "shop/shop2 (Enforce): Enforce would create 4, update 0, prune 0; 0 conflicts; 0"
                + " declared connections change");
  }

  @Test
  void aTierInANamespaceThatGrantsNothingWritesNothing() throws Exception {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("other").endMetadata().build())
        .create();
    String elsewhere = EDITED.replace("{name: api, ", "{name: api, namespace: other, ");

    Cli.Result r = plan(elsewhere);

    assertThat(r.out().lines())
        .as(r.toString())
        .containsExactly(
            "shop/shop (Audit): Enforce would write nothing: not every tier namespace grants shop",
            "  not granted other");
    assertThat(r.exitCode()).isEqualTo(3);
  }
}
