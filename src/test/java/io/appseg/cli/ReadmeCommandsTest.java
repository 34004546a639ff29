package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.it.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough, word for word: every {@code $ appseg ...} of its text blocks is run
 * from the project's root and must print exactly the lines shown ({@code ...} stands for lines left
 * out; {@code $ echo $?} for the exit code), and every inline {@code appseg <command> -f <path>}
 * must run cleanly. Commands that need a cluster or a git history are named here, with where they
 * are tested instead, so none is left out silently.
 */
class ReadmeCommandsTest {
  private static final Path README = ProjectFiles.root().resolve("README.md");
  private static final Pattern TEXT_BLOCK = Pattern.compile("```text\n(.*?)```", Pattern.DOTALL);
  private static final Pattern INLINE = Pattern.compile("`(appseg [a-z]+ -f [^`]+)`");

  /** Shown in the README but run elsewhere: the command's start, and the test that runs it. */
  private static final Map<String, String> RUN_ELSEWHERE =
      Map.of(
          "appseg diff --base main --head HEAD apps/",
          "DiffCommandTest (a git repository of its own)",
          "appseg explain --live -f my-app.yaml",
          "ExplainCommandTest (--live against a mock API server)");

  private record Example(String command, List<String> expected, Integer exitCode) {}

  @Test
  void everyCommandInATextBlockPrintsWhatTheReadmeShows() throws IOException {
    List<Example> examples = examples(Files.readString(README));
    List<String> elsewhere = new ArrayList<>();
    int run = 0;
    for (Example e : examples) {
      String skipped =
          RUN_ELSEWHERE.keySet().stream().filter(e.command()::startsWith).findFirst().orElse(null);
      if (skipped != null) {
        elsewhere.add(skipped);
        continue;
      }
      Cli.Result r = Cli.run(args(e.command()));
      assertLines(e, r);
      if (e.exitCode() != null) {
        assertThat(r.exitCode()).as(e.command()).isEqualTo(e.exitCode());
      }
      run++;
    }
    assertThat(elsewhere)
        .as("each exception is still in the README: " + elsewhere)
        .hasSize(RUN_ELSEWHERE.size());
    assertThat(run).as("commands run").isGreaterThanOrEqualTo(6);
  }

  @Test
  void everyInlineCommandOnFilesOfTheProjectRunsCleanly() throws IOException {
    Matcher m = INLINE.matcher(Files.readString(README));
    int run = 0;
    while (m.find()) {
      if (!filesExist(m.group(1))) {
        continue; // a placeholder such as app.yaml: the user's own file
      }
      Cli.Result r = Cli.run(args(m.group(1)));
      assertThat(r.exitCode()).as(m.group(1) + "\n" + r).isZero();
      assertThat(r.err()).as(m.group(1)).doesNotContain("error:");
      run++;
    }
    assertThat(run).as("inline commands run").isGreaterThanOrEqualTo(3);
  }

  /**
   * The README shows what a terminal shows: stderr and stdout interleaved. The lines shown must be
   * an interleaving of the two streams, each in its own order, {@code ...} standing for any lines.
   */
  private static void assertLines(Example e, Cli.Result r) {
    List<String> err = trimmed(r.err().lines().toList());
    List<String> out = trimmed(r.out().lines().toList());
    assertThat(interleaves(e.expected(), 0, err, 0, out, 0, new HashSet<>()))
        .as(e.command() + "\nshown:\n" + String.join("\n", e.expected()) + "\n" + r)
        .isTrue();
  }

  private static boolean interleaves(
      List<String> shown,
      int i,
      List<String> err,
      int j,
      List<String> out,
      int k,
      Set<String> failed) {
    if (i == shown.size()) {
      return j == err.size() && k == out.size();
    }
    String state = i + "/" + j + "/" + k;
    if (failed.contains(state)) {
      return false;
    }
    String line = shown.get(i);
    boolean ok =
        line.equals("...")
            ? interleaves(shown, i + 1, err, j, out, k, failed)
                || j < err.size() && interleaves(shown, i, err, j + 1, out, k, failed)
                || k < out.size() && interleaves(shown, i, err, j, out, k + 1, failed)
            : j < err.size()
                    && line.equals(err.get(j))
                    && interleaves(shown, i + 1, err, j + 1, out, k, failed)
                || k < out.size()
                    && line.equals(out.get(k))
                    && interleaves(shown, i + 1, err, j, out, k + 1, failed);
    if (!ok) {
      failed.add(state);
    }
    return ok;
  }

  /** Each {@code $ appseg} line, the lines up to the next {@code $}, and an {@code echo $?}. */
  private static List<Example> examples(String readme) {
    List<Example> examples = new ArrayList<>();
    Matcher block = TEXT_BLOCK.matcher(readme);
    while (block.find()) {
      List<String> lines = block.group(1).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).startsWith("$ appseg ")) {
          continue;
        }
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).startsWith("$ ")) {
          end++;
        }
        Integer exit = null;
        if (end + 1 < lines.size() && lines.get(end).equals("$ echo $?")) {
          exit = Integer.valueOf(lines.get(end + 1).trim());
        }
        examples.add(
            new Example(lines.get(i).substring(2), trimmed(lines.subList(i + 1, end)), exit));
      }
    }
    return examples;
  }

  private static List<String> trimmed(List<String> lines) {
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isBlank()) {
      end--;
    }
    return List.copyOf(lines.subList(0, end));
  }

  private static boolean filesExist(String command) {
    String[] words = args(command);
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equals("-f") && !Files.exists(ProjectFiles.root().resolve(words[i + 1]))) {
        return false;
      }
    }
    return true;
  }

  private static String[] args(String command) {
    List<String> words = Arrays.asList(command.trim().split("\\s+"));
    return words.subList(1, words.size()).toArray(String[]::new);
  }
}
