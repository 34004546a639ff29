package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.testing.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI jobs of docs/ci.md, run as written: the appseg lines of the GitHub Actions and GitLab CI
 * jobs, each in bash, in a clone whose pull-request branch is one commit ahead of origin/main.
 * {@code $APPSEG} is the command line of this build (the jar's main class on the test class path)
 * instead of {@code java -jar}.
 */
class DocsCiJobsTest {
  private static final Path DOC = Samples.BASE.resolve("docs/ci.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
  private static final String BASE =
      Samples.BASE.resolve("src/test/resources/diff/three-tier.yaml").toString();

  @TempDir Path tmp;

  /** One command of a job and the exit code it ended with. */
  record Ran(String command, int exit, String output) {}

  @Test
  void aWideningPullRequestShowsTheOpenedConnectionAndFailsTheGateOnBothSystems()
      throws IOException {
    Path clone =
        pullRequest(
            read(BASE)
                .replace(
                    "    - {from: {tier: backend}, to: {tier: database}}",
                    "    - {from: {tier: backend}, to: {tier: database}}\n    - {from: {tier: frontend}, to: {tier: database}}"));

    for (List<Ran> job : List.of(github(clone), gitlab(clone))) {
      // render, diff: 0; test: 3, the sample's expectations say frontend -> database is denied; the
      // gate: 3
      assertThat(job).extracting(Ran::exit).as(job.toString()).containsExactly(0, 0, 3, 3);
      assertThat(read(clone.resolve("appseg-diff.md").toString()))
          .contains(
              "| opened | three-tier/frontend | three-tier/database | +5432/TCP |  | spec.flows\\[3\\] |");
      assertThat(read(clone.resolve("appseg-test.xml").toString()))
          .contains("tests=\"12\" failures=\"1\"");
    }
  }

  @Test
  void aPullRequestThatOnlyReordersFlowsShowsNoChangeAndPasses() throws IOException {
    Path clone =
        pullRequest(
            read(
                Samples.BASE
                    .resolve("src/test/resources/diff/three-tier-reordered.yaml")
                    .toString()));

    List<Ran> job = github(clone);

    assertThat(job).extracting(Ran::exit).as(job.toString()).containsExactly(0, 0, 0, 0);
    assertThat(read(clone.resolve("appseg-diff.md").toString()))
        .contains("**Connections:** no connection changes.");
  }

  /**
   * origin (main: the base app and the sample's expectations), and a clone on a branch with {@code
   * head}.
   */
  private Path pullRequest(String head) throws IOException {
    GitRepo origin =
        new GitRepo(tmp.resolve("origin")).commit("apps/three-tier.yaml", read(BASE), "the app");
    origin.commit(
        "expectations/three-tier.yaml",
        read(Samples.BASE.resolve("samples/expectations/01-three-tier.yaml").toString()),
        "its expectations");
    Path clone = tmp.resolve("clone");
    origin.git("clone", "-q", origin.dir.toString(), clone.toString());
    GitRepo pr = new GitRepo(clone);
    pr.git("checkout", "-q", "-b", "change");
    pr.commit("apps/three-tier.yaml", head, "the change");
    return clone;
  }

  private List<Ran> github(Path clone) throws IOException {
    JsonNode job = block("on: pull_request").path("jobs").path("connectivity");
    List<String> commands = new ArrayList<>();
    job.path("steps")
        .forEach(
            s -> {
              if (s.path("name").asText().startsWith("appseg")) {
                commands.add(s.path("run").asText());
              }
            });
    Path summary = Files.createTempFile(tmp, "summary", ".md");
    return run(
        clone,
        commands,
        env(
            job.path("env"),
            Map.of("GITHUB_BASE_REF", "main", "GITHUB_STEP_SUMMARY", summary.toString())));
  }

  private List<Ran> gitlab(Path clone) throws IOException {
    JsonNode job = block("image: eclipse-temurin").path("appseg");
    List<String> commands = new ArrayList<>();
    job.path("script")
        .forEach(
            line -> {
              if (line.asText().startsWith("$APPSEG")) {
                commands.add(line.asText());
              }
            });
    return run(
        clone,
        commands,
        env(job.path("variables"), Map.of("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")));
  }

  /** Each command in bash, as a runner would: the job's variables plus the CI system's own. */
  private static List<Ran> run(Path dir, List<String> commands, Map<String, String> env)
      throws IOException {
    List<Ran> ran = new ArrayList<>();
    for (String command : commands) {
      ProcessBuilder pb =
          new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", command)
              .directory(dir.toFile())
              .redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      try {
        ran.add(new Ran(command, p.waitFor(), output));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    return ran;
  }

  private static Map<String, String> env(JsonNode variables, Map<String, String> system) {
    Map<String, String> env = new HashMap<>(system);
    variables.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    env.put(
        "APPSEG",
        env.get("APPSEG")
            .replace("-jar appseg.jar", "-cp " + classPath + " " + AppsegCommand.class.getName()));
    return env;
  }

  /** The YAML block of docs/ci.md that holds {@code marker}. */
  private static JsonNode block(String marker) throws IOException {
    Matcher m = YAML_BLOCK.matcher(read(DOC.toString()));
    while (m.find()) {
      if (m.group(1).contains(marker)) {
        return new YAMLMapper().readTree(m.group(1));
      }
    }
    throw new AssertionError("no yaml block with " + marker + " in " + DOC);
  }

  private static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }
}
