package io.appseg.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * What a local run must undo (child processes, temp directories), undone once in reverse order: on
 * {@link #close()}, or from a shutdown hook on SIGINT or SIGTERM. The hook is needed because the
 * JVM halts once its hooks return, without finishing the main thread's try blocks.
 */
public final class Cleanup implements AutoCloseable {
  private final Deque<AutoCloseable> steps = new ArrayDeque<>();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Thread hook = new Thread(this::stopNow, "appseg-local-cleanup");
  private boolean done;

  private Cleanup() {}

  /** A cleanup that also runs when the JVM is told to stop. */
  public static Cleanup onShutdown() {
    Cleanup cleanup = new Cleanup();
    Runtime.getRuntime().addShutdownHook(cleanup.hook);
    return cleanup;
  }

  /** Undoes {@code step} with the rest; a step added after the cleanup ran is undone at once. */
  public synchronized <T extends AutoCloseable> T add(T step) {
    if (done) {
      closeQuietly(step);
      throw new IllegalStateException("stopping");
    }
    steps.push(step);
    return step;
  }

  /** A new temp directory, removed with everything in it. */
  public Path tempDir(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    add(() -> deleteRecursively(dir));
    return dir;
  }

  /** Blocks until the JVM is told to stop; the hook then undoes every step. */
  public void awaitStop() throws InterruptedException {
    stopping.await();
  }

  @Override
  public void close() {
    undo();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // the JVM is already stopping (the hook runs or ran), or no hook was added
    }
  }

  /**
   * Undoes the steps, then ends any child process still alive: one started by a step that was in
   * progress when the signal came would otherwise outlive the JVM.
   */
  private void stopNow() {
    stopping.countDown();
    undo();
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  private synchronized void undo() {
    if (done) {
      return;
    }
    done = true;
    while (!steps.isEmpty()) {
      closeQuietly(steps.pop());
    }
  }

  private static void closeQuietly(AutoCloseable step) {
    try {
      step.close();
    } catch (Exception e) {
      System.err.println("warning: cleanup: " + e.getMessage());
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
