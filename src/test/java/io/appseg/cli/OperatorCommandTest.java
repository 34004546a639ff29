package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code appseg operator}: configuration and start-up problems are one line each that says what to
 * do, with exit code 2 (configuration) or 1 (the cluster), at once and without a stack trace.
 */
@EnableKubernetesMockClient
class OperatorCommandTest {
  private static final Map<String, String> ENV = Map.of("APPSEG_LEADER_ELECTION", "false");
  private static final String SEGMENTATIONS = "/apis/appseg.io/v1alpha1/appsegmentations?limit=1";
  private static final String POLICIES = "/apis/networking.k8s.io/v1/networkpolicies?limit=1";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void aBadVariableIsAPlainMessageAndExitCode2() {
    Outcome r =
        run(
            Map.of("APPSEG_LEADER_ELECTION", "maybe", "APPSEG_METRICS_PORT", "http"),
            Config::empty);

    assertThat(r.code()).isEqualTo(OperatorCommand.CONFIG_ERROR);
    assertThat(r.err())
        .contains("appseg operator: APPSEG_LEADER_ELECTION must be true or false, got 'maybe'")
        .contains("APPSEG_METRICS_PORT must be a port 0-65535, got 'http'")
        .doesNotContain("Exception");
  }

  @Test
  void aMissingCrdSaysHowToInstallIt() {
    server
        .expect()
        .get()
        .withPath(SEGMENTATIONS)
        .andReturn(404, status(404, "the server could not find the requested resource"))
        .once();

    Outcome r = run(ENV, client::getConfiguration);

    assertThat(r.code()).isEqualTo(OperatorCommand.START_ERROR);
    assertThat(r.err())
        .isEqualTo(
            "appseg operator: the AppSegmentation CRD (appsegmentations.appseg.io) is not"
                + " installed in this cluster; install it with: kubectl apply --server-side -k"
                + " crds/ (the Helm chart installs it too)\n");
  }

  @Test
  void deniedAccessNamesWhatAndWhereToGrantIt() {
    server
        .expect()
        .get()
        .withPath(SEGMENTATIONS)
        .andReturn(200, "{\"kind\":\"List\",\"items\":[]}")
        .once();
    String denied =
        "networkpolicies.networking.k8s.io is forbidden: User \"system:serviceaccount:x:op\""
            + " cannot list resource \"networkpolicies\" in API group \"networking.k8s.io\" at"
            + " the cluster scope";
    server.expect().get().withPath(POLICIES).andReturn(403, status(403, denied)).once();

    Outcome r = run(ENV, client::getConfiguration);

    assertThat(r.code()).isEqualTo(OperatorCommand.START_ERROR);
    assertThat(r.err())
        .isEqualTo(
            "appseg operator: access denied: "
                + denied
                + "; bind the operator's ClusterRole (config/rbac, or install the Helm chart) to"
                + " this identity\n");
  }

  @Test
  void anUnreachableApiServerIsOneLineAtOnce() {
    Config nowhere = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").build();
    long start = System.nanoTime();

    Outcome r = run(ENV, () -> nowhere);

    assertThat(r.code()).isEqualTo(OperatorCommand.START_ERROR);
    assertThat(r.err())
        .startsWith("appseg operator: cannot reach the API server at https://127.0.0.1:1/: ")
        .contains("connection refused")
        .contains("; check that the cluster is running and that the kubeconfig")
        .hasLineCount(1)
        .doesNotContain("Exception");
    assertThat(System.nanoTime() - start).as("no retries").isLessThan(10_000_000_000L);
  }

  private static Status status(int code, String message) {
    return new StatusBuilder().withCode(code).withMessage(message).withStatus("Failure").build();
  }

  private record Outcome(int code, String err) {}

  private static Outcome run(Map<String, String> env, Supplier<Config> kube) {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new OperatorCommand(env, kube)).setErr(new PrintWriter(err)).execute();
    return new Outcome(code, err.toString());
  }
}
