package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** `kubectl kustomize DIR` as a process: the kustomize built into kubectl, the one users run. */
final class Kustomize {
  static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  static String build(Path dir) {
    assertThat(KUBECTL)
        .as("kubectl is required for the kustomize tests (apt-get install kubectl)")
        .isExecutable();
    try {
      Path err = Files.createTempFile("kustomize", ".err");
      try {
        Process p =
            new ProcessBuilder(KUBECTL.toString(), "kustomize", dir.toString())
                .redirectError(err.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        assertThat(p.exitValue())
            .as("kubectl kustomize %s: %s", dir, Files.readString(err))
            .isZero();
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Kustomize() {}
}
