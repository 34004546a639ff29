package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.apply.OrphanCollector;
import io.appseg.operator.apply.OwnerScope;
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
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
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

  /**
   * How often a standby plans and verifies its cached apps again; an unchanged app costs one plan
   * and a digest, a changed one a verification.
   */
  private static final long STANDBY_PREPARE_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** How often the flow source is read for new lines. */
  private static final long FLOW_TAIL_SECONDS = 10;

  private final KubernetesClient client;
  private final OperatorConfig config;
  private final OperatorMetrics metrics;
  private final Operator operator;
  private final ProbeServer http;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final OrphanCollector orphans;
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "appseg-orphans");
            t.setDaemon(true);
            return t;
          });
  private final FlowSource flows;
  private final AppSegmentationReconciler reconciler;

  /** The shard's label-selected namespaces; null for a fixed list or every namespace. */
  private final ShardNamespaces shard;

  private final OwnerScope scope;
  private final RegisteredController<AppSegmentation> controller;
  private final InformerContext context;
  private final WarmUp warmUp;

  /** How the start-up warm-up ended; null while it runs (the process is not ready meanwhile). */
  private volatile WarmUp.Result warmed;

  /** When a standby next plans and verifies its cached apps (0: not yet since it started). */
  private volatile long nextPrepare;

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
    this.shard =
        config.selectsNamespacesByLabel()
            ? new ShardNamespaces(client, config.shardSelector(), config.shardHandover())
            : null;
    this.scope =
        (shard != null ? shard : OwnerScope.of(config.watchNamespaces())).until(closing::get);
    this.orphans = new OrphanCollector(client, events, metrics, scope);
    NamespaceInformer namespaces = new NamespaceInformer();
    ContextCheck check = new ContextCheck(config.planDefaults());
    Conclusions conclusions = new Conclusions();
    this.flows =
        config.flowSource() == null
            ? null
            : new FlowSource(config.flowSource(), config.planDefaults());
    this.context = new InformerContext(client, policies, namespaces, check, conclusions);
    this.warmUp = new WarmUp(config.planDefaults());
    this.reconciler =
        new AppSegmentationReconciler(
            planner,
            new VerifiedPlans(new PlanVerifier(config.planDefaults(), config.verifyBudget())),
            check,
            context,
            namespaces,
            policies,
            new StatusFactory(clock),
            events,
            metrics,
            config.serverSideApply(),
            flows,
            conclusions,
            Finalizers.of(config.serverSideApply()),
            StatusWriter.of(config.serverSideApply()),
            scope);
    Set<String> watched = shard != null ? shard.start() : config.watchNamespaces();
    this.controller =
        operator.register(
            reconciler,
            c -> {
              c.withFieldManager(Labels.MANAGER);
              if (watched.isEmpty()) {
                c.watchingAllNamespaces();
              } else {
                c.settingNamespaces(watched);
              }
              if (shard != null) {
                // A released namespace stops at once: its informer stops only when JOSDK gets
                // the new set, and events already on their way would still reconcile there.
                c.withGenericFilter(app -> shard.covers(app.getMetadata().getNamespace()));
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
        .withHttpClientFactory(new BoundedHttpClientFactory())
        .withHttpClientBuilderConsumer(
            b -> {
              b.addOrReplaceInterceptor(
                  WriteCountingInterceptor.NAME, new WriteCountingInterceptor(registry));
              if (hasNoToken(kube)) {
                b.addOrReplaceInterceptor(TokenRefreshInterceptor.NAME, new Interceptor() {});
              }
            })
        .build();
  }

  /**
   * A client certificate is the only credential. fabric8's token refresh then finds no token, never
   * records a refresh, and so re-reads and parses the kubeconfig before every request once the
   * first minute is over (a quarter of the operator's CPU in bench/converge.md); with nothing to
   * refresh it is left out.
   */
  private static boolean hasNoToken(Config kube) {
    return kube.getOauthToken() == null
        && kube.getAutoOAuthToken() == null
        && kube.getOauthTokenProvider() == null
        && kube.getAuthProvider() == null
        && kube.getUsername() == null;
  }

  public void start() {
    http.start();
    if (flows != null) {
      flows.start(FLOW_TAIL_SECONDS);
    }
    operator.start();
    if (shard != null) {
      shard.follow(controller::changeNamespaces);
    }
    Thread warming = new Thread(this::warmUp, "appseg-warmup");
    warming.setDaemon(true);
    warming.start();
    sweeper.scheduleWithFixedDelay(
        this::sweep, 0, OrphanCollector.EVERY.toMillis(), TimeUnit.MILLISECONDS);
    if (config.leaderElection()) {
      sweeper.scheduleWithFixedDelay(this::prepareStandby, 1, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * A standby with synced caches plans, verifies and judges every app once, then plans and verifies
   * them every 30 s: the takeover then finds the verified plans and a warm JVM (issue 14: a new app
   * Ready within 10 s of the leader's death). Never a write.
   */
  private void prepareStandby() {
    RuntimeInfo info = operator.getRuntimeInfo();
    long now = System.nanoTime();
    if (leading.get()
        || !info.isStarted()
        || !info.allEventSourcesAreHealthy()
        || (nextPrepare != 0 && now < nextPrepare)) {
      return;
    }
    boolean first = nextPrepare == 0;
    try {
      int apps = reconciler.prepareStandby(first, () -> !leading.get());
      if (first) {
        LOG.info(
            "standby with synced caches: {} apps planned, verified and judged in {} ms;"
                + " reconciles wait for the Lease",
            apps,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - now));
      }
    } catch (RuntimeException e) {
      LOG.warn("standby preparation failed, retrying in 30 s: {}", e.getMessage());
    }
    nextPrepare = System.nanoTime() + STANDBY_PREPARE_NANOS;
  }

  /**
   * Once the caches are synced (start() returned): on a fresh install the ladder's pure steps warm
   * up on built-in examples before the process says it is ready, so the first app does not pay a
   * cold JVM; with apps in the cache, or once one arrives, their reconciles do it instead.
   */
  private void warmUp() {
    // A warm-up is an optimisation: whatever becomes of it, it must not keep the operator unready.
    WarmUp.Result result = new WarmUp.Result(WarmUp.Status.STOPPED, 0, 0);
    try {
      result = warmUp.atStart(() -> context.apps().size(), closing::get);
    } catch (RuntimeException e) {
      LOG.warn("the start-up warm-up failed, skipping it: {}", e.getMessage());
      return;
    } finally {
      warmed = result;
    }
    if (result.status() == WarmUp.Status.FINISHED) {
      LOG.info("warmed the planner and self-check in {} ms", result.millis());
    } else if (result.status() == WarmUp.Status.STOPPED) {
      LOG.info(
          "stopped the warm-up after {} ms: an app arrived or the operator closes",
          result.millis());
    }
  }

  /** How the start-up warm-up ended, or empty while it runs. */
  Optional<WarmUp.Result> warmed() {
    return Optional.ofNullable(warmed);
  }

  /**
   * Orphans are collected by the leader only (a standby must not write): at start-up, on gaining
   * the Lease, then periodically. JOSDK's timers serve existing primaries only; an orphan has none.
   */
  private void sweep() {
    if (config.leaderElection() && !leading.get()) {
      return;
    }
    try {
      orphans.collect();
    } catch (RuntimeException e) {
      LOG.warn("orphan sweep failed, retrying in {}: {}", OrphanCollector.EVERY, e.getMessage());
    }
  }

  private void startedLeading() {
    leading.set(true);
    sweeper.execute(this::sweep);
  }

  @Override
  public void close() {
    closing.set(true);
    sweeper.shutdownNow();
    try {
      if (flows != null) {
        flows.close();
      }
      if (shard != null) {
        shard.close();
      }
      operator.stop();
    } finally {
      http.close();
      client.close();
    }
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  /** The namespaces whose AppSegmentations this operator reconciles now. */
  public OwnerScope scope() {
    return scope;
  }

  public int httpPort() {
    return http.port();
  }

  public String metricsUrl() {
    return http.metricsUrl();
  }

  private void configure(ConfigurationServiceOverrider o) {
    // Server-side apply everywhere in production; both switches off for API servers without SSA
    // (mock server).
    o.withKubernetesClient(client)
        .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics.registry()))
        .withUseSSAToPatchPrimaryResource(config.serverSideApply())
        .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
        .withCloseClientOnStop(false)
        .withConcurrentReconciliationThreads(config.reconcileThreads())
        .withReconciliationTerminationTimeout(Duration.ofSeconds(10));
    if (config.leaderElection()) {
      o.withLeaderElectionConfiguration(
          new LeaderElectionConfiguration(
              config.leaseName(),
              config.leaseNamespace(),
              config.lease().leaseDuration(),
              config.lease().renewDeadline(),
              config.lease().retryPeriod(),
              config.identity(),
              new LeaderCallbacks(this::startedLeading, this::stoppedLeading, leader -> {}),
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
      return new ProbeServer(
          config.httpAddress(),
          config.httpPort(),
          registry::scrape,
          this::liveness,
          this::readiness);
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
   * Ready while every informer is synced and watching, on the leader and on a standby alike (a
   * standby keeps its caches warm to take over at once), once the start-up warm-up ended: an API
   * server outage makes every replica unready until the watches are back. Waiting for the warm-up
   * lets a rollout's first app find a warm JVM.
   */
  private Health readiness() {
    RuntimeInfo info = operator.getRuntimeInfo();
    if (!info.isStarted()) {
      return new Health(false, "starting");
    }
    if (warmed == null) {
      return new Health(false, "warming up");
    }
    String role = config.leaderElection() && !leading.get() ? "standby" : "ok";
    return info.allEventSourcesAreHealthy()
        ? new Health(true, role)
        : new Health(
            false, role + ", informers not watching: " + unhealthy(info.unhealthyEventSources()));
  }

  private static String unhealthy(Map<String, ? extends Map<String, ?>> byController) {
    return byController.values().stream()
        .flatMap(sources -> sources.keySet().stream())
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
