package io.appseg.operator;

import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;

/**
 * fabric8's OkHttp client with at most {@link #MAX_REQUESTS} calls in flight, on reused daemon
 * threads. OkHttp runs each call on a thread of its own until the answer's headers arrive, and
 * fabric8 lifts OkHttp's own cap: without one, a burst of requests would start a thread each. An
 * idle thread is kept for a minute, so a steady load starts none (bench/converge.md, run 7: 111
 * threads started over 1,250 converged apps, where the JDK client started 12,584). Reading a body
 * (a watch's stream too) runs on the same pool outside the cap, so the threads are at most the cap
 * plus the bodies being read.
 */
final class BoundedHttpClientFactory extends OkHttpClientFactory {
  /** Far above what the operator sends at once (reconcile threads, apply pool, watches). */
  static final int MAX_REQUESTS = 64;

  private static final AtomicInteger COUNT = new AtomicInteger();

  /** A dispatcher per client: fabric8 shuts its executor down when the client closes. */
  @Override
  protected Dispatcher initDispatcher() {
    Dispatcher dispatcher =
        new Dispatcher(
            new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                r -> {
                  Thread t = new Thread(r, "appseg-http-" + COUNT.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                }));
    dispatcher.setMaxRequests(MAX_REQUESTS);
    dispatcher.setMaxRequestsPerHost(MAX_REQUESTS);
    return dispatcher;
  }
}
