package io.appseg.it;

import io.appseg.local.ControlPlaneBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs kubectl against the test server, to check what users see (printer columns, short names,
 * explain, the README's commands): the kubectl built with the control plane, so client and server
 * are the same release.
 */
public final class Kubectl {

  /** What a kubectl run printed. */
  public record Result(int exitCode, String stdout, String stderr) {

    /** The stdout lines. */
    public List<String> lines() {
      return stdout.lines().toList();
    }

    /** The column names of a {@code kubectl get} table (its first line). */
    public List<String> header() {
      return List.of(lines().get(0).trim().split("\\s+"));
    }

    /**
     * The rows of a {@code kubectl get} table as column name to cell. Cells are cut at the header's
     * column offsets (kubectl aligns them), so values containing spaces stay whole.
     */
    public List<Map<String, String>> table() {
      List<String> lines = lines();
      List<String> columns = header();
      int[] starts = columnStarts(lines.get(0), columns);
      return lines.stream().skip(1).map(line -> row(line, columns, starts)).toList();
    }

    private static int[] columnStarts(String headerLine, List<String> columns) {
      int[] starts = new int[columns.size()];
      int from = 0;
      for (int i = 0; i < starts.length; i++) {
        starts[i] = headerLine.indexOf(columns.get(i), from);
        from = starts[i] + columns.get(i).length();
      }
      return starts;
    }

    private static Map<String, String> row(String line, List<String> columns, int[] starts) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < starts.length; i++) {
        int end = i + 1 < starts.length ? Math.min(starts[i + 1], line.length()) : line.length();
        row.put(columns.get(i), starts[i] < end ? line.substring(starts[i], end).trim() : "");
      }
      return row;
    }
  }

  private static final Path KUBECTL = ControlPlaneBinaries.locate().binary("kubectl");
  private static final long TIMEOUT_SECONDS = 60;

  private final Path kubeconfig;
  private final Path workDir;

  Kubectl(Path kubeconfig, Path workDir) {
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  /**
   * Runs {@code kubectl <args>} in the project root; the result carries the exit code, asserting it
   * is up to the test.
   */
  public Result run(String... args) {
    if (!Files.isExecutable(KUBECTL)) {
      throw new IllegalStateException(
          "kubectl not found at " + KUBECTL + "; " + ControlPlaneBinaries.SETUP_HINT);
    }
    try {
      return execute(command(args));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running kubectl", e);
    }
  }

  private List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                KUBECTL.toString(),
                "--kubeconfig=" + kubeconfig,
                "--cache-dir=" + workDir.resolve("kubectl-cache")));
    command.addAll(List.of(args));
    return command;
  }

  private Result execute(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "kubectl-", ".out");
    Path err = Files.createTempFile(workDir, "kubectl-", ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(ProjectFiles.root().toFile()) // relative paths (-k crds/) as in the README
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "kubectl timed out after " + TIMEOUT_SECONDS + " s: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
