package io.appseg.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void printsALineEachPeriodUntilClosed() {
    StringWriter out = new StringWriter();
    try (Progress progress =
        new Progress(new PrintWriter(out), "building the control plane", Duration.ofMillis(20))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> out.toString().lines().count() >= 2);
    }
    assertThat(out.toString().lines())
        .allMatch(l -> l.matches("\\.\\.\\. building the control plane: \\d+ min \\d\\d s so far"));
    long closedAt = out.toString().lines().count();
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(10)) // a loaded machine may start the poll late
        .until(() -> out.toString().lines().count() == closedAt);
  }
}
