package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TestCommandTest {
  private static final Path EXPECTATIONS = Samples.DIR.resolve("expectations");
  private static final String THREE_TIER = Samples.named("01-three-tier.yaml").toString();

  @TempDir Path tmp;

  static Stream<Path> samples() {
    return Samples.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleMeetsItsExpectationsFile(Path sample) {
    Path expectations = EXPECTATIONS.resolve(sample.getFileName());
    assertThat(expectations).as("every sample has an expectations file").exists();

    Cli.Result r = Cli.run("test", "-f", expectations.toString(), "-f", sample.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).matches("(\\d+) expectations: \\1 passed, 0 failed\n");
  }

  @Test
  void everyExpectationsFileHasItsSample() throws IOException {
    try (Stream<Path> files = Files.list(EXPECTATIONS)) {
      assertThat(files.map(f -> Samples.named(f.getFileName().toString()))).allMatch(Files::exists);
    }
  }

  @Test
  void aFailedExpectationIsReportedExitsThreeAndIsAFailureInTheJunitReport() throws IOException {
    Path file =
        expectations(
            """
          - {from: three-tier/frontend, to: three-tier/backend, port: 8080, expect: allowed}
          - {from: three-tier/frontend, to: three-tier/database, port: postgres, expect: allowed}
        """);
    Path junit = tmp.resolve("report.xml");

    Cli.Result r =
        Cli.run("test", "-f", file.toString(), "-f", THREE_TIER, "--junit", junit.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out().lines()).hasSize(2).last().isEqualTo("2 expectations: 1 passed, 1 failed");
    assertThat(r.out())
        .startsWith("FAIL " + file + ": expectations[1]: expected allowed, but production/");
    String xml = Files.readString(junit);
    assertThat(xml)
        .contains("<testsuite name=\"appseg test\" tests=\"2\" failures=\"1\" errors=\"0\"")
        .contains(
            "name=\"three-tier/frontend -&gt; three-tier/database:postgres/TCP allowed\"><failure message=");
  }

  @Test
  void podsByLabelsAndIpsAreEnds() throws IOException {
    Path file =
        expectations(
            """
          - {from: {namespace: ingress-nginx}, to: three-tier/frontend, port: 8080, expect: allowed}
          - {from: 192.0.2.1, to: {namespace: production, labels: {tier: database}}, port: 5432, expect: denied}
          - {from: three-tier/backend, to: {namespace: kube-system, labels: {k8s-app: kube-dns}}, port: 53,
             protocol: UDP, expect: allowed}
        """);

    Cli.Result r = Cli.run("test", "-f", file.toString(), "-f", THREE_TIER);

    assertThat(r.out()).as(r.toString()).isEqualTo("3 expectations: 3 passed, 0 failed\n");
  }

  @Test
  void everyProblemOfTheFileIsOneLineWithItsFieldPath() throws IOException {
    Path file =
        expectations(
            """
          - {from: three-tier/frontend, to: three-tier/backend, port: 0, expect: allowed}
          - {from: three-tier/frontend, to: three-tier/backend, port: 80, protocol: tcp, expect: maybe, extra: 1}
        """);

    Cli.Result r = Cli.run("test", "-f", file.toString(), "-f", THREE_TIER);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    List<String> lines = r.err().lines().toList();
    assertThat(lines).hasSize(4).allMatch(l -> l.startsWith("error: " + file + ": expectations["));
    assertThat(r.err())
        .contains("expectations[0].port: ")
        .contains("expectations[1]: unknown field \"extra\"")
        .contains("expectations[1].protocol: \"tcp\" is not TCP, UDP or SCTP")
        .contains("expectations[1].expect: must be allowed or denied, not \"maybe\"");
    Cli.assertNoStackTrace(r);
  }

  @Test
  void anEndThatNamesNothingIsAnErrorNotAPass() throws IOException {
    Path file =
        expectations(
            """
          - {from: three-tier/nope, to: three-tier/backend, port: 8080, expect: denied}
        """);

    Cli.Result r = Cli.run("test", "-f", file.toString(), "-f", THREE_TIER);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .endsWith(
            "\nerror: "
                + file
                + ": expectations[0].from: no tier, pod or address "
                + "\"three-tier/nope\" in the input\n");
  }

  @Test
  void aHostileNameInTheFileStaysOnItsOwnLineEscaped() throws IOException {
    Path file =
        expectations(
            """
          - {from: "three-tier/x\\n---\\nkind: Secret \\u001b[31m", to: three-tier/backend, port: 8080, expect: denied}
        """);

    Cli.Result r = Cli.run("test", "-f", file.toString(), "-f", THREE_TIER);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(OutputShape.controlCharacters(r)).isEmpty();
    assertThat(r.err().lines().filter(l -> l.startsWith("error: ")))
        .singleElement()
        .asString()
        .contains(
            "expectations[0].from: \"three-tier/x\\n---\\nkind: Secret \\u001b[31m\" is neither app/tier, "
                + "namespace/pod nor an IP address");
    Cli.assertNoStackTrace(r);
  }

  private Path expectations(String list) throws IOException {
    return Files.writeString(
        tmp.resolve("expect.yaml"),
        """
        apiVersion: appseg.io/v1alpha1
        kind: ConnectivityExpectations
        expectations:
        """
            + list);
  }
}
