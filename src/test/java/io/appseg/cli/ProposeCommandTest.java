package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code appseg propose}: from the recorded flows of each format, an AppSegmentation whose audit
 * against the same flows is clean; a second run with more flows changes only what they need.
 */
class ProposeCommandTest {
  private static final Golden GOLDEN =
      new Golden(AuditCommandTest.FLOWS.resolve("proposals"), ProposeCommandTest.class);

  static String flows(String name) {
    return AuditCommandTest.flows(name);
  }

  static Path propose(Path dir, String name, String... args) throws Exception {
    Cli.Result r = Cli.run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Cli.assertNoStackTrace(r);
    return Files.writeString(dir.resolve(name), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hubble.json", "calico.json", "flows.csv"})
  void proposeThenAuditTheSameFlowsIsClean(String file, @TempDir Path dir) throws Exception {
    Path proposal =
        propose(
            dir,
            "proposal.yaml",
            "propose",
            "--flows",
            flows(file),
            "-n",
            "production",
            "-f",
            flows("pods.yaml"));
    Cli.Result audit =
        Cli.run(
            "audit",
            "--flows",
            flows(file),
            "-f",
            proposal.toString(),
            "-f",
            flows("pods.yaml"),
            "--fail-on",
            "denied");
    assertThat(audit.exitCode()).as(audit.toString()).isZero();
    assertThat(audit.out()).contains("none would be denied").doesNotContain("never observed");
    Cli.Result render = Cli.run("render", "-f", proposal.toString());
    assertThat(render.exitCode()).as(render.toString()).isZero();
  }

  @Test
  void theHubbleProposalIsItsGoldenFile(@TempDir Path dir) throws Exception {
    Path proposal =
        propose(dir, "p.yaml", "propose", "--flows", flows("hubble.json"), "-n", "production");
    GOLDEN.check("proposal-hubble.yaml", Files.readString(proposal));
  }

  @Test
  void aSecondRunWithMoreFlowsOnlyAppendsAndWidens(@TempDir Path dir) throws Exception {
    Path first =
        propose(dir, "first.yaml", "propose", "--flows", flows("hubble.json"), "-n", "production");
    Path second =
        propose(
            dir,
            "second.yaml",
            "propose",
            "--flows",
            flows("hubble.json"),
            flows("hubble-more.json"),
            "-n",
            "production",
            "--base",
            first.toString());
    GOLDEN.check("proposal-hubble-more.yaml", Files.readString(second));
    List<String> before = Files.readAllLines(first);
    List<String> after = Files.readAllLines(second);
    // Every line of the first proposal is still there, in order (only comments' counts change).
    int at = 0;
    for (String line : before.subList(1, before.size())) {
      if (line.trim().startsWith("#")) {
        continue;
      }
      while (!after.get(at).equals(line)) {
        at++;
      }
    }
    Cli.Result audit =
        Cli.run(
            "audit",
            "--flows",
            flows("hubble.json"),
            flows("hubble-more.json"),
            "-f",
            second.toString(),
            "--fail-on",
            "denied");
    assertThat(audit.exitCode()).as(audit.toString()).isZero();
  }

  @Test
  void recordsWithoutLabelsAndNoManifestsCannotBeProposedAndSaySo() {
    Cli.Result r = Cli.run("propose", "--flows", flows("flows.csv"), "-n", "production");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .endsWith(
            "error: workload backend-7c9d8e6f5b: its pods share no label to select them by; give their"
                + " manifests with -f, or --group-by a label key they carry\n");
  }

  @Test
  void groupingByALabelKeyNamesTiersByItsValues(@TempDir Path dir) throws Exception {
    Path p =
        propose(
            dir,
            "p.yaml",
            "propose",
            "--flows",
            flows("hubble.json"),
            "-n",
            "production",
            "--group-by",
            "tier");
    assertThat(Files.readString(p))
        .contains(
            "  - name: frontend\n    podSelector:\n      matchLabels:\n        tier: frontend\n");
    Cli.Result bad =
        Cli.run(
            "propose", "--flows", flows("hubble.json"), "-n", "production", "--group-by", "a b");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith("--group-by: \"a b\" is neither owner nor a label key");
  }
}
