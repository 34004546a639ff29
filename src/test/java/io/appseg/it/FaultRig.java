package io.appseg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.it.bench.ApiRequests;
import io.appseg.it.bench.BenchApps;
import io.appseg.it.bench.OperatorProcess;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Labels;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fault tests' rig: the operator as its own OS process (so it can be killed with SIGKILL), and
 * the end checks every fault test ends with: every app Ready, the cluster holding exactly what the
 * planner renders for the apps in it (nothing missing, no orphan, no duplicate), and no write once
 * it is idle.
 */
final class FaultRig {
  static final Duration CONVERGE = Duration.ofMinutes(3);

  /** Small and quick to start: the test JVM, the control plane and the operator share 2 CPUs. */
  private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx256m");

  private final KubeControlPlane plane;
  private final KubernetesClient admin;

  FaultRig(KubeControlPlane plane) {
    this.plane = plane;
    this.admin = plane.client();
  }

  /** {@code appseg operator} from target/appseg.jar; its log goes to {@link #log(String)}. */
  OperatorProcess start(String name, Map<String, String> env) {
    return OperatorProcess.start(
        ProjectFiles.root().resolve("target/appseg.jar"),
        JVM_FLAGS,
        plane.kubeconfigFile(),
        env,
        log(name));
  }

  Path log(String name) {
    return plane.workDir().resolve("operator-" + name + ".log");
  }

  static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the apps, and their namespaces first where missing. */
  void create(List<AppSegmentation> apps) {
    BenchApps.namespaces(apps).stream()
        .filter(ns -> admin.namespaces().withName(ns).get() == null)
        .forEach(ns -> Namespaces.create(admin, ns, Map.of()));
    apps.forEach(a -> AppSegmentations.typed(admin).resource(a).create());
  }

  List<AppSegmentation> apps() {
    return admin.resources(AppSegmentation.class).inAnyNamespace().list().getItems();
  }

  List<NetworkPolicy> ourPolicies() {
    return admin
        .network()
        .v1()
        .networkPolicies()
        .inAnyNamespace()
        .withLabel(Labels.MANAGED_BY, Labels.MANAGER)
        .list()
        .getItems();
  }

  static boolean isReady(AppSegmentation a) {
    if (a.getStatus() == null
        || !a.getMetadata().getGeneration().equals(a.getStatus().getObservedGeneration())) {
      return false;
    }
    Condition c = StatusFactory.find(a.getStatus(), StatusFactory.READY);
    return c != null && "True".equals(c.getStatus());
  }

  void awaitAllReady() {
    await("every app Ready")
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(apps().stream().filter(a -> !isReady(a)).map(FaultRig::id))
                    .as("apps not Ready")
                    .isEmpty());
  }

  /**
   * Every app Ready; the operator's policies are exactly the planner's for the apps in the cluster
   * (same names, specs and owner labels: no orphan, none missing, no duplicate); then, once the
   * operator has gone quiet, not one write on policies, apps or events for {@code idle}.
   */
  void assertEndState(OperatorProcess operator) {
    awaitAllReady();
    assertClusterEqualsPlan();
    awaitQuiet(operator);
    ApiRequests before = ApiRequests.scrape(admin);
    Duration idle = Duration.ofSeconds(5);
    await("no write while idle")
        .during(idle)
        .atMost(idle.plusSeconds(5))
        .until(() -> ApiRequests.scrape(admin).since(before).writes() == 0);
  }

  void assertClusterEqualsPlan() {
    List<AppSegmentation> apps = apps();
    Map<String, String> uids =
        apps.stream().collect(Collectors.toMap(FaultRig::id, a -> a.getMetadata().getUid()));
    Map<String, NetworkPolicy> expected = new HashMap<>();
    Map<String, String> expectedOwner = new HashMap<>();
    for (Plan plan : plans(apps)) {
      for (NetworkPolicy np : plan.policies()) {
        expected.put(RunningOperator.id(np), np);
        expectedOwner.put(RunningOperator.id(np), plan.segNamespace() + "/" + plan.segName());
      }
    }
    List<NetworkPolicy> actual = ourPolicies();
    assertThat(
            actual.stream().collect(Collectors.groupingBy(FaultRig::role, Collectors.counting())))
        .as("duplicates: one policy per app, namespace, component and tier")
        .allSatisfy((role, n) -> assertThat(n).as(role).isEqualTo(1));
    Map<String, NetworkPolicy> byId =
        actual.stream().collect(Collectors.toMap(RunningOperator::id, Function.identity()));
    assertThat(byId.keySet())
        .as("policies in the cluster (orphans or missing ones otherwise)")
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (var e : expected.entrySet()) {
      NetworkPolicy found = byId.get(e.getKey());
      assertThat(found.getSpec()).as(e.getKey() + " spec").isEqualTo(e.getValue().getSpec());
      assertThat(found.getMetadata().getLabels())
          .as(e.getKey() + " labels")
          .containsAllEntriesOf(e.getValue().getMetadata().getLabels())
          .containsEntry(Labels.SEGMENTATION_UID, uids.get(expectedOwner.get(e.getKey())));
    }
  }

  private static List<Plan> plans(List<AppSegmentation> apps) {
    try {
      return new Planner(PlanDefaults.STANDARD).planTogether(apps, List.of());
    } catch (InvalidSpecException e) {
      throw new IllegalStateException("a test app is invalid: " + e.getMessage(), e);
    }
  }

  /** What a duplicate would share with the original. */
  private static String role(NetworkPolicy np) {
    Map<String, String> l = np.getMetadata().getLabels();
    return String.join(
        " ",
        np.getMetadata().getNamespace(),
        l.get(Labels.SEGMENTATION_UID),
        l.get(Labels.COMPONENT),
        String.valueOf(l.get(Labels.TIER)));
  }

  /** Until the operator has started no reconcile for two seconds. */
  static void awaitQuiet(OperatorProcess op) {
    double[] last = {-1};
    long[] since = {System.nanoTime()};
    await("operator quiet")
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              double now = op.meter("appseg_reconciles_total");
              if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
              }
              return now >= 0 && System.nanoTime() - since[0] > 2_000_000_000L;
            });
  }

  static String id(AppSegmentation a) {
    return a.getMetadata().getNamespace() + "/" + a.getMetadata().getName();
  }

  /** Lines of a log that are stack-trace frames ("\tat ...", "Caused by: ..."). */
  static List<String> stackTraceLines(String log) {
    List<String> out = new ArrayList<>();
    log.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by: ")).forEach(out::add);
    return out;
  }
}
