package io.appseg.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appseg.plan.PlanDefaults;
import io.appseg.verify.PlanVerifier;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsAreProductionSafe() throws ConfigException {
    OperatorConfig c =
        OperatorConfig.fromEnv(Map.of("POD_NAMESPACE", "appseg-system", "POD_NAME", "op-0"));

    assertThat(c.watchNamespaces()).isEmpty();
    assertThat(c.leaderElection()).isTrue();
    assertThat(c.leaseNamespace()).isEqualTo("appseg-system");
    assertThat(c.identity()).isEqualTo("op-0");
    assertThat(c.httpAddress()).isEmpty();
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(c.serverSideApply()).isTrue();
    assertThat(c.planDefaults()).isEqualTo(PlanDefaults.STANDARD);
    assertThat(c.reconcileThreads())
        .isEqualTo(Math.min(32, 4 * Runtime.getRuntime().availableProcessors()));
    assertThat(c.verifyBudget()).isEqualTo(PlanVerifier.BUDGET);
  }

  @Test
  void readsEveryVariable() throws ConfigException {
    OperatorConfig c =
        OperatorConfig.fromEnv(
            env(
                "APPSEG_WATCH_NAMESPACES",
                "shop, billing",
                "APPSEG_LEADER_ELECTION",
                "FALSE",
                "APPSEG_METRICS_ADDRESS",
                "127.0.0.1",
                "APPSEG_METRICS_PORT",
                "9090",
                "APPSEG_LOG_FORMAT",
                "json",
                "APPSEG_SERVER_SIDE_APPLY",
                "false",
                "APPSEG_LEASE_NAMESPACE",
                "ops",
                "POD_NAMESPACE",
                "ignored",
                "APPSEG_DNS_NAMESPACE",
                "dns",
                "APPSEG_DNS_POD_SELECTOR",
                "app=coredns",
                "APPSEG_MONITORING_NAMESPACE_SELECTOR",
                "team=obs",
                "APPSEG_MONITORING_PORT",
                "9102",
                "APPSEG_RECONCILE_THREADS",
                "3",
                "APPSEG_VERIFY_BUDGET",
                "5000000"));

    assertThat(c.watchNamespaces()).containsExactlyInAnyOrder("shop", "billing");
    assertThat(c.leaderElection()).isFalse();
    assertThat(c.leaseNamespace()).isEqualTo("ops");
    assertThat(c.httpAddress()).isEqualTo("127.0.0.1");
    assertThat(c.httpPort()).isEqualTo(9090);
    assertThat(c.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(c.serverSideApply()).isFalse();
    assertThat(c.planDefaults().dnsPeers())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getNamespace()).isEqualTo("dns");
              assertThat(p.getPodSelector().getMatchLabels()).containsEntry("app", "coredns");
            });
    assertThat(c.planDefaults().monitoringPeers().get(0).getNamespaceSelector().getMatchLabels())
        .containsEntry("team", "obs");
    assertThat(c.planDefaults().monitoringPort().getIntVal()).isEqualTo(9102);
    assertThat(c.reconcileThreads()).isEqualTo(3);
    assertThat(c.verifyBudget()).isEqualTo(5_000_000);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnv(
                    Map.of(
                        "APPSEG_WATCH_NAMESPACES",
                        "Shop_1",
                        "APPSEG_LEADER_ELECTION",
                        "yes",
                        "APPSEG_METRICS_ADDRESS",
                        "localhost:80",
                        "APPSEG_METRICS_PORT",
                        "70000",
                        "APPSEG_LOG_FORMAT",
                        "xml",
                        "APPSEG_DNS_POD_SELECTOR",
                        "novalue",
                        "APPSEG_RECONCILE_THREADS",
                        "0",
                        "APPSEG_VERIFY_BUDGET",
                        "lots",
                        "POD_NAMESPACE",
                        "ops",
                        "POD_NAME",
                        "op-0")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "APPSEG_WATCH_NAMESPACES 'Shop_1' is not a valid namespace name",
                        "APPSEG_LEADER_ELECTION must be true or false, got 'yes'",
                        "APPSEG_METRICS_ADDRESS must be an IP address such as 127.0.0.1, got"
                            + " 'localhost:80'",
                        "APPSEG_METRICS_PORT must be a port 0-65535, got 70000",
                        "APPSEG_LOG_FORMAT must be one of [text, json], got 'xml'",
                        "APPSEG_DNS_POD_SELECTOR expected key=value[,key=value...], got 'novalue'",
                        "APPSEG_RECONCILE_THREADS must be a whole number from 1 to 256, got '0'",
                        "APPSEG_VERIFY_BUDGET must be a whole number from 1 to 2147483647, got"
                            + " 'lots'"));
  }

  @Test
  void aShardHasItsOwnLeaseAndNeedsItsNamespaces() throws ConfigException {
    OperatorConfig c =
        OperatorConfig.fromEnv(
            env(
                "APPSEG_SHARD",
                "eu-1",
                "APPSEG_WATCH_NAMESPACES",
                "a,b",
                "POD_NAMESPACE",
                "ops",
                "POD_NAME",
                "op-0"));
    assertThat(c.leaseName()).isEqualTo("appseg-operator-leader-eu-1");
    assertThat(c.watchNamespaces()).containsExactlyInAnyOrder("a", "b");

    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnv(
                    env("APPSEG_SHARD", "EU_1", "POD_NAMESPACE", "ops", "POD_NAME", "op-0")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "APPSEG_SHARD 'EU_1' cannot end a Lease name: lowercase letters, digits"
                            + " and '-', at most 40",
                        "APPSEG_SHARD needs APPSEG_WATCH_NAMESPACES or APPSEG_SHARD_SELECTOR: the"
                            + " namespaces of the shard"));
  }

  @Test
  void aShardSelectsItsNamespacesByLabelOrByListNotBoth() throws ConfigException {
    OperatorConfig c =
        OperatorConfig.fromEnv(
            env(
                "APPSEG_SHARD",
                "a",
                "APPSEG_SHARD_SELECTOR",
                "appseg.io/shard=a",
                "POD_NAMESPACE",
                "ops",
                "POD_NAME",
                "op-0"));
    assertThat(c.leaseName()).isEqualTo("appseg-operator-leader-a");
    assertThat(c.shardSelector()).containsExactly(Map.entry("appseg.io/shard", "a"));
    assertThat(c.selectsNamespacesByLabel()).isTrue();
    assertThat(c.shardHandover()).isEqualTo(OperatorConfig.DEFAULT_SHARD_HANDOVER);

    assertThat(
            problems(
                "APPSEG_SHARD_SELECTOR",
                "appseg.io/shard=a",
                "APPSEG_WATCH_NAMESPACES",
                "x",
                "APPSEG_SHARD_HANDOVER",
                "soon"))
        .containsExactly(
            "APPSEG_SHARD_SELECTOR needs APPSEG_SHARD: the name of the shard's Lease",
            "APPSEG_SHARD_SELECTOR and APPSEG_WATCH_NAMESPACES exclude each other: a shard is a"
                + " list or a selector",
            "APPSEG_SHARD_HANDOVER must be a duration such as 500ms, 5s or 1m, got 'soon'");
  }

  @Test
  void leaderElectionNeedsALeaseNamespaceAndIdentity() {
    assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).startsWith("APPSEG_LEASE_NAMESPACE"))
                    .anySatisfy(p -> assertThat(p).startsWith("POD_NAME")));
  }

  @Test
  void leaseTimingsDefaultToAFastFailoverAndAreRead() throws ConfigException {
    Map<String, String> pod = Map.of("POD_NAMESPACE", "ops", "POD_NAME", "op-0");
    assertThat(OperatorConfig.fromEnv(pod).lease())
        .isEqualTo(
            new LeaseTimings(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(1)));

    Map<String, String> env = new HashMap<>(pod);
    env.putAll(
        Map.of(
            "APPSEG_LEASE_DURATION", "1m",
            "APPSEG_LEASE_RENEW_DEADLINE", "20s",
            "APPSEG_LEASE_RETRY_PERIOD", "1500ms"));
    assertThat(OperatorConfig.fromEnv(env).lease())
        .isEqualTo(
            new LeaseTimings(
                Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofMillis(1500)));
  }

  @Test
  void leaseTimingsThatCannotWorkAreRefused() {
    assertThat(problems("APPSEG_LEASE_DURATION", "five", "APPSEG_LEASE_RETRY_PERIOD", "0s"))
        .containsExactly(
            "APPSEG_LEASE_DURATION must be a duration such as 500ms, 5s or 1m, got 'five'",
            "APPSEG_LEASE_RETRY_PERIOD must be a duration such as 500ms, 5s or 1m, got '0s'");
    assertThat(problems("APPSEG_LEASE_DURATION", "4s"))
        .containsExactly(
            "APPSEG_LEASE_RENEW_DEADLINE (4s) must be shorter than APPSEG_LEASE_DURATION (4s)");
    assertThat(problems("APPSEG_LEASE_RETRY_PERIOD", "3500ms"))
        .containsExactly(
            "APPSEG_LEASE_RENEW_DEADLINE (4s) must be longer than 1.2 x"
                + " APPSEG_LEASE_RETRY_PERIOD (3500ms)");
  }

  private static List<String> problems(String... keyValues) {
    Map<String, String> env = env(keyValues);
    env.put("POD_NAMESPACE", "ops");
    env.put("POD_NAME", "op-0");
    try {
      OperatorConfig.fromEnv(env);
      return List.of();
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  private static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }
}
