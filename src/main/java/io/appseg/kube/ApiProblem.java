package io.appseg.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * A failed request to the API server as one line for a person: which kind of problem (the server
 * cannot be reached, the credentials are refused, access is denied, the resource is not served) and
 * the cause in its own words, never an exception's class name or stack.
 *
 * @param kind what went wrong, for the caller to say what to do
 * @param detail the cause, one line
 */
public record ApiProblem(Kind kind, String detail) {

  /** What went wrong. */
  public enum Kind {
    UNREACHABLE,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    OTHER
  }

  /** The problem behind {@code e}, a request to {@code server}. */
  public static ApiProblem of(KubernetesClientException e, String server) {
    Throwable io = ioCause(e);
    if (io != null) {
      return new ApiProblem(Kind.UNREACHABLE, "cannot reach " + server + ": " + reason(io));
    }
    String status = serverMessage(e);
    return switch (e.getCode()) {
      case 401 -> new ApiProblem(Kind.UNAUTHORIZED, server + " refused the credentials: " + status);
      case 403 -> new ApiProblem(Kind.FORBIDDEN, status);
      case 404 -> new ApiProblem(Kind.NOT_FOUND, status);
      default -> new ApiProblem(Kind.OTHER, status);
    };
  }

  private static Throwable ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return t;
      }
    }
    return null;
  }

  /**
   * The cause in words: "connection refused", "unknown host x", "TLS: ...", else the last message
   * in the chain.
   */
  private static String reason(Throwable io) {
    String last = "";
    String refused = null;
    for (Throwable t = io; t != null; t = t.getCause()) {
      String message = firstLine(t.getMessage());
      if (t instanceof UnknownHostException) {
        return "unknown host " + message;
      }
      if (t instanceof SSLException) {
        return "TLS: " + message;
      }
      if (t instanceof ConnectException) {
        // The innermost says why: OkHttp's "failed to connect to <address>" wraps the socket's
        // "connection refused"; a refusal without a message is one too.
        refused = message.isEmpty() ? "connection refused" : message.toLowerCase(Locale.ROOT);
      }
      last = message.isEmpty() ? last : message;
    }
    if (refused != null) {
      return refused;
    }
    return last.isEmpty() ? "connection failed" : last;
  }

  /** The Status message the server sent, else the client's first line. */
  private static String serverMessage(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return firstLine(e.getStatus().getMessage());
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").trim();
  }
}
