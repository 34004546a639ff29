package io.appseg.flows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.flows.HubbleFields.Line;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads flow records line by line into observations: Hubble's JSON (one flow per line, as {@code
 * hubble observe -o json} writes), Calico's Goldmane flows (JSON, one per line) and the plain CSV
 * (its header first). The format is told per line, so files can be concatenated. A line that is not
 * a flow, or that cannot be read, is counted in the {@link ReadStats} with its reason, never fatal.
 *
 * <p>Lines are read as bytes, never decoded to strings as a whole. Into a {@link FlowLog}, a file
 * is cut into chunks of whole lines that {@code threads} parse at once, each into a log of its own,
 * merged in file order: the same log and counts as one thread reading line after line.
 */
public final class FlowReader {
  private static final ObjectMapper TREES = JsonMapper.builder().build();
  static final JsonFactory JSON = TREES.getFactory();

  /**
   * A few hundred lines: below half a G1 region (1 MiB on small heaps), so a chunk is an ordinary
   * young object and not a humongous one that starts a concurrent cycle each time.
   */
  private static final int CHUNK = 256 << 10;

  private FlowReader() {}

  /** Reads every line of {@code in} in order, handing each observation to {@code sink}. */
  public static ReadStats read(String source, InputStream in, Consumer<Observation> sink) {
    ReadStats stats = new ReadStats(source);
    Chunks chunks = new Chunks(in, CHUNK);
    Map<EndKey, FlowEnd> ends = new HashMap<>();
    try {
      for (Chunks.Chunk c = chunks.next(); c != null; c = chunks.next()) {
        stats.append(parse(source, c, ends, sink));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stats;
  }

  /** Reads every line of {@code in} into {@code log}, parsing on up to {@code threads} threads. */
  public static ReadStats read(String source, InputStream in, FlowLog log, int threads) {
    ReadStats stats = new ReadStats(source);
    Chunks chunks = new Chunks(in, CHUNK);
    ExecutorService pool = null;
    Deque<Future<Part>> parsing = new ArrayDeque<>();
    Map<EndKey, FlowEnd> ends = new ConcurrentHashMap<>();
    try {
      Chunks.Chunk c = chunks.next();
      while (c != null) {
        Chunks.Chunk chunk = c;
        c = chunks.next();
        if (threads <= 1 || c == null && pool == null) {
          Part.of(source, chunk, ends, log.limit()).into(log, stats);
          continue;
        }
        if (pool == null) {
          pool = Executors.newFixedThreadPool(threads, FlowReader::daemon);
        }
        parsing.add(pool.submit(() -> Part.of(source, chunk, ends, log.limit())));
        while (parsing.size() > threads || c == null && !parsing.isEmpty()) {
          parsing.poll().get().into(log, stats);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException u ? u : new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + source, e);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return stats;
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "appseg-flow-parser");
    t.setDaemon(true);
    return t;
  }

  /** One chunk read on its own: its connections and its counts, its lines numbered from 1. */
  private record Part(FlowLog log, ReadStats stats) {
    static Part of(String source, Chunks.Chunk chunk, Map<EndKey, FlowEnd> ends, int limit) {
      FlowLog log = new FlowLog(limit);
      return new Part(log, parse(source, chunk, ends, log::add));
    }

    void into(FlowLog all, ReadStats total) {
      all.addAll(log);
      total.append(stats);
    }
  }

  private static ReadStats parse(
      String source, Chunks.Chunk chunk, Map<EndKey, FlowEnd> ends, Consumer<Observation> sink) {
    ReadStats stats = new ReadStats(source);
    byte[] b = chunk.bytes();
    int n = chunk.length();
    int start = 0;
    while (start < n) {
      // A Hubble line is scanned before its end is known: the scanner stops at the end of its
      // object, so the newline is looked for after that, not through the whole line.
      Line scanned = scan(b, start, n);
      int end = newline(b, scanned == null ? start : scanned.end, n);
      LineResult result = parse(b, start, end, scanned, ends);
      stats.count(result);
      if (result.observation() != null) {
        sink.accept(result.observation());
      }
      start = end + 1;
    }
    return stats;
  }

  static LineResult parse(byte[] b, int from, int to, Map<EndKey, FlowEnd> ends) {
    return parse(b, from, to, null, ends);
  }

  /** The line {@code b[from, to)}; {@code scanned} is what the scanner read of it, if it could. */
  private static LineResult parse(
      byte[] b, int from, int to, Line scanned, Map<EndKey, FlowEnd> ends) {
    while (from < to && isSpace(b[from])) {
      from++;
    }
    while (to > from && isSpace(b[to - 1])) {
      to--;
    }
    try {
      if (from < to && b[from] == '{') {
        return json(b, from, to, scanned, ends);
      }
      String trimmed = new String(b, from, to - from, StandardCharsets.UTF_8).strip();
      if (trimmed.isEmpty() || trimmed.equals(CsvLine.HEADER)) {
        return LineResult.skip(null);
      }
      return CsvLine.parse(trimmed);
    } catch (IllegalArgumentException e) {
      return LineResult.broken(e.getMessage());
    }
  }

  /**
   * The line at {@code b[from]} read by {@link HubbleScanner}; null if it is no JSON it can read.
   */
  private static Line scan(byte[] b, int from, int to) {
    while (from < to && b[from] != '\n' && isSpace(b[from])) {
      from++;
    }
    return from < to && b[from] == '{' ? HubbleScanner.read(b, from, to) : null;
  }

  private static int newline(byte[] b, int from, int to) {
    int i = from;
    while (i < to && b[i] != '\n') {
      i++;
    }
    return i;
  }

  private static LineResult json(
      byte[] b, int from, int to, Line scanned, Map<EndKey, FlowEnd> ends) {
    try {
      LineResult hubble = HubbleLine.parse(JSON, b, from, to, scanned, ends);
      if (hubble != HubbleLine.CALICO) {
        return hubble;
      }
      return CalicoLine.parse(TREES.readTree(b, from, to - from));
    } catch (JsonProcessingException e) {
      return LineResult.broken("not JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0b;
  }
}
