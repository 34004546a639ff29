package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.flows.FlowAudit;
import io.appseg.flows.FlowLog;
import io.appseg.flows.FlowReader;
import io.appseg.flows.ObservedCluster;
import io.appseg.flows.ReadStats;
import io.appseg.netpol.Cluster;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observed flows for the judgement of apps in Audit mode: a file, or every file of a directory,
 * tailed from where the last read ended (a file that shrank was rotated and is read again from the
 * start). Only complete lines are read. Memory stays bounded: flows are aggregated per connection
 * ({@link FlowLog}) up to {@link #LIMIT} connections, never kept raw.
 */
final class FlowSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowSource.class);

  /** Distinct connections kept; observations beyond them are counted as dropped. */
  static final int LIMIT = 50_000;

  private final Path path;
  private final FlowAudit audit;
  private final Map<Path, Long> offsets = new HashMap<>();
  private final FlowLog log = new FlowLog(LIMIT);
  private ScheduledExecutorService tailer;

  FlowSource(Path path, PlanDefaults defaults) {
    this.path = path;
    this.audit = new FlowAudit(defaults);
  }

  /**
   * The flows read so far judged against {@code plan} in {@code context} (its policies and
   * namespaces; the pods come from the flow records, which carry their labels).
   */
  FlowAudit.Report judge(AppSegmentation seg, Plan plan, Cluster context) {
    FlowLog flows = snapshot();
    return audit.audit(seg, plan, ObservedCluster.of(context, flows), flows);
  }

  /**
   * Reads what the source holds now, then what is new every {@code seconds} on a daemon thread: the
   * apps' first judgement after a start sees the flows already recorded.
   */
  void start(long seconds) {
    tailQuietly();
    tailer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "appseg-flow-source");
              t.setDaemon(true);
              return t;
            });
    tailer.scheduleWithFixedDelay(this::tailQuietly, seconds, seconds, TimeUnit.SECONDS);
  }

  /** The flows read so far, as a copy the tailer no longer changes. */
  synchronized FlowLog snapshot() {
    return log.copy();
  }

  private void tailQuietly() {
    try {
      tail();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot read flows from {}: {}", path, e.getMessage());
    }
  }

  /** Reads the complete lines added to each file since the last call. */
  void tail() throws IOException {
    for (Path file : files()) {
      long size = Files.size(file);
      long from = offsets.getOrDefault(file, 0L);
      if (size < from) {
        from = 0;
      }
      long end = lastLineEnd(file, from, size);
      if (end <= from) {
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        in.skipNBytes(from);
        ReadStats stats;
        // One parsing thread: the tailer reads what a few seconds added, beside the reconciles.
        synchronized (this) {
          stats =
              FlowReader.read(
                  file.getFileName().toString(), new BoundedInput(in, end - from), log, 1);
        }
        if (!stats.broken().isEmpty()) {
          LOG.warn("flows {}: {}", file, stats.summary());
        }
      }
      offsets.put(file, end);
    }
  }

  private List<Path> files() throws IOException {
    if (!Files.isDirectory(path)) {
      return Files.isRegularFile(path) ? List.of(path) : List.of();
    }
    try (Stream<Path> s = Files.list(path)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The offset just after the last newline in {@code [from, size)}: a line being written waits. */
  private static long lastLineEnd(Path file, long from, long size) throws IOException {
    try (var channel = Files.newByteChannel(file)) {
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      long at = size;
      while (at > from) {
        int n = (int) Math.min(buffer.capacity(), at - from);
        channel.position(at - n);
        buffer.clear().limit(n);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {}
        for (int i = n - 1; i >= 0; i--) {
          if (buffer.get(i) == '\n') {
            return at - n + i + 1;
          }
        }
        at -= n;
      }
      return from;
    }
  }

  @Override
  public void close() {
    if (tailer != null) {
      tailer.shutdownNow();
    }
  }

  /** At most {@code remaining} bytes of a stream. */
  private static final class BoundedInput extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInput(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      remaining--;
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
