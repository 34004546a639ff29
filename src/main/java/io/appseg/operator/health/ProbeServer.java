package io.appseg.operator.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A JDK HttpServer for Prometheus and the kubelet: /metrics (Prometheus text), /healthz (liveness)
 * and /readyz (readiness). No web framework: three read-only endpoints do not need one.
 */
public final class ProbeServer implements AutoCloseable {

  /** A probe's answer: healthy or not, and a one-line reason. */
  public record Health(boolean ok, String detail) {}

  private final HttpServer server;

  /** Listens on {@code address} ("" for every interface) and {@code port} (0 for a free one). */
  public ProbeServer(
      String address,
      int port,
      Supplier<String> metrics,
      Supplier<Health> liveness,
      Supplier<Health> readiness)
      throws IOException {
    InetSocketAddress bind =
        address.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
    server = HttpServer.create(bind, 0);
    server.createContext(
        "/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    server.createContext("/healthz", ex -> probe(ex, liveness.get()));
    server.createContext("/readyz", ex -> probe(ex, readiness.get()));
    server.setExecutor(null);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Where /metrics answers, for people: the bound address and port. */
  public String metricsUrl() {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getHostString();
    return "http://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + bound.getPort()
        + "/metrics";
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void probe(HttpExchange ex, Health health) throws IOException {
    send(ex, health.ok() ? 200 : 503, "text/plain; charset=utf-8", health.detail() + "\n");
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
