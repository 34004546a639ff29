package io.appseg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.AppsegOperator;
import io.appseg.operator.config.ConfigException;
import io.appseg.operator.config.OperatorConfig;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The real operator in-process against a real control plane, plus what tests read back as admin.
 * The operator gets its own client from {@code operatorConfig} (admin's, or a ServiceAccount's for
 * RBAC tests).
 */
public final class RunningOperator implements AutoCloseable {

  /** Generous: the machine is shared, and 1.20's watch latency adds up over a few round trips. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final KubernetesClient admin;
  private final AppsegOperator operator;

  private RunningOperator(KubernetesClient admin, AppsegOperator operator) {
    this.admin = admin;
    this.operator = operator;
  }

  /** Starts the operator with the production defaults plus {@code env} (metrics on a free port). */
  public static RunningOperator start(
      KubernetesClient admin, Config operatorConfig, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(Map.of("APPSEG_METRICS_PORT", "0"));
    all.putAll(env);
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnv(all);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("bad test configuration " + all, e);
    }
    AppsegOperator op =
        AppsegOperator.create(
            operatorConfig,
            config,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            Clock.systemUTC());
    try {
      op.start();
    } catch (RuntimeException e) {
      op.close();
      throw e;
    }
    return new RunningOperator(admin, op);
  }

  public AppsegOperator operator() {
    return operator;
  }

  public double writes(String kind) {
    return operator.metrics().writes(kind);
  }

  public AppSegmentation create(AppSegmentation seg) {
    return AppSegmentations.typed(admin).resource(seg).create();
  }

  public AppSegmentation get(String namespace, String name) {
    return AppSegmentations.typed(admin).inNamespace(namespace).withName(name).get();
  }

  /**
   * Edits as {@code kubectl edit} does: read, change, write with that resourceVersion. The operator
   * writes the same object (finalizer, status) whenever it reconciles, so a 409 is the user's cue
   * to read again and repeat the change, never a failure of the product.
   */
  public AppSegmentation edit(
      String namespace, String name, UnaryOperator<AppSegmentation> change) {
    AtomicReference<AppSegmentation> edited = new AtomicReference<>();
    await("edit " + namespace + "/" + name)
        .atMost(TIMEOUT)
        .ignoreExceptionsMatching(RunningOperator::isConflict)
        .until(
            () -> {
              edited.set(
                  AppSegmentations.typed(admin).inNamespace(namespace).withName(name).edit(change));
              return true;
            });
    return edited.get();
  }

  private static boolean isConflict(Throwable e) {
    return e instanceof KubernetesClientException k
        && k.getCode() == HttpURLConnection.HTTP_CONFLICT;
  }

  public Condition condition(String namespace, String name, String type) {
    AppSegmentation seg = get(namespace, name);
    return seg == null ? null : StatusFactory.find(seg.getStatus(), type);
  }

  /** Waits until the status describes the current generation with this Ready status and reason. */
  public AppSegmentation awaitReady(String namespace, String name, String ready, String reason) {
    await(namespace + "/" + name + " Ready=" + ready + "/" + reason)
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              AppSegmentation seg = get(namespace, name);
              assertThat(seg).isNotNull();
              assertThat(seg.getStatus()).isNotNull();
              assertThat(seg.getStatus().getObservedGeneration())
                  .isEqualTo(seg.getMetadata().getGeneration());
              Condition c = StatusFactory.find(seg.getStatus(), StatusFactory.READY);
              assertThat(c.getStatus() + "/" + c.getReason())
                  .as(c.getMessage())
                  .isEqualTo(ready + "/" + reason);
            });
    return get(namespace, name);
  }

  /**
   * The policies carrying this AppSegmentation's owner labels, in every namespace, as "ns/name" in
   * order.
   */
  public Map<String, NetworkPolicy> policiesOf(String namespace, String name) {
    return admin
        .network()
        .v1()
        .networkPolicies()
        .inAnyNamespace()
        .withLabels(
            Map.of(
                Labels.MANAGED_BY,
                Labels.MANAGER,
                Labels.SEGMENTATION,
                name,
                Labels.SEGMENTATION_NAMESPACE,
                namespace))
        .list()
        .getItems()
        .stream()
        .collect(Collectors.toMap(RunningOperator::id, np -> np, (a, b) -> a, TreeMap::new));
  }

  public Map<String, String> resourceVersions(String namespace, String name) {
    return policiesOf(namespace, name).entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> e.getValue().getMetadata().getResourceVersion(),
                (a, b) -> a,
                TreeMap::new));
  }

  public NetworkPolicy policy(String namespace, String name) {
    return admin.network().v1().networkPolicies().inNamespace(namespace).withName(name).get();
  }

  public List<Event> events(String namespace, String involvedName, String reason) {
    return admin.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(
            e ->
                reason.equals(e.getReason())
                    && involvedName.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /**
   * Changes a label of a namespace the AppSegmentation uses (the namespace informer maps that to
   * it) and waits until a reconcile has run.
   */
  public void touchNamespace(String namespace, String value) {
    double before = operator.metrics().reconciles();
    admin
        .namespaces()
        .withName(namespace)
        .edit(
            ns -> {
              ns.getMetadata().getLabels().put("appseg-it/touched", value);
              return ns;
            });
    await("reconcile after touching " + namespace)
        .atMost(TIMEOUT)
        .until(() -> operator.metrics().reconciles() > before);
  }

  public static String id(NetworkPolicy np) {
    return np.getMetadata().getNamespace() + "/" + np.getMetadata().getName();
  }

  @Override
  public void close() {
    operator.close();
  }
}
