package io.appseg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.it.bench.BenchApps;
import io.appseg.it.bench.OperatorProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault tests on a real control plane (issue 14 item 4), the operator a separate process of the
 * shipped jar: SIGKILL mid-convergence, an API server restart and an etcd pause mid-convergence,
 * and deletions while the operator is down. Each ends with {@link FaultRig#assertEndState}: every
 * app Ready, the cluster exactly the plan, no orphan, no duplicate, no write when idle. The apps
 * are disjoint ranges of the benchmark's (three tiers, ten per namespace), so the checks may span
 * the whole cluster.
 */
class FaultIT extends KubeIT {
  private static final Duration OUTAGE = Duration.ofSeconds(15);

  /**
   * Watches, list retries, reconciles, status patches, events, the orphan sweep: a handful of
   * loggers, each with a few causes (refused, timeout, 5xx).
   */
  private static final int MAX_FAILURE_KINDS = 12;

  private static FaultRig rig;

  @BeforeAll
  static void rig() {
    rig = new FaultRig(kube);
  }

  @Test
  void killMinus9DuringTheConvergenceOf100AppsAndARestartConvergesExactly() {
    List<AppSegmentation> apps = BenchApps.range(0, 100);
    rig.create(apps);
    OperatorProcess first = rig.start("kill-first", Map.of());
    try {
      await("40 % of the 400 policies written")
          .atMost(FaultRig.CONVERGE)
          .pollInterval(Duration.ofMillis(300))
          .until(() -> rig.ourPolicies().size() >= 160);
    } finally {
      first.kill();
    }
    assertThat(rig.apps().stream().filter(FaultRig::isReady).count())
        .as("killed before the end of convergence")
        .isLessThan(100);

    try (OperatorProcess second = rig.start("kill-second", Map.of())) {
      rig.assertEndState(second);
    }
  }

  @Test
  void anApiServerRestartMidConvergenceIsReportedByReadinessAndLoggedWithoutStackTraces() {
    List<AppSegmentation> apps = BenchApps.range(100, 130);
    try (OperatorProcess op = rig.start("api-restart", Map.of())) {
      awaitReady(op);
      rig.create(apps);
      awaitSomePoliciesOf(apps);
      kube.restartApiServer(
          () -> {
            await("readiness reflects the outage")
                .atMost(Duration.ofSeconds(60))
                .until(() -> op.readiness() == 503);
            await("the operator stays up and unready through the outage")
                .during(OUTAGE)
                .atMost(OUTAGE.plusSeconds(10))
                .until(() -> op.isAlive() && op.readiness() == 503);
          });
      rig.assertEndState(op);
      awaitReady(op);
      assertQuietLog("api-restart");
    }
  }

  @Test
  void anEtcdPauseMidConvergenceEndsExactly() {
    List<AppSegmentation> apps = BenchApps.range(130, 160);
    try (OperatorProcess op = rig.start("etcd-pause", Map.of())) {
      awaitReady(op);
      rig.create(apps);
      awaitSomePoliciesOf(apps);
      kube.pauseEtcd(
          () ->
              await("the operator stays up while etcd is frozen")
                  .during(OUTAGE)
                  .atMost(OUTAGE.plusSeconds(10))
                  .until(op::isAlive));
      rig.assertEndState(op);
      assertQuietLog("etcd-pause");
    }
  }

  @Test
  void anAppAndANamespaceDeletedWhileTheOperatorIsDownAreCleanedUpOnRestart() {
    List<AppSegmentation> apps = BenchApps.range(160, 180);
    rig.create(apps);
    OperatorProcess first = rig.start("deletion-first", Map.of());
    try {
      rig.awaitAllReady();
    } finally {
      first.kill();
    }
    AppSegmentation deleted = apps.get(0);
    String deletedNamespace = apps.get(apps.size() - 1).getMetadata().getNamespace();
    AppSegmentations.typed(client).resource(deleted).delete();
    client.namespaces().withName(deletedNamespace).delete();
    // One-namespace apps carry no finalizer: their policies go with them by ownerReference, the
    // garbage collector's work; the restarted operator must neither resurrect nor orphan anything.
    await("the namespace controller has emptied " + deletedNamespace)
        .atMost(FaultRig.CONVERGE)
        .until(() -> policiesIn(deletedNamespace) == 0);

    try (OperatorProcess second = rig.start("deletion-second", Map.of())) {
      await("the app and the namespace are gone")
          .atMost(FaultRig.CONVERGE)
          .until(
              () ->
                  AppSegmentations.typed(client).resource(deleted).get() == null
                      && client.namespaces().withName(deletedNamespace).get() == null);
      rig.assertEndState(second);
    }
  }

  private static int policiesIn(String namespace) {
    return client.network().v1().networkPolicies().inNamespace(namespace).list().getItems().size();
  }

  private static void awaitReady(OperatorProcess op) {
    await("operator ready").atMost(FaultRig.CONVERGE).until(() -> op.readiness() == 200);
  }

  /** Some, not all: the fault then strikes mid-convergence. */
  private static void awaitSomePoliciesOf(List<AppSegmentation> apps) {
    List<String> namespaces = BenchApps.namespaces(apps);
    await("the first policies of the new apps")
        .atMost(FaultRig.CONVERGE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> namespaces.stream().mapToInt(FaultIT::policiesIn).sum() >= 8);
  }

  /**
   * No stack trace for the expected network errors of an outage; each kind of failure logged with
   * its cause and a retry note, not once per attempt.
   */
  private static void assertQuietLog(String operator) {
    String log = FaultRig.read(rig.log(operator));
    List<String> failures = log.lines().filter(l -> l.contains("; retrying, repeats")).toList();
    System.out.printf(
        "%s: %d failure lines%n  %s%n", operator, failures.size(), String.join("\n  ", failures));
    assertThat(FaultRig.stackTraceLines(log)).as("stack trace lines in the operator log").isEmpty();
    assertThat(failures)
        .as("one line per kind of failure (logger and cause), not one per attempt")
        .hasSizeLessThanOrEqualTo(MAX_FAILURE_KINDS);
  }
}
