package io.appseg.operator.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The API requests of one apply step, sent together: at most {@link #IN_FLIGHT} at a time, on
 * threads of its own that {@link #close} stops. Why: the worst-case plans write some 50 large
 * policies, and one after the other each waits for the API server's round trip (the dry runs and
 * writes were most of a 14 s reconcile); the order that matters is between the steps of {@link
 * PolicySync}, not within one.
 */
final class Requests implements AutoCloseable {
  /** Enough to hide the round trips; few enough not to crowd the API server's inflight limit. */
  static final int IN_FLIGHT = 8;

  private static final AtomicInteger THREADS = new AtomicInteger();
  private final ExecutorService pool;

  /** What one request did: its answer, or what it threw. */
  record Answer<R>(R value, RuntimeException failure) {}

  /**
   * @param most the largest number of requests one call of {@link #all} will send: no more threads
   *     than that are started, none for one
   */
  Requests(int most) {
    int threads = Math.min(IN_FLIGHT, most);
    pool = threads > 1 ? Executors.newFixedThreadPool(threads, Requests::thread) : null;
  }

  /**
   * Sends every request and waits for all of them, even after one failed: a request in flight
   * cannot be called back, so the caller learns what each did. Answers come in the items' order.
   */
  <T, R> List<Answer<R>> all(List<T> items, Function<T, R> request) {
    if (pool == null || items.size() < 2) {
      return items.stream().map(item -> answer(item, request)).toList();
    }
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    List<Future<Answer<R>>> sent = new ArrayList<>();
    for (T item : items) {
      sent.add(pool.submit(() -> withMdc(mdc, () -> answer(item, request))));
    }
    return sent.stream().map(Requests::await).toList();
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  private static <T, R> Answer<R> answer(T item, Function<T, R> request) {
    try {
      return new Answer<>(request.apply(item), null);
    } catch (RuntimeException e) {
      return new Answer<>(null, e);
    }
  }

  /** The reconciler's log keys (the resource's name) on the request's log lines too. */
  private static <R> Answer<R> withMdc(Map<String, String> mdc, Supplier<Answer<R>> call) {
    if (mdc != null) {
      MDC.setContextMap(mdc);
    }
    try {
      return call.get();
    } finally {
      MDC.clear();
    }
  }

  private static <R> Answer<R> await(Future<Answer<R>> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the API server", e);
    } catch (ExecutionException e) {
      // answer() catches every RuntimeException; what is left is an Error
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Thread thread(Runnable r) {
    Thread t = new Thread(r, "appseg-apply-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
