package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.local.ControlPlaneBinaries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code appseg local} in its own JVM, with a private temp directory: after SIGTERM or SIGINT to
 * that JVM alone, or a normal exit, no child process survives and the temp directory is empty
 * (kubeconfig, logs, etcd's data and WAL all removed). While it runs, its metrics answer on
 * 127.0.0.1 at the printed URL and the operator writes to the printed log file.
 */
class LocalShutdownIT {
  private static final Pattern METRICS = Pattern.compile("Operator metrics: (http://\\S+)");
  private static final Pattern LOG = Pattern.compile("Operator log: (\\S+)");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aSignalToTheJvmAloneLeavesNoProcessAndNoDirectory(String signal) throws Exception {
    Run run = Run.start(tmp, "local");
    await().atMost(Duration.ofMinutes(3)).until(() -> run.printed("The operator is running"));
    List<ProcessHandle> children = run.process.descendants().toList();
    assertThat(children).as("etcd, kube-apiserver, kube-controller-manager").hasSizeGreaterThan(2);
    assertMetricsOnLoopbackAndLogWritten(run);

    new ProcessBuilder("kill", "-" + signal, Long.toString(run.process.pid())).start().waitFor();

    await().atMost(Duration.ofSeconds(60)).until(() -> !run.process.isAlive());
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aNormalExitLeavesNoProcessAndNoDirectory() throws Exception {
    Run run = Run.start(tmp, "local", "--exit");
    await().atMost(Duration.ofMinutes(3)).until(() -> run.printed("KUBECONFIG="));
    List<ProcessHandle> children = run.process.descendants().toList();

    await().atMost(Duration.ofSeconds(60)).until(() -> !run.process.isAlive());
    assertThat(run.process.exitValue()).as(run.text()).isZero();
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(leftovers()).isEmpty();
  }

  private static void assertMetricsOnLoopbackAndLogWritten(Run run) throws Exception {
    String url = run.group(METRICS);
    assertThat(url).startsWith("http://127.0.0.1:");
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("appseg_");
    Path log = Path.of(run.group(LOG));
    assertThat(Files.readString(log)).contains("INFO");
  }

  private List<Path> leftovers() throws IOException {
    try (var files = Files.list(tmp.resolve("java-tmp"))) {
      return files.toList();
    }
  }

  /** The CLI in a child JVM, on this test's class path, its output collected line by line. */
  private record Run(Process process, List<String> lines) {
    static Run start(Path tmp, String... args) throws IOException {
      Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Djava.io.tmpdir=" + javaTmp);
      command.add("-Dappseg.kube.test.dir=" + ControlPlaneBinaries.locate().testDir());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(AppsegCommand.class.getName());
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      Run run = new Run(process, new CopyOnWriteArrayList<>());
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  in.lines().forEach(run.lines::add);
                } catch (IOException e) {
                  run.lines.add("(output unreadable: " + e.getMessage() + ")");
                }
              });
      reader.setDaemon(true);
      reader.start();
      return run;
    }

    boolean printed(String text) {
      assertThat(process.isAlive() || lines.stream().anyMatch(l -> l.contains(text)))
          .as("the command ended early:%n%s", text())
          .isTrue();
      return lines.stream().anyMatch(l -> l.contains(text));
    }

    String group(Pattern pattern) {
      return lines.stream()
          .map(pattern::matcher)
          .filter(Matcher::find)
          .map(m -> m.group(1))
          .findFirst()
          .orElseThrow(() -> new AssertionError(pattern + " not printed:\n" + text()));
    }

    String text() {
      return String.join("\n", lines);
    }
  }
}
