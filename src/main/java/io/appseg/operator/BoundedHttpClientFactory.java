package io.appseg.operator;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP client on a fixed pool of daemon threads. Without an executor it hands its work to
 * the common fork-join pool, which on a machine with two CPUs or fewer runs each task on a new
 * thread: thousands of threads started per minute at full load (issue 13).
 */
final class BoundedHttpClientFactory extends JdkHttpClientFactory {
  private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  private static final AtomicInteger COUNT = new AtomicInteger();

  @Override
  protected void additionalConfig(HttpClient.Builder builder) {
    builder.executor(POOL);
  }

  /** One pool for every client of the process; its threads are daemons, so it needs no close. */
  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          THREADS,
          r -> {
            Thread t = new Thread(r, "appseg-http-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
}
