package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code appseg diff} on a base and a changed three-tier app: each output format against its golden
 * file ({@code -Dgolden.update=true} rewrites them; review the diff), the gate's exit codes, and
 * git refs.
 */
class DiffCommandTest {
  private static final Path DIR = Path.of("src/test/resources/diff");
  private static final String BASE = DIR.resolve("three-tier.yaml").toString();
  private static final String CHANGED = DIR.resolve("three-tier-changed.yaml").toString();
  private static final String REORDERED = DIR.resolve("three-tier-reordered.yaml").toString();
  private static final Path GOLDEN = Path.of("src/test/resources/golden/diff");

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "text, changed.txt",
    "markdown, changed.md",
    "json, changed.json",
    "mermaid, changed.mmd"
  })
  void eachFormatMatchesItsGoldenFile(String format, String golden) throws IOException {
    Cli.Result r = Cli.run("diff", "--base", BASE, "--head", CHANGED, "-o", format);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Path file = GOLDEN.resolve(golden);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, r.out());
    }
    assertThat(r.out()).isEqualTo(Files.readString(file));
  }

  @ParameterizedTest(name = "--fail-on {0} -> {1}")
  @CsvSource({"opened, 3", "closed, 3", "any, 3"})
  void theGateFailsOnWhatItNames(String failOn, int exit) {
    assertThat(Cli.run("diff", "--base", BASE, "--head", CHANGED, "--fail-on", failOn).exitCode())
        .isEqualTo(exit);
  }

  @Test
  void onlyWideningFailsOnlyTheOpenedGate() throws IOException {
    Path widened =
        Files.writeString(
            tmp.resolve("widened.yaml"),
            Files.readString(Path.of(BASE))
                .replace(
                    "    - {from: {tier: backend}, to: {tier: database}}",
                    "    - {from: {tier: backend}, to: {tier: database}}\n    - {from: {tier: frontend}, to: {tier: database}}"));

    assertThat(
            Cli.run("diff", "--base", BASE, "--head", widened.toString(), "--fail-on", "opened")
                .exitCode())
        .isEqualTo(3);
    assertThat(
            Cli.run("diff", "--base", BASE, "--head", widened.toString(), "--fail-on", "closed")
                .exitCode())
        .isZero();
  }

  @Test
  void reorderedFlowsShowNoChangeAndPassTheGate() {
    Cli.Result r = Cli.run("diff", "--base", BASE, "--head", REORDERED, "--fail-on", "any");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(": no connection changes\n")
        .contains("generated policies: 0 created, 0 changed, 0 removed\n");
  }

  @Test
  void gitRefsReadThePathsAtEachCommit() throws IOException {
    GitRepo repo =
        new GitRepo(tmp)
            .commit("apps/three-tier.yaml", Files.readString(Path.of(BASE)), "base")
            .commit("apps/three-tier.yaml", Files.readString(Path.of(CHANGED)), "head");

    Cli.Result byRef =
        Cli.run(
            "diff", "--repo", repo.dir.toString(), "--base", "HEAD~1", "--head", "main", "apps/");
    Cli.Result byPath = Cli.run("diff", "--base", BASE, "--head", CHANGED);

    assertThat(byRef.exitCode()).as(byRef.toString()).isZero();
    assertThat(byRef.out())
        .startsWith("connectivity HEAD~1 -> main: 1 opened, 1 closed, 1 with ports changed\n")
        .endsWith(byPath.out().substring(byPath.out().indexOf('\n')));
  }

  @Test
  void anAppMissingAtTheBaseCommitIsNew() throws IOException {
    GitRepo repo =
        new GitRepo(tmp)
            .commit("README.md", "empty\n", "first")
            .commit("apps/three-tier.yaml", Files.readString(Path.of(BASE)), "add the app");

    Cli.Result r =
        Cli.run(
            "diff", "--repo", repo.dir.toString(), "--base", "HEAD~1", "--head", "HEAD", "apps/");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("generated policies: 4 created, 0 changed, 0 removed");
  }

  @Test
  void aRefThatIsNeitherAPathNorACommitIsOneLineError() {
    Cli.Result r =
        Cli.run("diff", "--repo", tmp.toString(), "--base", "no-such-ref", "--head", BASE, "apps/");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: --base no-such-ref: neither a file or directory nor a git commit of the "
                + "repository\n");
  }

  @Test
  void anInvalidSideIsReportedWithFileAndFieldPath() throws IOException {
    Path bad =
        Files.writeString(
            tmp.resolve("bad.yaml"),
            Files.readString(Path.of(BASE)).replace("to: {tier: database}", "to: {tier: nope}"));

    Cli.Result r = Cli.run("diff", "--base", BASE, "--head", bad.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("error: " + bad + ": spec.flows[2].to: tier \"nope\" is not declared")
        .contains("error: --head: 1 invalid AppSegmentation(s); nothing compared");
    Cli.assertNoStackTrace(r);
  }
}
