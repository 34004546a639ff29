package io.appseg.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** CPU and memory of a process from /proc (Linux), so each process is measured from outside. */
public final class ProcStats {
  /** USER_HZ: the unit of utime and stime in /proc/PID/stat on every Linux we run on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {}

  /** User plus system CPU seconds used so far. */
  static double cpuSeconds(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  /** Resident set size now (VmRSS) or its peak (VmHWM), in MiB. */
  static double memoryMiB(long pid, String field) {
    return read(Path.of("/proc", Long.toString(pid), "status"))
        .lines()
        .filter(l -> l.startsWith(field + ":"))
        .map(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + field + " for pid " + pid));
  }

  /** The process whose command line holds every one of these arguments (e.g. our port). */
  public static Optional<Long> find(String executable, String argument) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> matches(p.resolve("cmdline"), executable, argument))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first process whose command line (executable and arguments) satisfies {@code test}. */
  public static Optional<Long> find(Predicate<List<String>> test) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> test.test(arguments(p.resolve("cmdline"))))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The executable and arguments the process was started with. */
  public static List<String> commandLine(long pid) {
    return arguments(Path.of("/proc", Long.toString(pid), "cmdline"));
  }

  private static List<String> arguments(Path cmdline) {
    try {
      return List.of(Files.readString(cmdline, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of(); // the process ended or is not ours to read
    }
  }

  private static boolean matches(Path cmdline, String executable, String argument) {
    List<String> args = arguments(cmdline);
    return !args.isEmpty()
        && args.get(0).endsWith(executable)
        && args.stream().anyMatch(a -> a.equals(argument) || a.endsWith("=" + argument));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
