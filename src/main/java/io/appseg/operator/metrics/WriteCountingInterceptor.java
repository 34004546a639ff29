package io.appseg.operator.metrics;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * Counts every write request the operator's client sends (dry runs store nothing and are not
 * counted) ({@code appseg.writes}, tagged kind and method), so "a quiet reconcile writes nothing"
 * (P9, docs/design.md) is observable in production and testable. The kind is the resource segment
 * of the URL path, with the subresource appended ({@code appsegmentations/status}).
 */
public final class WriteCountingInterceptor implements Interceptor {
  public static final String METER = "appseg.writes";
  public static final String NAME = "appseg-write-counter";
  private final MeterRegistry registry;

  public WriteCountingInterceptor(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String method = request.method().toUpperCase(Locale.ROOT);
    if (isWrite(method, request.uri().getRawQuery())) {
      counter(registry, kindOf(request.uri().getPath()), method).increment();
    }
  }

  /** Reads and dry runs store nothing. */
  static boolean isWrite(String method, String query) {
    boolean dryRun = query != null && query.contains("dryRun=");
    return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || dryRun);
  }

  public static Counter counter(MeterRegistry registry, String kind, String method) {
    return Counter.builder(METER)
        .description("Write requests sent to the Kubernetes API")
        .tag("kind", kind)
        .tag("method", method)
        .register(registry);
  }

  /**
   * /api/v1/namespaces/a/events -> events; /apis/g/v/namespaces/a/things/b/status -> things/status.
   */
  static String kindOf(String path) {
    List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/"));
    int start = parts.isEmpty() ? 0 : parts.get(0).equals("api") ? 2 : 3;
    if (parts.size() > start + 2 && parts.get(start).equals("namespaces")) {
      start += 2; // a namespaced resource, not the namespace itself
    }
    if (parts.size() <= start) {
      return "unknown";
    }
    String kind = parts.get(start);
    return parts.size() > start + 2 ? kind + "/" + parts.get(start + 2) : kind;
  }
}
