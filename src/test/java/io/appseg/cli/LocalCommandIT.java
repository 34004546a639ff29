package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.local.ControlPlaneBinaries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code appseg local --exit}: the tier's control plane (the same release), the operator
 * in-process, the shipped sample Ready.
 */
class LocalCommandIT {

  @Test
  void startsAControlPlaneRunsTheOperatorAndShowsTheSampleReady() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new AppsegCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute("local", "--exit", "--timeout", "90");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(
            "kube-controller-manager of Kubernetes "
                + ControlPlaneBinaries.VERSION
                + " on 127.0.0.1")
        .contains("$ kubectl get appsegmentations -A -o wide")
        .doesNotContain(
            "WARNING") // kubectl and the server are one release: no version-skew warning
        .containsPattern(
            Pattern.compile(
                "production\\s+three-tier\\s+True\\s+Enforce\\s+3\\s+4\\s+\\S+\\s+Reconciled"))
        .contains(
            "three-tier.default-deny",
            "three-tier.frontend",
            "three-tier.backend",
            "three-tier.database")
        .containsPattern("KUBECONFIG=\\S+kubeconfig.yaml");
  }

  @Test
  void aBadSampleIsAnErrorWithoutStartingAnything() {
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new AppsegCommand())
            .setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err))
            .execute("local", "-f", "does-not-exist.yaml");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("error: ")
        .contains("does-not-exist.yaml")
        .doesNotContain("Exception");
  }
}
