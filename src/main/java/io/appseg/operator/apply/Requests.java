package io.appseg.operator.apply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * The API requests of one apply step, sent together: at most {@link #IN_FLIGHT} at a time. Why: the
 * worst-case plans write some 50 large policies, and one after the other each waits for the API
 * server's round trip (the dry runs and writes were most of a 14 s reconcile); the order that
 * matters is between the steps of {@link PolicySync}, not within one.
 *
 * <p>The threads are shared by every apply and kept while in use (idle ones end after a minute), so
 * a reconcile starts none: at most {@link #IN_FLIGHT} per reconcile thread at once.
 */
final class Requests {
  /** Enough to hide the round trips; few enough not to crowd the API server's inflight limit. */
  static final int IN_FLIGHT = 8;

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newCachedThreadPool(Requests::thread);

  /** What one request did: its answer, or what it threw. */
  record Answer<R>(R value, RuntimeException failure) {}

  /**
   * Sends every request and waits for all of them, even after one failed: a request in flight
   * cannot be called back, so the caller learns what each did. Answers come in the items' order.
   */
  static <T, R> List<Answer<R>> all(List<T> items, Function<T, R> request) {
    if (items.size() < 2) {
      return items.stream().map(item -> answer(item, request)).toList();
    }
    return start(items, request).answers();
  }

  /** Requests sent and not yet all answered. */
  static final class Pending<R> {
    private final Answer<R>[] answers;
    private final List<Future<?>> workers;

    private Pending(Answer<R>[] answers, List<Future<?>> workers) {
      this.answers = answers;
      this.workers = workers;
    }

    /** Waits for every answer; they come in the items' order. */
    List<Answer<R>> answers() {
      workers.forEach(Requests::await);
      return Arrays.asList(answers);
    }
  }

  /**
   * Sends every request and returns at once, so that the caller can do other work while they are in
   * flight; {@link Pending#answers} then waits as {@link #all} does.
   */
  static <T, R> Pending<R> start(List<T> items, Function<T, R> request) {
    @SuppressWarnings("unchecked")
    Answer<R>[] answers = new Answer[items.size()];
    AtomicInteger next = new AtomicInteger();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
            answers[i] = answer(items.get(i), request);
          }
        };
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(IN_FLIGHT, items.size()); w++) {
      workers.add(POOL.submit(() -> withMdc(mdc, worker)));
    }
    return new Pending<>(answers, workers);
  }

  private static <T, R> Answer<R> answer(T item, Function<T, R> request) {
    try {
      return new Answer<>(request.apply(item), null);
    } catch (RuntimeException e) {
      return new Answer<>(null, e);
    }
  }

  /** The reconciler's log keys (the resource's name) on the request's log lines too. */
  private static void withMdc(Map<String, String> mdc, Runnable call) {
    if (mdc != null) {
      MDC.setContextMap(mdc);
    }
    try {
      call.run();
    } finally {
      MDC.clear();
    }
  }

  private static void await(Future<?> future) {
    try {
      future.get();
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

  private Requests() {}
}
