package io.appseg.cli;

import io.appseg.operator.AppsegOperator;
import io.appseg.operator.config.ConfigException;
import io.appseg.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.Config;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
          + "POD_NAMESPACE, POD_NAME, APPSEG_METRICS_ADDRESS, APPSEG_METRICS_PORT, APPSEG_LOG_FORMAT, "
          + "APPSEG_LOG_LEVEL, APPSEG_SERVER_SIDE_APPLY, APPSEG_DNS_NAMESPACE, APPSEG_DNS_POD_SELECTOR, "
          + "APPSEG_MONITORING_NAMESPACE_SELECTOR, APPSEG_MONITORING_PORT (README: Running the operator)."
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

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public OperatorCommand() {
    this(System.getenv());
  }

  OperatorCommand(Map<String, String> env) {
    this.env = env;
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
    useOperatorLogging(config);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AppsegOperator operator =
        AppsegOperator.create(Config.autoConfigure(null), config, registry, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close(); // graceful: in-flight reconciles get the termination timeout
                  stopped.countDown();
                },
                "appseg-shutdown"));
    operator.start();
    stopped.await();
    return 0;
  }

  /**
   * The CLI default is warnings on stderr; a long-running operator logs info lines (text or JSON)
   * on stdout.
   */
  private void useOperatorLogging(OperatorConfig config) {
    String error =
        Logging.use(
            config.logFormat().name().toLowerCase(java.util.Locale.ROOT),
            env.getOrDefault("APPSEG_LOG_LEVEL", "INFO"));
    if (error != null) {
      spec.commandLine()
          .getErr()
          .println("appseg operator: logging configuration failed: " + error);
    }
  }
}
