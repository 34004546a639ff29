package io.appseg.it.bench;

import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.it.AppSegmentations;
import io.appseg.it.KubeControlPlane;
import io.appseg.it.Namespaces;
import io.appseg.it.ProjectFiles;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The converge benchmark (issue 13): one real control plane, the bare-client floor and the operator
 * on the same generated apps in the same run, and the ratios. Not a test: run it with {@code
 * hack/bench-converge.sh}. Settings (system properties): {@code bench.apps} (converged and compared
 * with the floor, default 500), {@code bench.moreApps} (added warm, default 750: 5,000 policies in
 * all), {@code bench.threads} (the floor's concurrency; default the operator's reconcile threads),
 * {@code bench.jvmFlags} (the operator JVM's flags), {@code bench.jar} (the operator's jar, default
 * {@code target/appseg.jar}: an earlier build's, for a before/after in one session).
 */
public final class ConvergeBench implements Phase.Bench {
  private static final Duration LONG = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KubeControlPlane plane;
  private final KubernetesClient admin;
  private final long serverPid;
  private final int threads;
  private final List<String> jvmFlags;
  private final Map<String, String> operatorEnv;
  private final Path log;
  private final List<String> report = new ArrayList<>();
  private SharedIndexInformer<AppSegmentation> apps;
  private SharedIndexInformer<NetworkPolicy> policies;

  private ConvergeBench(KubeControlPlane plane, int threads, List<String> jvmFlags) {
    this.plane = plane;
    this.admin = plane.client();
    this.threads = threads;
    this.jvmFlags = jvmFlags;
    this.operatorEnv = Map.of("APPSEG_RECONCILE_THREADS", Integer.toString(threads));
    this.log = plane.workDir().resolve("operator.log");
    String port = Integer.toString(admin.getMasterUrl().getPort());
    this.serverPid =
        ProcStats.find("kube-apiserver", port)
            .orElseThrow(() -> new IllegalStateException("no kube-apiserver on port " + port));
  }

  public static void main(String[] args) throws Exception {
    int first = Integer.getInteger("bench.apps", 500);
    int more = Integer.getInteger("bench.moreApps", 750);
    int threads = Integer.getInteger("bench.threads", 8);
    List<String> flags =
        Arrays.stream(System.getProperty("bench.jvmFlags", "").split(" "))
            .filter(f -> !f.isBlank())
            .toList();
    try (KubeControlPlane plane = KubeControlPlane.start()) {
      new ConvergeBench(plane, threads, flags).run(first, more);
    }
    System.exit(0); // the control plane's and clients' non-daemon threads
  }

  @Override
  public KubernetesClient admin() {
    return admin;
  }

  @Override
  public double serverCpu() {
    return ProcStats.cpuSeconds(serverPid);
  }

  private static double ownCpu() {
    return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime()
        / 1e9;
  }

  private void run(int first, int more) throws Exception {
    List<AppSegmentation> round1 = BenchApps.range(0, first);
    List<AppSegmentation> round2 = BenchApps.range(first, first + more);
    List<AppSegmentation> all = new ArrayList<>(round1);
    all.addAll(round2);
    List<AppSegmentation> protocolApps = BenchApps.range(first + more, first + more + first);
    BenchApps.namespaces(all).forEach(ns -> Namespaces.create(admin, ns, Map.of()));
    BenchApps.namespaces(protocolApps).forEach(ns -> Namespaces.create(admin, ns, Map.of()));
    note(
        "machine: %d CPUs, %s, load average at start %s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"),
        loadAverage());
    note(
        "HTTP client of the floor and protocol clients: %s (the operator's is its jar's)",
        HttpClientUtils.getHttpClientFactory().getClass().getSimpleName());
    note(
        "apps %d + %d (3 tiers, %d per namespace), floor threads %d, operator JVM %s",
        first, more, BenchApps.APPS_PER_NAMESPACE, threads, String.join(" ", jvmFlags));

    policies =
        admin
            .network()
            .v1()
            .networkPolicies()
            .inAnyNamespace()
            .withLabel(Labels.MANAGED_BY, Labels.MANAGER)
            .inform();
    Phase floor = floor(BenchApps.rendered(round1), BenchApps.rendered(round2));
    Phase floorDelete = floorDelete(BenchApps.rendered(all));
    Phase protocol = protocol(protocolApps);

    apps = admin.resources(AppSegmentation.class).inAnyNamespace().inform();
    Parallel.each(threads, round1, a -> AppSegmentations.typed(admin).resource(a).create());
    OperatorProcess op = startOperator();
    Phase converge =
        Phase.measure("operator converge " + first, this, op::cpuSeconds, () -> awaitReady(first));
    print(converge);
    Phase warm =
        Phase.measure(
            "operator warm converge " + more,
            this,
            op::cpuSeconds,
            () -> {
              Parallel.each(
                  threads, round2, a -> AppSegmentations.typed(admin).resource(a).create());
              awaitReady(first + more);
            });
    print(warm);
    awaitQuiet(op, first + more);
    note(
        "reconciles: %.2f per app over both converges",
        op.meter("appseg_reconciles_total") / (first + more));
    int policies = all.size() * 4;
    double heap = op.heapAfterGcMiB();
    note(
        "memory at %d policies: heap after GC %.1f MiB, RSS %.0f MiB, peak RSS %.0f MiB",
        policies, heap, op.rssMiB(), op.peakRssMiB());
    note("operator threads after both converges: %s", op.threads());
    op.close();

    OperatorProcess[] restarted = new OperatorProcess[1];
    double[] cpuAtFirstReconcile = new double[1];
    Phase restart =
        Phase.measure(
            "quiet restart " + all.size(),
            this,
            () -> restarted[0] == null ? 0 : restarted[0].cpuSeconds(),
            () -> {
              restarted[0] = startOperator();
              await()
                  .atMost(LONG)
                  .pollInterval(Duration.ofMillis(20))
                  .until(() -> restarted[0].meter("appseg_reconciles_total") > 0);
              cpuAtFirstReconcile[0] = restarted[0].cpuSeconds();
              awaitQuiet(restarted[0], all.size());
            });
    print(restart);
    double reconciles = restarted[0].meter("appseg_reconciles_total");
    note(
        "quiet restart: %d writes, %.2f reconciles per app (%.0f kept the status an earlier process wrote), %.2f CPU-ms per app after the first reconcile (%.2f CPU-s before it: JVM start and informer sync)",
        restart.requests().writes(),
        reconciles / all.size(),
        restarted[0].meter("appseg_reconciles_unchanged_total{since=\"status\"}"),
        (restart.clientCpu() - cpuAtFirstReconcile[0]) * 1000 / all.size(),
        cpuAtFirstReconcile[0]);

    OperatorProcess op2 = restarted[0];
    int half = all.size() / 2;
    Phase teardown1 =
        teardown("teardown first " + half, op2, all.subList(0, half), all.size() - half);
    Phase teardown2 =
        teardown("teardown last " + (all.size() - half), op2, all.subList(half, all.size()), 0);
    op2.close();

    note("%n== summary (ratios measured in this run) ==");
    note(
        "converge %d apps: operator %.2f s vs floor %.2f s = %.2fx (goal <= 1.5x)",
        first,
        converge.wallSeconds(),
        floor.wallSeconds(),
        converge.wallSeconds() / floor.wallSeconds());
    note(
        "  writes %d for %d policies + %d apps; reads %d; dry runs %d",
        converge.requests().writes(),
        first * 4,
        first,
        converge.requests().reads(),
        converge.requests().dryRuns());
    note(
        "  CPU: operator %.2f s (%.1f ms per app, JVM start included), floor client %.2f s; api-server %.2f s vs %.2f s",
        converge.clientCpu(),
        converge.clientCpu() * 1000 / first,
        floor.clientCpu(),
        converge.serverCpu(),
        floor.serverCpu());
    note(
        "  the operator's protocol from a bare client: wall %.2f s (%.2fx the floor), api-server %.2f s (%.2fx the floor; the operator's converge %.2fx the protocol)",
        protocol.wallSeconds(),
        protocol.wallSeconds() / floor.wallSeconds(),
        protocol.serverCpu(),
        protocol.serverCpu() / floor.serverCpu(),
        converge.serverCpu() / protocol.serverCpu());
    note(
        "  client CPU per request: floor %.3f ms (%d requests), protocol %.3f ms (%d requests)",
        perRequestMs(floor), requests(floor), perRequestMs(protocol), requests(protocol));
    note("warm: %.2f CPU-ms per app (goal <= 5)", warm.clientCpu() * 1000 / more);
    double teardown = teardown1.wallSeconds() + teardown2.wallSeconds();
    note(
        "teardown %d apps: %.2f s vs bare delete of their %d policies %.2f s = %.2fx (goal <= 2x); per app %.1f ms (first half) vs %.1f ms (second half)",
        all.size(),
        teardown,
        policies,
        floorDelete.wallSeconds(),
        teardown / floorDelete.wallSeconds(),
        teardown1.wallSeconds() * 1000 / half,
        teardown2.wallSeconds() * 1000 / (all.size() - half));
    note("load average at end %s", loadAverage());
    report.forEach(System.out::println);
  }

  private static long requests(Phase p) {
    return p.requests().writes() + p.requests().dryRuns();
  }

  private static double perRequestMs(Phase p) {
    return p.clientCpu() * 1000 / requests(p);
  }

  /** The bare client: server-side apply of the rendered objects, warm-up first. */
  private Phase floor(List<NetworkPolicy> measured, List<NetworkPolicy> rest) {
    KubernetesClient client = plane.client();
    Parallel.each(threads, rest, np -> apply(client, np)); // warm-up: JIT and connections
    Parallel.each(threads, rest, np -> client.resource(np).delete());
    awaitPolicies(0);
    Phase floor =
        Phase.measure(
            "floor: apply " + measured.size() + " policies",
            this,
            ConvergeBench::ownCpu,
            () -> Parallel.each(threads, measured, np -> apply(client, np)));
    print(floor);
    Parallel.each(threads, rest, np -> apply(client, np));
    return floor;
  }

  private Phase floorDelete(List<NetworkPolicy> all) {
    Phase delete =
        Phase.measure(
            "floor: delete " + all.size() + " policies",
            this,
            ConvergeBench::ownCpu,
            () -> {
              Parallel.each(threads, all, np -> plane.client().resource(np).delete());
              awaitPolicies(0);
            });
    print(delete);
    return delete;
  }

  /**
   * The operator's requests for {@code apps} (dry run and apply per policy, a status and an event
   * per app) from a bare client, on apps of their own that are gone again before the operator
   * starts.
   */
  private Phase protocol(List<AppSegmentation> protocolApps) {
    KubernetesClient client = plane.client();
    List<AppSegmentation> created = new ArrayList<>();
    protocolApps.forEach(a -> created.add(AppSegmentations.typed(admin).resource(a).create()));
    ProtocolFloor bare = new ProtocolFloor(client, threads);
    List<Phase> steps = new ArrayList<>();
    for (ProtocolFloor.Step step : bare.steps(created)) {
      Phase p =
          Phase.measure("  protocol: " + step.name(), this, ConvergeBench::ownCpu, step.work());
      print(p);
      steps.add(p);
    }
    Phase protocol = Phase.sum("bare client: operator's protocol " + created.size(), steps);
    print(protocol);
    bare.clean(created);
    created.forEach(a -> AppSegmentations.typed(admin).resource(a).delete());
    awaitPolicies(0);
    return protocol;
  }

  private static void apply(KubernetesClient client, NetworkPolicy np) {
    client.resource(np).fieldManager("bench").forceConflicts().serverSideApply();
  }

  private Phase teardown(String name, OperatorProcess op, List<AppSegmentation> gone, int left) {
    Phase p =
        Phase.measure(
            name,
            this,
            op::cpuSeconds,
            () -> {
              Parallel.each(threads, gone, a -> AppSegmentations.typed(admin).resource(a).delete());
              await()
                  .atMost(LONG)
                  .pollInterval(POLL)
                  .until(() -> apps.getStore().list().size() == left);
              awaitPolicies(left * 4);
            });
    print(p);
    return p;
  }

  private OperatorProcess startOperator() {
    return OperatorProcess.start(
        Path.of(
            System.getProperty(
                "bench.jar", ProjectFiles.root().resolve("target/appseg.jar").toString())),
        jvmFlags,
        plane.kubeconfigFile(),
        operatorEnv,
        log);
  }

  private void awaitReady(int count) {
    await().atMost(LONG).pollInterval(POLL).until(() -> ready() >= count);
  }

  private long ready() {
    return apps.getStore().list().stream().filter(ConvergeBench::isReady).count();
  }

  private static boolean isReady(AppSegmentation a) {
    if (a.getStatus() == null
        || !a.getMetadata().getGeneration().equals(a.getStatus().getObservedGeneration())) {
      return false;
    }
    Condition c = StatusFactory.find(a.getStatus(), StatusFactory.READY);
    return c != null && "True".equals(c.getStatus());
  }

  /** Until the operator has reconciled each app and then started no reconcile for two seconds. */
  private static void awaitQuiet(OperatorProcess op, int apps) {
    double[] last = {-2};
    long[] since = {System.nanoTime()};
    Callable<Boolean> quiet =
        () -> {
          double now = op.meter("appseg_reconciles_total");
          if (now != last[0]) {
            last[0] = now;
            since[0] = System.nanoTime();
          }
          return now >= apps && System.nanoTime() - since[0] > 2_000_000_000L;
        };
    await().atMost(LONG).pollInterval(POLL).until(quiet);
  }

  /** Counted from a watch: a LIST every poll would weigh on the server being measured. */
  private void awaitPolicies(int count) {
    await().atMost(LONG).pollInterval(POLL).until(() -> policies.getStore().list().size() == count);
  }

  private void print(Phase p) {
    System.out.print(p.describe());
    report.add(p.describe().stripTrailing());
  }

  private void note(String format, Object... args) {
    String line = String.format(format, args);
    System.out.println(line);
    report.add(line);
  }

  private static String loadAverage() {
    return String.format(
        "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
