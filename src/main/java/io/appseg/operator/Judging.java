package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where the judgement in context runs while the apply step sends its writes: a core's worth of work
 * per app, on as many shared threads as there are cores (a reconcile starts no thread; more would
 * only queue for the CPUs).
 */
final class Judging {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), Judging::thread);

  private Judging() {}

  /**
   * The app as the judgement reads it, apart from the reconcile's copy: its metadata copied (the
   * finalizer's write changes it), its spec shared (a reconcile never changes it).
   */
  static AppSegmentation copyOf(AppSegmentation seg) {
    AppSegmentation copy = new AppSegmentation();
    copy.setMetadata(new ObjectMetaBuilder(seg.getMetadata()).build());
    copy.setSpec(seg.getSpec());
    copy.setStatus(seg.getStatus());
    return copy;
  }

  static <T> Future<T> start(Supplier<T> judgement) {
    return POOL.submit(judgement::get);
  }

  /** Its answer, or what it threw, as if it had run on the caller's thread. */
  static <T> T await(Future<T> judging) {
    try {
      return judging.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while judging the plan", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Thread thread(Runnable r) {
    Thread t = new Thread(r, "appseg-judge-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
