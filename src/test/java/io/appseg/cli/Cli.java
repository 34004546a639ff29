package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@code appseg} in-process and captures exit code, stdout and stderr. */
final class Cli {
  record Result(int exitCode, String out, String err) {
    /** For assertions: everything the user saw. */
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AppsegCommand.commandLine(out, err).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * One command line for many runs (picocli resets every option before each parse): building it
   * costs more than most runs, which matters to tests that run thousands.
   */
  static final class Reused {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = AppsegCommand.commandLine(out, err);

    Result run(String... args) {
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      int code = commandLine.execute(args);
      commandLine.getOut().flush();
      commandLine.getErr().flush();
      return new Result(code, out.toString(), err.toString());
    }
  }

  static void assertNoStackTrace(Result r) {
    assertThat(r.err()).doesNotContain("Exception").doesNotContainPattern("\\tat [a-z]");
  }

  /**
   * A kubeconfig whose context {@code mock} reaches the given (mock) API server; the current
   * context does not.
   */
  static Path kubeconfig(Path dir, Config mock) throws IOException {
    return Files.writeString(
        dir.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters:
          - {name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}
          - {name: nowhere, cluster: {server: "https://127.0.0.1:1"}}
        users: [{name: tester, user: {token: test-token}}]
        contexts:
          - {name: mock, context: {cluster: mock, user: tester}}
          - {name: nowhere, context: {cluster: nowhere, user: tester}}
        current-context: nowhere
        """
            .formatted(mock.getMasterUrl()));
  }

  private Cli() {}
}
