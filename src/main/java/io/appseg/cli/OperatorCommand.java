package io.appseg.cli;

import io.appseg.kube.ApiProblem;
import io.appseg.operator.AppsegOperator;
import io.appseg.operator.config.ConfigException;
import io.appseg.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code appseg operator}: runs the controller against the cluster of the current kubeconfig (or
 * the in-cluster service account), configured by APPSEG_* environment variables, until SIGTERM.
 */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = {
      "Run the AppSegmentation operator against the current cluster.",
      "Configured by environment: APPSEG_WATCH_NAMESPACES, APPSEG_LEADER_ELECTION, APPSEG_LEASE_NAMESPACE/"
          + "POD_NAMESPACE, POD_NAME, APPSEG_LEASE_DURATION, APPSEG_LEASE_RENEW_DEADLINE, "
          + "APPSEG_LEASE_RETRY_PERIOD, APPSEG_METRICS_ADDRESS, APPSEG_METRICS_PORT, APPSEG_LOG_FORMAT, "
          + "APPSEG_LOG_LEVEL, APPSEG_SERVER_SIDE_APPLY, APPSEG_DNS_NAMESPACE, APPSEG_DNS_POD_SELECTOR, "
          + "APPSEG_MONITORING_NAMESPACE_SELECTOR, APPSEG_MONITORING_PORT, APPSEG_RECONCILE_THREADS, "
          + "APPSEG_SHARD, APPSEG_SHARD_SELECTOR, APPSEG_SHARD_HANDOVER, APPSEG_FLOW_SOURCE"
          + " (README: Running the operator)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or SIGINT",
      "1:cannot start: the CRD is not installed, the API server cannot be reached, or access is"
          + " denied (one line says which and what to do)",
      "2:a bad APPSEG_* variable"
    })
public final class OperatorCommand implements Callable<Integer> {
  static final int CONFIG_ERROR = 2;
  static final int START_ERROR = 1;

  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final Supplier<Config> kube;

  public OperatorCommand() {
    this(System.getenv(), () -> Config.autoConfigure(null));
  }

  OperatorCommand(Map<String, String> env, Supplier<Config> kube) {
    this.env = env;
    this.kube = kube;
  }

  @Override
  public Integer call() throws InterruptedException {
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnv(env);
    } catch (ConfigException e) {
      PrintWriter err = spec.commandLine().getErr();
      e.problems().forEach(p -> err.println("appseg operator: " + p));
      return CONFIG_ERROR;
    }
    Config cluster = kube.get();
    Optional<String> problem = OperatorPreflight.problem(cluster, config.watchNamespaces());
    if (problem.isPresent()) {
      spec.commandLine().getErr().println("appseg operator: " + problem.get());
      return START_ERROR;
    }
    useOperatorLogging(config);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AppsegOperator operator = AppsegOperator.create(cluster, config, registry, Clock.systemUTC());
    try {
      operator.start();
    } catch (RuntimeException e) {
      operator.close();
      spec.commandLine().getErr().println("appseg operator: cannot start: " + cause(e, cluster));
      return START_ERROR;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close(); // graceful: in-flight reconciles get the termination timeout
                  stopped.countDown();
                },
                "appseg-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * A failed start in one line: the API server's answer when there was one, else the root cause.
   */
  private static String cause(RuntimeException e, Config cluster) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k) {
        return ApiProblem.of(k, "the API server at " + cluster.getMasterUrl()).detail();
      }
      root = t;
    }
    String message = root.getMessage() == null ? "" : root.getMessage();
    return message.lines().findFirst().orElse("unknown error (see the log)");
  }

  /**
   * The CLI default is warnings on stderr; a long-running operator logs info lines (text or JSON)
   * on stdout.
   */
  private void useOperatorLogging(OperatorConfig config) {
    String error =
        Logging.use(
            config.logFormat().name().toLowerCase(Locale.ROOT),
            env.getOrDefault("APPSEG_LOG_LEVEL", "INFO"));
    if (error != null) {
      spec.commandLine()
          .getErr()
          .println("appseg operator: logging configuration failed: " + error);
    }
  }
}
