package io.appseg.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Logs the expected network errors of an API server outage (connection refused or reset, timeouts,
 * 5xx answers) once per kind, in one line with the cause and a retry note, never with a stack
 * trace. fabric8's informers, its leader elector and JOSDK's retries all log such an error with its
 * stack at every attempt: an outage of a minute made hundreds of stack-trace lines.
 *
 * <p>A kind is the logger plus the cause (e.g. JOSDK's event processor / connection refused). It is
 * logged again once it has not occurred for {@link #QUIET_NANOS}, i.e. once per outage. Every other
 * event, with or without a throwable, passes untouched.
 */
public final class NetworkErrorFilter extends TurboFilter {
  /** A kind is logged again after a minute without it: the next outage is news. */
  static final long QUIET_NANOS = 60_000_000_000L;

  private static final Marker REWRITTEN = MarkerFactory.getMarker("appseg-network-error");
  private static final String FQCN = NetworkErrorFilter.class.getName();
  private static final String FABRIC8 = "io.fabric8.kubernetes.client.";

  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  public NetworkErrorFilter() {
    this(System::nanoTime);
  }

  NetworkErrorFilter(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (marker == REWRITTEN || !level.isGreaterOrEqual(Level.WARN)) {
      return FilterReply.NEUTRAL;
    }
    String cause = cause(t != null ? t : lastThrowable(params));
    if (cause == null) {
      return FilterReply.NEUTRAL;
    }
    long now = clock.getAsLong();
    Long before = lastSeen.put(logger.getName() + " " + cause, now);
    if (before == null || now - before > QUIET_NANOS) {
      logger.log(
          REWRITTEN,
          FQCN,
          level == Level.ERROR ? LocationAwareLogger.ERROR_INT : LocationAwareLogger.WARN_INT,
          "{}; cause: {}; retrying, repeats not logged until none for 60 s",
          new Object[] {message(format, params), cause},
          null);
    }
    return FilterReply.DENY;
  }

  /** slf4j passes a trailing throwable among the arguments when the message has placeholders. */
  private static Throwable lastThrowable(Object[] params) {
    return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable e
        ? e
        : null;
  }

  private static String message(String format, Object[] params) {
    String text = MessageFormatter.arrayFormat(format, params).getMessage();
    return text == null ? "" : firstLine(text);
  }

  /**
   * The expected network failure behind a warning in words ("connection refused", "timeout", "HTTP
   * 503 ..."), or null for anything else, which keeps its stack trace. I/O errors count only on the
   * way to the API server (a fabric8 exception in the chain): a file the operator cannot read is no
   * outage.
   */
  static String cause(Throwable thrown) {
    boolean client = false;
    for (Throwable e = thrown; e != null; e = e.getCause()) {
      client |= e.getClass().getName().startsWith(FABRIC8);
      if (e instanceof KubernetesClientException k && k.getCode() >= 500) {
        return "HTTP " + k.getCode() + " " + firstLine(statusMessage(k));
      }
      if (e instanceof ConnectException) {
        return "connection refused";
      }
      if (e instanceof TimeoutException
          || e instanceof SocketTimeoutException
          || isCallTimeout(e)) {
        return "timeout";
      }
      if (client && e instanceof IOException && !(e.getCause() instanceof IOException)) {
        return "connection failed: " + firstLine(e.getMessage());
      }
    }
    return null;
  }

  /** OkHttp's answer when a request's whole time is up (a thread interrupted says otherwise). */
  private static boolean isCallTimeout(Throwable e) {
    return e instanceof InterruptedIOException && "timeout".equals(e.getMessage());
  }

  private static String statusMessage(KubernetesClientException k) {
    return k.getStatus() == null ? "" : k.getStatus().getMessage();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").strip();
  }
}
