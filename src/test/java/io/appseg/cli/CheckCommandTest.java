package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path tmp;

  @Test
  void anAppAloneHasNoGaps() {
    Cli.Result r = Cli.run("check", "-f", Samples.named("02-database-isolation.yaml").toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("production/postgresql: no gaps\n");
  }

  @Test
  void samplesInOneNamespaceWorkTogetherBecauseThePeerGetsItsHalf() {
    Cli.Result r =
        Cli.run(
            "check",
            "-f",
            Samples.named("01-three-tier.yaml").toString(),
            "-f",
            Samples.named("02-database-isolation.yaml").toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo("production/three-tier: no gaps\nproduction/postgresql: no gaps\n");
  }

  @Test
  void aDenyWhereTheAppCannotWriteIsReportedWithTheFlowAndThePolicy() throws IOException {
    Path files = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(
        files.resolve("app.yaml"),
        Files.readString(Samples.named("02-database-isolation.yaml"))
            .replace(
                "podSelector: {matchLabels: {app: api-server}}",
                "namespace: apis, podSelector: {matchLabels: {app: api-server}}"));
    Files.writeString(
        files.resolve("lockdown.yaml"),
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: lockdown, namespace: apis}
        spec: {podSelector: {}, policyTypes: [Egress]}
        """);
    Cli.Result r = Cli.run("check", "-f", files.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.out())
        .startsWith("production/postgresql: 2 declared connections denied, 0 undeclared allowed\n")
        .contains(
            "  denied: spec.flows[0] apis/flow-peer-0 -> production/tier-postgresql-a:5432/TCP is denied "
                + "by NetworkPolicy apis/lockdown\n");
    Cli.assertNoStackTrace(r);
  }

  @Test
  void aHandWrittenAllowAllInTheFilesIsNamedAsAnExposure() throws IOException {
    Path allowAll =
        Files.writeString(
            tmp.resolve("allow-all.yaml"),
            """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-all, namespace: production}
        spec: {podSelector: {}, ingress: [{}], policyTypes: [Ingress]}
        """);
    Cli.Result r =
        Cli.run(
            "check",
            "--max",
            "1",
            "-f",
            Samples.named("02-database-isolation.yaml").toString(),
            "-f",
            allowAll.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.out())
        .contains("undeclared allowed")
        .contains("  exposed: ")
        .contains("is not declared but allowed by NetworkPolicy production/allow-all")
        .contains("... and ");
  }

  @Test
  void noAppSegmentationIsAnError() throws IOException {
    Path pods =
        Files.writeString(
            tmp.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
    Cli.Result r = Cli.run("check", "-f", pods.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: no AppSegmentation found in the input\n");
  }
}
