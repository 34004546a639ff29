package io.appseg.it;

import static io.appseg.it.RunningOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AuditFlip;
import io.appseg.api.v1alpha1.AuditPreview;
import io.appseg.api.v1alpha1.DefaultDeny;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.api.v1alpha1.Scope;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Safe transitions on a real API server (P12): a plan that admission refuses writes nothing at all,
 * and the server sees allows before the default-deny when a plan arrives and the default-deny go
 * first when it leaves, also when an existing plan is tightened or loosened; Audit lists what
 * Enforce would change, leftovers included.
 */
class SafeTransitionsIT extends KubeIT {
  private static final Map<String, String> ENV = Map.of("APPSEG_LEADER_ELECTION", "false");

  @Test
  void aPlanAValidatingAdmissionPolicyRefusesWritesNothing() {
    String ns = kube.createUniqueNamespace("refused");
    List<HasMetadata> policy = refuseDatabasePolicies(ns);
    try (RunningOperator op = RunningOperator.start(client, client.getConfiguration(), ENV)) {
      op.create(AppSegmentations.shop(ns, ns));
      AppSegmentation seg = op.awaitReady(ns, "shop", "False", "ApplyRejected");
      assertThat(op.condition(ns, "shop", "Ready").getMessage())
          .contains(ns + "/shop.db")
          .contains("database policies need a review");
      assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems())
          .as("nothing of the plan, not even the allows the server would have taken")
          .isEmpty();
      assertThat(op.writes("networkpolicies")).isZero();
      assertThat(seg.getStatus()).isNotNull();
      removeBeforeTheServerTakesIt(op, ns);
    } finally {
      policy.forEach(o -> client.resource(o).delete());
    }
  }

  /**
   * A refused app left behind would be written by the next test's operator once the admission
   * policy goes, and counted among its writes.
   */
  private static void removeBeforeTheServerTakesIt(RunningOperator op, String ns) {
    client.resources(AppSegmentation.class).inNamespace(ns).withName("shop").delete();
    await("the refused app is gone")
        .atMost(TIMEOUT)
        .until(() -> op.get(ns, "shop") == null && op.policiesOf(ns, "shop").isEmpty());
  }

  @Test
  void anUpdateTheServerRefusesLeavesEveryPolicyByteIdentical() {
    String ns = kube.createUniqueNamespace("refused-update");
    try (RunningOperator op = RunningOperator.start(client, client.getConfiguration(), ENV)) {
      AppSegmentation webAndApi = AppSegmentations.shop(ns, ns);
      webAndApi.getSpec().setTiers(new ArrayList<>(webAndApi.getSpec().getTiers().subList(0, 2)));
      webAndApi.getSpec().setFlows(new ArrayList<>(webAndApi.getSpec().getFlows().subList(0, 1)));
      op.create(webAndApi);
      op.awaitReady(ns, "shop", "True", "Reconciled");
      Map<String, NetworkPolicy> before = op.policiesOf(ns, "shop");
      List<HasMetadata> policy = refuseDatabasePolicies(ns);
      try {
        // adds the db tier (refused) and api's egress to it (an update the server would take)
        op.edit(
            ns,
            "shop",
            app -> {
              app.setSpec(AppSegmentations.shop(ns, ns).getSpec());
              return app;
            });
        op.awaitReady(ns, "shop", "False", "ApplyRejected");
        assertThat(op.policiesOf(ns, "shop"))
            .as("every object as it was, resourceVersion and managedFields included")
            .isEqualTo(before);
      } finally {
        removeBeforeTheServerTakesIt(op, ns);
        policy.forEach(o -> client.resource(o).delete());
      }
    }
  }

  @Test
  void allowsArriveBeforeTheDefaultDenyWhichLeavesFirst() {
    String ns = kube.createUniqueNamespace("order");
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    try (Watch watch =
            client.network().v1().networkPolicies().inNamespace(ns).watch(recorder(seen));
        RunningOperator op = RunningOperator.start(client, client.getConfiguration(), ENV)) {
      op.create(AppSegmentations.shop(ns, ns));
      op.awaitReady(ns, "shop", "True", "Reconciled");
      await().atMost(TIMEOUT).until(() -> seen.size() >= 4);
      // The allows are one ordering step, sent together: their order among themselves is free.
      assertThat(seen.subList(0, 3))
          .as("created: every allow first")
          .containsExactlyInAnyOrder("ADDED shop.web", "ADDED shop.api", "ADDED shop.db");
      assertThat(seen.subList(3, seen.size()))
          .as("then the default-deny")
          .containsExactly("ADDED shop.default-deny");

      seen.clear();
      op.edit(
          ns,
          "shop",
          app -> {
            DefaultDeny off = new DefaultDeny();
            off.setIngress(false);
            off.setEgress(false);
            app.getSpec().setDefaultDeny(off);
            app.getSpec().setTiers(new ArrayList<>(app.getSpec().getTiers().subList(0, 2)));
            app.getSpec().setFlows(new ArrayList<>(app.getSpec().getFlows().subList(0, 1)));
            return app;
          });
      // Without a default-deny nothing is isolated, so no allow is needed either; db left the plan
      // anyway.
      await()
          .atMost(TIMEOUT)
          .until(() -> seen.stream().filter(e -> e.startsWith("DELETED")).count() >= 4);
      List<String> deleted = seen.stream().filter(e -> e.startsWith("DELETED")).toList();
      assertThat(deleted.get(0))
          .as("pruned: the default-deny first")
          .isEqualTo("DELETED shop.default-deny");
      assertThat(deleted.subList(1, 4))
          .as("then the allows it made necessary")
          .containsExactlyInAnyOrder("DELETED shop.web", "DELETED shop.api", "DELETED shop.db");
    }
  }

  @Test
  void tighteningUpdatesTheAllowsBeforeTheDefaultDenyAndLooseningRemovesItFirst() {
    String ns = kube.createUniqueNamespace("tighten");
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    try (Watch watch =
            client.network().v1().networkPolicies().inNamespace(ns).watch(everyWrite(seen));
        RunningOperator op = RunningOperator.start(client, client.getConfiguration(), ENV)) {
      AppSegmentation tiersOnly = AppSegmentations.shop(ns, ns);
      tiersOnly.getSpec().setDefaultDeny(scope(Scope.Tiers));
      op.create(tiersOnly);
      op.awaitReady(ns, "shop", "True", "Reconciled");
      await().atMost(TIMEOUT).until(() -> seen.size() >= 3);

      seen.clear();
      op.edit(ns, "shop", app -> withDatabaseFromWeb(app, Scope.Namespace));
      await().atMost(TIMEOUT).until(() -> seen.contains("ADDED shop.default-deny"));
      op.awaitReady(ns, "shop", "True", "Reconciled");
      assertThat(seen)
          .as("tightened: the allows the new flow needs, updated in place, then the default-deny")
          .containsExactlyInAnyOrder(
              "MODIFIED shop.web", "MODIFIED shop.db", "ADDED shop.default-deny");
      assertThat(seen.get(2)).isEqualTo("ADDED shop.default-deny");

      seen.clear();
      op.edit(
          ns,
          "shop",
          app -> {
            app.getSpec().setDefaultDeny(scope(Scope.Tiers));
            app.getSpec().setFlows(new ArrayList<>(app.getSpec().getFlows().subList(0, 2)));
            return app;
          });
      await().atMost(TIMEOUT).until(() -> seen.size() >= 3);
      assertThat(seen.get(0))
          .as("loosened: the default-deny leaves first")
          .isEqualTo("DELETED shop.default-deny");
      assertThat(seen.subList(1, 3))
          .as("then the allows are narrowed, in place")
          .containsExactlyInAnyOrder("MODIFIED shop.web", "MODIFIED shop.db");
    }
  }

  @Test
  void enforceAuditEnforceListsTheLeftoversInStatusAndPrunesThemOnlyWhenEnforced()
      throws Exception {
    String ns = kube.createUniqueNamespace("roundtrip");
    try (RunningOperator op = RunningOperator.start(client, client.getConfiguration(), ENV)) {
      op.create(AppSegmentations.shop(ns, ns));
      op.awaitReady(ns, "shop", "True", "Reconciled");
      Map<String, String> enforced = op.resourceVersions(ns, "shop");

      op.edit(
          ns,
          "shop",
          app -> {
            app.getSpec().setMode(Mode.Audit);
            app.getSpec().setTiers(new ArrayList<>(app.getSpec().getTiers().subList(0, 2)));
            app.getSpec().setFlows(new ArrayList<>(app.getSpec().getFlows().subList(0, 1)));
            return app;
          });
      AuditPreview audit = op.awaitReady(ns, "shop", "True", "AuditOnly").getStatus().getAudit();
      assertThat(audit.getPrune()).as("a leftover of Enforce").containsExactly(ns + "/shop.db");
      assertThat(audit.getUpdate()).containsExactly(ns + "/shop.api");
      assertThat(audit.getCreate()).isEmpty();
      assertThat(audit.getConflicts()).isEmpty();
      assertThat(op.resourceVersions(ns, "shop")).as("Audit writes nothing").isEqualTo(enforced);
      assertThat(
              planLive(
                  client.resources(AppSegmentation.class).inNamespace(ns).withName("shop").get()))
          .as("appseg plan --live reports what status.audit reports")
          .isEqualTo(
              List.of(
                  audit.getCreate(),
                  audit.getUpdate(),
                  audit.getPrune(),
                  audit.getConflicts(),
                  audit.getFlips().stream().map(AuditFlip::getConnection).toList()));

      op.edit(
          ns,
          "shop",
          app -> {
            app.getSpec().setMode(Mode.Enforce);
            return app;
          });
      AppSegmentation back = op.awaitReady(ns, "shop", "True", "Reconciled");
      assertThat(back.getStatus().getAudit()).as("only Audit reports it").isNull();
      assertThat(op.policiesOf(ns, "shop").keySet())
          .containsExactly(ns + "/shop.api", ns + "/shop.default-deny", ns + "/shop.web");
    }
  }

  /**
   * {@code appseg plan -f <app> --live -o json} run as a user runs it, against this API server: its
   * create, update, prune, conflict and flip lists.
   */
  private static List<List<String>> planLive(AppSegmentation app) throws Exception {
    Path dir = Files.createTempDirectory(ProjectFiles.root().resolve("target"), "plan-");
    Path spec = Files.writeString(dir.resolve("app.yaml"), Serialization.asYaml(app));
    Process p =
        new ProcessBuilder(
                ProjectFiles.root().resolve("target/appseg").toString(),
                "plan",
                "-f",
                spec.toString(),
                "--live",
                "--kubeconfig",
                kube.kubeconfigFile().toString(),
                "-o",
                "json")
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile())
            .start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("err"))).isEqualTo(3);
    JsonNode plan = JsonMapper.builder().build().readTree(dir.resolve("out").toFile()).get(0);
    List<List<String>> lists = new ArrayList<>();
    for (String field : List.of("create", "update", "prune", "conflicts")) {
      List<String> names = new ArrayList<>();
      plan.get(field).forEach(n -> names.add(n.asText()));
      lists.add(names);
    }
    List<String> flips = new ArrayList<>();
    plan.get("flips").forEach(f -> flips.add(f.get("connection").asText()));
    lists.add(flips);
    return lists;
  }

  private static DefaultDeny scope(Scope scope) {
    DefaultDeny deny = new DefaultDeny();
    deny.setScope(scope);
    return deny;
  }

  private static AppSegmentation withDatabaseFromWeb(AppSegmentation app, Scope scope) {
    app.getSpec().setDefaultDeny(scope(scope));
    List<Flow> flows = new ArrayList<>(app.getSpec().getFlows());
    flows.add(AppSegmentations.flow("web", "db"));
    app.getSpec().setFlows(flows);
    return app;
  }

  @Test
  void aConnectionLostInTheMiddleOfATwentyPolicyPlanConvergesWithNoOrphanAndNoDuplicate()
      throws Exception {
    String ns = kube.createUniqueNamespace("dropped");
    String[] tiers = IntStream.range(0, 19).mapToObj(i -> "t" + i).toArray(String[]::new);
    AppSegmentation app = AppSegmentations.withTiers(ns, "big", tiers);
    app.getSpec()
        .setFlows(
            IntStream.range(1, 19)
                .mapToObj(i -> AppSegmentations.flow("t" + (i - 1), "t" + i))
                .toList());
    URI server = URI.create(client.getConfiguration().getMasterUrl());
    try (DroppingProxy proxy = new DroppingProxy(server.getHost(), server.getPort())) {
      Config throughProxy =
          new ConfigBuilder(client.getConfiguration())
              .withMasterUrl("https://127.0.0.1:" + proxy.port())
              .build();
      List<String> seen = Collections.synchronizedList(new ArrayList<>());
      try (Watch watch =
              client.network().v1().networkPolicies().inNamespace(ns).watch(recorder(seen));
          RunningOperator op = RunningOperator.start(client, throughProxy, ENV)) {
        op.create(app);
        await("half of the plan written").atMost(TIMEOUT).until(() -> seen.size() >= 10);
        proxy.dropAll();
        op.awaitReady(ns, "big", "True", "Reconciled");
        assertThat(op.policiesOf(ns, "big")).hasSize(20);
        assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems())
            .as("nothing else in the namespace")
            .hasSize(20);
        assertThat(seen.stream().filter(e -> e.startsWith("ADDED")).distinct().count())
            .as("each created once")
            .isEqualTo(seen.stream().filter(e -> e.startsWith("ADDED")).count());
        assertThat(seen).noneMatch(e -> e.startsWith("DELETED"));
      }
    }
  }

  /**
   * A ValidatingAdmissionPolicy (GA since 1.30) refusing NetworkPolicies named *.db in {@code ns},
   * in force.
   */
  private static List<HasMetadata> refuseDatabasePolicies(String ns) {
    List<HasMetadata> objects =
        client
            .load(
                new ByteArrayInputStream(
                    ("""
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: no-db-%1$s}
        spec:
          failurePolicy: Fail
          matchConstraints:
            resourceRules:
              - {apiGroups: [networking.k8s.io], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [networkpolicies]}
          validations:
            - {expression: "!object.metadata.name.endsWith('.db')", message: database policies need a review}
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: no-db-%1$s}
        spec:
          policyName: no-db-%1$s
          validationActions: [Deny]
          matchResources: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: %1$s}}}
        """)
                        .formatted(ns)
                        .getBytes(StandardCharsets.UTF_8)))
            .items();
    objects.forEach(o -> client.resource(o).create());
    NetworkPolicy probe =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName("probe.db")
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .endPodSelector()
            .endSpec()
            .build();
    await("the admission policy is in force")
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              try {
                client.resource(probe).dryRun().create();
                throw new AssertionError("not refused yet");
              } catch (KubernetesClientException e) {
                assertThat(e.getMessage()).contains("database policies need a review");
              }
            });
    return objects;
  }

  /** Every write the server reports, MODIFIED included: the order of a transition. */
  private static Watcher<NetworkPolicy> everyWrite(List<String> seen) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, NetworkPolicy np) {
        seen.add(action + " " + np.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  /** Creations and deletions, in the order the server reports them. */
  static Watcher<NetworkPolicy> recorder(List<String> seen) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, NetworkPolicy np) {
        if (action != Action.MODIFIED) {
          seen.add(action + " " + np.getMetadata().getName());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
