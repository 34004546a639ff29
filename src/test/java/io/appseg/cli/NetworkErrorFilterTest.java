package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkErrorFilterTest {
  private final AtomicLong nanos = new AtomicLong();
  private final ListAppender<ILoggingEvent> out = new ListAppender<>();
  private LoggerContext context;

  @BeforeEach
  void logback() {
    context = new LoggerContext();
    context.addTurboFilter(new NetworkErrorFilter(nanos::get));
    out.setContext(context);
    out.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(out);
  }

  private static KubernetesClientException refused() {
    return new KubernetesClientException(
        "Operation: [list] for kind: [NetworkPolicy] failed.",
        new IOException("connect failed", new ConnectException()));
  }

  @Test
  void anOutagesConnectionErrorsAreOneLineWithTheCauseAndNoStackTrace() {
    Logger josdk = context.getLogger("io.javaoperatorsdk.operator.processing.event.EventProcessor");
    for (int i = 0; i < 50; i++) {
      josdk.error(
          "Error during event processing ExecutionScope{resource id: {}}", "shop/app", refused());
    }

    assertThat(out.list).hasSize(1);
    ILoggingEvent line = out.list.get(0);
    assertThat(line.getFormattedMessage())
        .isEqualTo(
            "Error during event processing ExecutionScope{resource id: shop/app}; cause:"
                + " connection refused; retrying, repeats not logged until none for 60 s");
    assertThat(line.getThrowableProxy()).isNull();
    assertThat(line.getLevel().toString()).isEqualTo("ERROR");
    assertThat(line.getLoggerName()).isEqualTo(josdk.getName());
  }

  @Test
  void eachKindOfFailureIsLoggedOnceAndAgainAfterAQuietMinute() {
    Logger reflector =
        context.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector");
    KubernetesClientException unavailable =
        new KubernetesClientException(
            new StatusBuilder().withCode(503).withMessage("etcd unavailable").build());
    KubernetesClientException timeout =
        new KubernetesClientException("list failed", new InterruptedIOException("timeout"));

    reflector.warn("listing failed", refused());
    reflector.warn("listing failed", unavailable);
    reflector.warn("listing failed", timeout);
    nanos.addAndGet(59_000_000_000L);
    reflector.warn("listing failed", refused());
    nanos.addAndGet(59_000_000_000L);
    reflector.warn("listing failed", refused());
    nanos.addAndGet(61_000_000_000L);
    reflector.warn("listing failed again", refused());

    assertThat(messages())
        .containsExactly(
            "listing failed; cause: connection refused; retrying, repeats not logged until none"
                + " for 60 s",
            "listing failed; cause: HTTP 503 etcd unavailable; retrying, repeats not logged until"
                + " none for 60 s",
            "listing failed; cause: timeout; retrying, repeats not logged until none for 60 s",
            "listing failed again; cause: connection refused; retrying, repeats not logged until"
                + " none for 60 s");
  }

  @Test
  void otherErrorsKeepTheirStackTraceAndEveryOccurrence() {
    Logger ours = context.getLogger("io.appseg.operator.FlowSource");
    ours.warn("cannot read flows", new FileNotFoundException("/flows/x"));
    ours.warn("cannot read flows", new FileNotFoundException("/flows/x"));
    ours.error("bug", new NullPointerException());
    context
        .getLogger("io.fabric8.kubernetes.client.dsl")
        .warn(
            "forbidden", new KubernetesClientException(new StatusBuilder().withCode(403).build()));
    context.getLogger("io.appseg.x").info("info keeps its throwable", refused());

    assertThat(out.list).hasSize(5).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNotNull());
  }

  private List<String> messages() {
    return out.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
