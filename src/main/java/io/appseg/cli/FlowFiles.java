package io.appseg.cli;

import io.appseg.flows.FlowLog;
import io.appseg.flows.FlowReader;
import io.appseg.flows.ReadStats;
import io.appseg.text.Escape;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --flows} files of {@code audit} and {@code propose}, read into one log. Each file's
 * counts (flows, skipped and broken lines with their reasons) go to stderr as a note; only a file
 * that cannot be opened is an error.
 */
final class FlowFiles {
  @Option(
      names = "--flows",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Recorded flows: hubble observe -o json, Calico Goldmane flows (JSON lines), or CSV "
              + "(time,src_ns,src_pod,src_ip,dst_ns,dst_pod,dst_ip,port,protocol). Repeatable.")
  List<Path> paths = new ArrayList<>();

  /** Distinct connections kept; beyond this, observations are counted as dropped. */
  static final int LIMIT = 1_000_000;

  /** Parsing threads: a file of a million flows is parsed on every core. */
  private static final int THREADS = Runtime.getRuntime().availableProcessors();

  record Read(FlowLog log, List<ReadStats> files) {}

  Read read(PrintWriter err) throws InputException {
    FlowLog log = new FlowLog(LIMIT);
    List<ReadStats> files = new ArrayList<>();
    for (Path path : paths) {
      String name = Escape.visible(path.toString());
      if (!Files.isRegularFile(path)) {
        throw new InputException(name + ": no such flow file");
      }
      try (InputStream in = Files.newInputStream(path)) {
        ReadStats stats = FlowReader.read(name, in, log, THREADS);
        err.println("note: " + name + ": " + stats.summary());
        files.add(stats);
      } catch (IOException | UncheckedIOException e) {
        throw new InputException(name + ": cannot read: " + e.getMessage());
      }
    }
    if (log.dropped() > 0) {
      err.printf(
          "note: more than %d distinct connections; %d observations beyond them not judged%n",
          LIMIT, log.dropped());
    }
    return new Read(log, files);
  }
}
