package io.appseg.cli;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.local.Cleanup;
import io.appseg.local.ControlPlaneBinaries;
import io.appseg.local.LocalControlPlane;
import io.appseg.local.SetupScript;
import io.appseg.operator.AppsegOperator;
import io.appseg.operator.config.ConfigException;
import io.appseg.operator.config.OperatorConfig;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appseg local}: a real Kubernetes API server on this machine with the operator running in
 * it, in one command. Starts etcd, kube-apiserver and kube-controller-manager on 127.0.0.1
 * (building them first when missing), installs the CRD, runs the operator in-process, applies a
 * sample, shows {@code kubectl get appseg} and the generated policies, then keeps running with a
 * printed KUBECONFIG until interrupted. Every child process and temp directory is gone when it
 * returns, or when the JVM gets SIGINT or SIGTERM ({@link Cleanup}).
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a local control plane with the operator and a sample AppSegmentation in it.",
      "Everything it starts stops, and its temp directory is removed, on Ctrl-C, SIGTERM or --exit."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by a signal, or --exit after the sample was Ready",
      "1:a bad sample, or the control plane or the operator did not start"
    })
public final class LocalCommand implements Callable<Integer> {
  static final String DEFAULT_SAMPLE = "/appseg/samples/01-three-tier.yaml";

  @Spec CommandSpec command;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      description = "AppSegmentation to apply (default: the three-tier sample shipped in the jar).")
  Path sample;

  @Option(
      names = "--exit",
      description = "Stop after showing the result instead of running until interrupted.")
  boolean exit;

  @Option(
      names = "--timeout",
      defaultValue = "120",
      description =
          "Seconds to wait for the AppSegmentation to become Ready (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    AppSegmentation seg;
    try {
      seg = readSample();
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    try (Cleanup cleanup = Cleanup.onShutdown()) {
      Path workDir = cleanup.tempDir("appseg-local-");
      ControlPlaneBinaries binaries = ControlPlaneBinaries.locate();
      if (!binaries.isInstalled()) {
        out.println(
            "Building Kubernetes "
                + ControlPlaneBinaries.VERSION
                + " (kube-apiserver, kube-controller-manager,"
                + " kubectl) and etcd from Go modules (once; cached in "
                + binaries.testDir()
                + ") ...");
        SetupScript.run(binaries, workDir, out);
      }
      out.println(
          "Starting etcd, kube-apiserver and kube-controller-manager of Kubernetes "
              + ControlPlaneBinaries.VERSION
              + " on 127.0.0.1 ...");
      out.flush();
      LocalControlPlane plane =
          cleanup.add(LocalControlPlane.prepare(binaries, workDir, List.of()));
      plane.start(List.of(crd()));
      Path log = workDir.resolve("operator.log");
      logTo(log, err);
      cleanup.add(() -> Logging.use("STDERR", "WARN")); // the CLI default, once the log is gone
      AppsegOperator operator = cleanup.add(startOperator(plane));
      out.println("Operator log: " + log);
      out.println("Operator metrics: " + operator.metricsUrl());
      apply(plane.client(), seg);
      awaitReady(plane.client(), seg);
      show(plane, out);
      out.printf("%nKUBECONFIG=%s%n", plane.kubeconfigFile());
      if (exit) {
        return 0;
      }
      out.println(
          "The operator is running. Try: export KUBECONFIG="
              + plane.kubeconfigFile()
              + "; kubectl get appseg -A. Ctrl-C stops everything and removes "
              + workDir
              + ".");
      out.flush();
      cleanup.awaitStop();
      return 0;
    }
  }

  private static InputStream crd() {
    return LocalCommand.class.getResourceAsStream("/META-INF/fabric8/" + CrdConstants.CRD_FILE);
  }

  /** The operator's info lines go to {@code log}; the terminal keeps the walkthrough. */
  private static void logTo(Path log, PrintWriter err) {
    System.setProperty("appseg.log.file", log.toString());
    String problem = Logging.use("file", "INFO");
    if (problem != null) {
      err.println("warning: the operator log stays on stderr: " + problem);
    }
  }

  private AppSegmentation readSample() throws IOException {
    String yaml;
    if (sample != null) {
      yaml = Files.readString(sample);
    } else {
      try (InputStream in = LocalCommand.class.getResourceAsStream(DEFAULT_SAMPLE)) {
        if (in == null) {
          throw new IOException("the jar does not contain " + DEFAULT_SAMPLE + "; pass -f");
        }
        yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    String source = sample == null ? DEFAULT_SAMPLE : sample.toString();
    List<Document> docs;
    try {
      docs = InputReader.parse(source, yaml);
    } catch (InputException e) {
      throw new IOException(e.getMessage());
    }
    Segmentations.Result result =
        Segmentations.load(docs, "default", command.commandLine().getErr());
    if (result.invalid() > 0 || result.valid().size() != 1) {
      throw new IllegalArgumentException(source + ": expected exactly one valid AppSegmentation");
    }
    return result.valid().get(0).segmentation();
  }

  private static AppsegOperator startOperator(LocalControlPlane plane) throws ConfigException {
    OperatorConfig config =
        OperatorConfig.fromEnv(
            Map.of(
                "APPSEG_LEADER_ELECTION",
                "false",
                "APPSEG_METRICS_ADDRESS",
                "127.0.0.1",
                "APPSEG_METRICS_PORT",
                "0"));
    AppsegOperator operator =
        AppsegOperator.create(
            plane.client().getConfiguration(),
            config,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            Clock.systemUTC());
    operator.start();
    return operator;
  }

  /**
   * Creates the namespaces the sample needs (granting its own namespace), then the AppSegmentation.
   */
  private static void apply(KubernetesClient client, AppSegmentation seg) {
    String own = seg.getMetadata().getNamespace();
    Set<String> namespaces = new LinkedHashSet<>();
    namespaces.add(own);
    seg.getSpec().getTiers().stream()
        .map(Tier::getNamespace)
        .filter(ns -> ns != null)
        .forEach(namespaces::add);
    for (String ns : namespaces) {
      var builder = new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata();
      if (!ns.equals(own)) {
        builder.editMetadata().addToAnnotations(Labels.GRANT_ANNOTATION, own).endMetadata();
      }
      client.namespaces().resource(builder.build()).createOr(NonDeletingOperation::update);
    }
    client.resource(seg).create();
  }

  private void awaitReady(KubernetesClient client, AppSegmentation seg) {
    client
        .resources(AppSegmentation.class)
        .inNamespace(seg.getMetadata().getNamespace())
        .withName(seg.getMetadata().getName())
        .waitUntilCondition(LocalCommand::isReady, timeoutSeconds, TimeUnit.SECONDS);
  }

  static boolean isReady(AppSegmentation s) {
    return s != null && StatusFactory.readyNow(s);
  }

  private static void show(LocalControlPlane plane, PrintWriter out)
      throws IOException, InterruptedException {
    kubectl(plane, out, "get", "appsegmentations", "-A", "-o", "wide");
    out.println();
    kubectl(plane, out, "get", "networkpolicies", "-A", "-l", Labels.MANAGED_SELECTOR);
  }

  /**
   * Shows what a user would type, run by the kubectl built with the control plane (same release).
   */
  private static void kubectl(LocalControlPlane plane, PrintWriter out, String... args)
      throws IOException, InterruptedException {
    out.println("$ kubectl " + String.join(" ", args));
    out.flush();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                plane.kubectlBinary().toString(),
                "--kubeconfig",
                plane.kubeconfigFile().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    out.print(text);
    out.flush();
  }
}
