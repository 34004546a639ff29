package io.appseg.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar target/appseg.jar operator} as a child process, with the JVM flags under test:
 * its CPU, memory and meters are read from outside, as in production.
 */
public final class OperatorProcess implements AutoCloseable {
  /**
   * Processes started in this run: {@code <n>} in a JVM flag becomes the process's number, so that
   * each one's flight recording has a file of its own (JDK 17 expands no {@code %p} there).
   */
  private static final AtomicInteger STARTS = new AtomicInteger();

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private OperatorProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static OperatorProcess start(
      Path jar, List<String> jvmFlags, Path kubeconfig, Map<String, String> env, Path log) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    String started = Integer.toString(STARTS.incrementAndGet());
    jvmFlags.forEach(f -> command.add(f.replace("<n>", started)));
    command.addAll(List.of("-jar", jar.toString(), "operator"));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().put("APPSEG_LEADER_ELECTION", "false");
    pb.environment().put("APPSEG_METRICS_PORT", Integer.toString(port));
    pb.environment().putAll(env);
    try {
      return new OperatorProcess(pb.start(), port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  double cpuSeconds() {
    return ProcStats.cpuSeconds(pid());
  }

  double rssMiB() {
    return ProcStats.memoryMiB(pid(), "VmRSS");
  }

  public double peakRssMiB() {
    return ProcStats.memoryMiB(pid(), "VmHWM");
  }

  /** The sum of a Prometheus counter over its tags, or -1 while /metrics does not answer yet. */
  public double meter(String name) {
    return meter(name, "");
  }

  /** The sum of the series of {@code name} whose labels contain {@code label}, e.g. a="b". */
  public double meter(String name, String label) {
    try {
      String body =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return body.lines()
          .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
          .filter(l -> l.substring(0, l.lastIndexOf(' ')).contains(label))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Used heap after a full GC, in MiB, from {@code jcmd GC.run} and {@code GC.heap_info}: the sum
   * of the generations' (serial, parallel) or the heap's (G1) "used", metaspace apart.
   */
  double heapAfterGcMiB() {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    long kib = 0;
    while (m.find()) {
      kib += Long.parseLong(m.group(1));
    }
    if (kib == 0) {
      throw new IllegalStateException("unexpected GC.heap_info output: " + info);
    }
    return kib / 1024.0;
  }

  /**
   * Threads the JVM started since its start, its peak and its live count now ({@code jcmd
   * PerfCounter.print}): a client that starts a thread per request shows in the first.
   */
  String threads() {
    Map<String, String> counters = new TreeMap<>();
    Matcher m = THREAD_COUNTER.matcher(jcmd("PerfCounter.print"));
    while (m.find()) {
      counters.put(m.group(1), m.group(2));
    }
    return String.format(
        "%s started, peak %s live, %s live now",
        counters.get("started"), counters.get("livePeak"), counters.get("live"));
  }

  private static final Pattern THREAD_COUNTER =
      Pattern.compile("(?m)^java\\.threads\\.(started|livePeak|live)=(\\d+)$");

  private static final Pattern HEAP_USED =
      Pattern.compile("(?m)^ \\S.*(?:generation|heap)\\s+total \\d+K, used (\\d+)K");

  private String jcmd(String command) {
    try {
      Process p =
          new ProcessBuilder("jcmd", Long.toString(pid()), command)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** kill -9: no shutdown hook, no Lease release, requests in flight cut off. */
  public void kill() {
    process.destroyForcibly();
    process.onExit().join();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The /readyz status code, or -1 while it does not answer. */
  public int readiness() {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: the operator's graceful shutdown
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
