package io.appseg.operator;

import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.operator.config.OperatorConfig;
import io.appseg.operator.status.Reason;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Labels;
import io.appseg.plan.Planner;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the real operator against the fabric8 mock server (CRUD mode, bound to 127.0.0.1).
 *
 * <p>This tier does NOT exercise server-side apply: the mock server answers SSA patches with 415,
 * so the operator runs with {@code APPSEG_SERVER_SIDE_APPLY=false} (plain create/update for
 * policies, JSON patch for status, both JOSDK SSA switches off) and without leader election. The
 * real-API-server tier (package io.appseg.it) runs the same scenarios with SSA on.
 */
@EnableKubernetesMockClient(crud = true)
abstract class OperatorMockServerTestBase {
  static final String NS = "shop";
  static final String WEB_NS = "shop-web";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  KubernetesMockServer server;
  KubernetesClient client;
  AppsegOperator operator;

  @BeforeEach
  void startOperator() throws Exception {
    try (var crd =
        new FileInputStream(
            Path.of("target/classes/META-INF/fabric8", CrdConstants.CRD_FILE).toFile())) {
      client.load(crd).create();
    }
    namespace(NS, null);
    namespace(WEB_NS, NS);
    beforeOperatorStarts();
    OperatorConfig config = OperatorConfig.fromEnv(env());
    operator =
        AppsegOperator.create(
            client.getConfiguration(),
            config,
            planner(new Planner(config.planDefaults())),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            CLOCK);
    operator.start();
  }

  /** The operator's environment; a subclass may add to it (e.g. a flow source). */
  Map<String, String> env() {
    return Map.of(
        "APPSEG_LEADER_ELECTION", "false",
        "APPSEG_SERVER_SIDE_APPLY", "false",
        "APPSEG_METRICS_PORT", "0");
  }

  /**
   * What a subclass needs in place before the operator's discovery at start (e.g. a CRD); nothing
   * by default.
   */
  void beforeOperatorStarts() {}

  /**
   * The planner the operator uses; a subclass may wrap the standard one (e.g. to break its output).
   */
  PlanFunction planner(Planner standard) {
    return standard::plan;
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  /**
   * Namespace {@code name}, granting {@code grantedTo} (none when null) and accepting its
   * namespace-wide default-deny, so the plans here are those of the single-namespace rules.
   */
  void namespace(String name, String grantedTo) {
    var meta = new ObjectMetaBuilder().withName(name).addToLabels(Labels.NAMESPACE_NAME, name);
    if (grantedTo != null) {
      meta.addToAnnotations(Labels.GRANT_ANNOTATION, grantedTo);
      meta.addToAnnotations(Labels.NAMESPACE_DENY_ANNOTATION, grantedTo);
    }
    client
        .resource(new NamespaceBuilder().withMetadata(meta.build()).build())
        .createOr(u -> u.update());
  }

  /** shop/shop: tiers web (in shop-web), api and db (in shop); web -> api -> db. */
  static AppSegmentation shop() {
    AppSegmentation seg = new AppSegmentation();
    seg.setMetadata(new ObjectMetaBuilder().withName("shop").withNamespace(NS).build());
    AppSegmentationSpec spec = new AppSegmentationSpec();
    spec.setTiers(
        new java.util.ArrayList<>(
            List.of(tier("web", WEB_NS), tier("api", null), tier("db", null))));
    spec.setFlows(new java.util.ArrayList<>(List.of(flow("web", "api"), flow("api", "db"))));
    seg.setSpec(spec);
    return seg;
  }

  static Tier tier(String name, String namespace) {
    Tier t = new Tier();
    t.setName(name);
    t.setNamespace(namespace);
    t.setPodSelector(new LabelSelectorBuilder().addToMatchLabels("tier", name).build());
    return t;
  }

  static Flow flow(String from, String to) {
    return new Flow(Endpoint.tier(from), Endpoint.tier(to), null);
  }

  static AppSegmentation inMode(AppSegmentation seg, Mode mode) {
    seg.getSpec().setMode(mode);
    return seg;
  }

  AppSegmentation create(AppSegmentation seg) {
    return client.resource(seg).create();
  }

  AppSegmentation edit(UnaryOperator<AppSegmentation> change) {
    return edit(NS, "shop", change);
  }

  AppSegmentation edit(String namespace, String name, UnaryOperator<AppSegmentation> change) {
    return client
        .resources(AppSegmentation.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(change);
  }

  AppSegmentation current() {
    return current(NS, "shop");
  }

  AppSegmentation current(String namespace, String name) {
    return client.resources(AppSegmentation.class).inNamespace(namespace).withName(name).get();
  }

  Condition condition(String type) {
    AppSegmentation seg = current();
    return seg == null ? null : StatusFactory.find(seg.getStatus(), type);
  }

  /**
   * Waits for the status of the current generation to carry this Ready reason, with the Ready
   * status it fixes.
   */
  void awaitReady(Reason reason) {
    awaitReady(NS, "shop", reason);
  }

  void awaitReady(String namespace, String name, Reason reason) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              AppSegmentation seg = current(namespace, name);
              org.assertj.core.api.Assertions.assertThat(seg.getStatus()).isNotNull();
              Condition ready = StatusFactory.find(seg.getStatus(), StatusFactory.READY);
              org.assertj.core.api.Assertions.assertThat(seg.getStatus().getObservedGeneration())
                  .isEqualTo(seg.getMetadata().getGeneration());
              org.assertj.core.api.Assertions.assertThat(
                      ready.getStatus() + "/" + ready.getReason())
                  .isEqualTo(StatusFactory.status(reason.ready()) + "/" + reason);
            });
  }

  List<NetworkPolicy> policies() {
    return client.network().v1().networkPolicies().inAnyNamespace().list().getItems();
  }

  NetworkPolicy policy(String namespace, String name) {
    return client.network().v1().networkPolicies().inNamespace(namespace).withName(name).get();
  }

  List<String> policyIds() {
    return policies().stream()
        .map(np -> np.getMetadata().getNamespace() + "/" + np.getMetadata().getName())
        .sorted()
        .toList();
  }

  /** Resource versions by namespace/name: equal before and after means nothing was written. */
  Map<String, String> resourceVersions() {
    return policies().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                np -> np.getMetadata().getNamespace() + "/" + np.getMetadata().getName(),
                np -> np.getMetadata().getResourceVersion(),
                (a, b) -> a,
                java.util.TreeMap::new));
  }

  List<Event> events(String reason) {
    return events(NS, reason);
  }

  List<Event> events(String namespace, String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  static final List<String> SHOP_POLICIES =
      List.of(
          "shop-web/shop.default-deny.shop.ns",
          "shop-web/shop.web.shop.ns",
          "shop/shop.api",
          "shop/shop.db",
          "shop/shop.default-deny");
}
