package io.appseg.operator;

import io.appseg.operator.apply.PolicyApply;
import io.appseg.operator.config.OperatorConfig;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.health.ProbeServer;
import io.appseg.operator.health.ProbeServer.Health;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.operator.metrics.WriteCountingInterceptor;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Labels;
import io.appseg.plan.Planner;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.PlanVerifier;
import io.appseg.verify.VerifiedPlans;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root: builds every collaborator by hand and owns their lifecycle. Tests and the
 * real-API-server ITs construct it with {@link #create(Config, OperatorConfig, PlanFunction,
 * PrometheusMeterRegistry, Clock)}; the {@code appseg operator} command uses the same method with
 * the kubeconfig's Config.
 */
public final class AppsegOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppsegOperator.class);
  private final KubernetesClient client;
  private final OperatorConfig config;
  private final OperatorMetrics metrics;
  private final Operator operator;
  private final ProbeServer http;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();

  private AppsegOperator(
      KubernetesClient client,
      OperatorConfig config,
      PlanFunction planner,
      PrometheusMeterRegistry registry,
      Clock clock) {
    this.client = client;
    this.config = config;
    this.metrics = new OperatorMetrics(registry);
    this.operator = new Operator(this::configure);
    EventRecorder events = EventRecorder.of(client, clock, config.identity());
    PolicyApply policies = PolicyApply.of(client, config.serverSideApply(), events, metrics);
    NamespaceInformer namespaces = new NamespaceInformer();
    ContextCheck check = new ContextCheck(config.planDefaults());
    var reconciler =
        new AppSegmentationReconciler(
            planner,
            new VerifiedPlans(new PlanVerifier(config.planDefaults())),
            check,
            new InformerContext(client, policies, namespaces, check),
            namespaces,
            policies,
            new StatusFactory(clock),
            events,
            metrics,
            config.serverSideApply());
    operator.register(
        reconciler,
        c -> {
          c.withFieldManager(Labels.MANAGER);
          if (config.watchNamespaces().isEmpty()) {
            c.watchingAllNamespaces();
          } else {
            c.settingNamespaces(config.watchNamespaces());
          }
        });
    this.http = probeServer(registry);
  }

  /** The operator with the standard planner and the configured cluster defaults. */
  public static AppsegOperator create(
      Config kube, OperatorConfig config, PrometheusMeterRegistry registry, Clock clock) {
    return create(kube, config, new Planner(config.planDefaults())::plan, registry, clock);
  }

  /**
   * The operator on its own client (built from {@code kube}, with the write counter), closed on
   * {@link #close}.
   */
  public static AppsegOperator create(
      Config kube,
      OperatorConfig config,
      PlanFunction planner,
      PrometheusMeterRegistry registry,
      Clock clock) {
    return new AppsegOperator(instrumentedClient(kube, registry), config, planner, registry, clock);
  }

  /** A client that counts its write requests in {@code appseg.writes}. */
  public static KubernetesClient instrumentedClient(Config kube, PrometheusMeterRegistry registry) {
    return new KubernetesClientBuilder()
        .withConfig(kube)
        .withHttpClientBuilderConsumer(
            b ->
                b.addOrReplaceInterceptor(
                    WriteCountingInterceptor.NAME, new WriteCountingInterceptor(registry)))
        .build();
  }

  public void start() {
    http.start();
    operator.start();
  }

  @Override
  public void close() {
    closing.set(true);
    try {
      operator.stop();
    } finally {
      http.close();
      client.close();
    }
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  public int httpPort() {
    return http.port();
  }

  private void configure(ConfigurationServiceOverrider o) {
    // Server-side apply everywhere in production; both switches off for API servers without SSA
    // (mock server).
    o.withKubernetesClient(client)
        .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics.registry()))
        .withUseSSAToPatchPrimaryResource(config.serverSideApply())
        .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
        .withCloseClientOnStop(false)
        .withReconciliationTerminationTimeout(Duration.ofSeconds(10));
    if (config.leaderElection()) {
      o.withLeaderElectionConfiguration(
          new LeaderElectionConfiguration(
              config.leaseName(),
              config.leaseNamespace(),
              LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
              LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
              LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
              config.identity(),
              new LeaderCallbacks(() -> leading.set(true), this::stoppedLeading, leader -> {}),
              false));
    }
  }

  /**
   * A replica that lost its Lease must stop reconciling at once: it exits and Kubernetes restarts
   * it as a standby. JOSDK's own exit-on-stop-leading would also fire on a deliberate {@link
   * #close()} (releasing the Lease), killing an embedding JVM such as the test runner, so the exit
   * is decided here.
   */
  private void stoppedLeading() {
    leading.set(false);
    if (!closing.get()) {
      LOG.error(
          "lost the leader election Lease {}/{}; exiting",
          config.leaseNamespace(),
          config.leaseName());
      System.exit(1);
    }
  }

  private ProbeServer probeServer(PrometheusMeterRegistry registry) {
    try {
      return new ProbeServer(config.httpPort(), registry::scrape, this::liveness, this::readiness);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + config.httpPort(), e);
    }
  }

  private Health liveness() {
    return new Health(
        operator.getRuntimeInfo().isStarted(),
        operator.getRuntimeInfo().isStarted() ? "ok" : "starting");
  }

  /**
   * A standby replica is ready (it can take over); the leader is ready once all its informers are
   * healthy.
   */
  private Health readiness() {
    RuntimeInfo info = operator.getRuntimeInfo();
    if (!info.isStarted()) {
      return new Health(false, "starting");
    }
    if (config.leaderElection() && !leading.get()) {
      return new Health(true, "standby");
    }
    return info.allEventSourcesAreHealthy()
        ? new Health(true, "ok")
        : new Health(false, "unhealthy event sources: " + info.unhealthyEventSources().keySet());
  }
}
