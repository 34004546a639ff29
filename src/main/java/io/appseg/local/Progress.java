package io.appseg.local;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A line every {@code period} while something long runs silently (the first build of the control
 * plane takes 20-30 minutes), so that a person sees it is still working.
 */
final class Progress implements AutoCloseable {
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "appseg-progress");
            t.setDaemon(true);
            return t;
          });

  Progress(PrintWriter out, String what, Duration period) {
    long start = System.nanoTime();
    ticker.scheduleAtFixedRate(
        () -> {
          long minutes = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - start);
          long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) % 60;
          out.printf("... %s: %d min %02d s so far%n", what, minutes, seconds);
          out.flush();
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
