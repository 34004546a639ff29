package io.appseg.it.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own count of requests ({@code apiserver_request_total}), by verb and resource,
 * dry runs apart: what a phase cost the server, whoever sent it.
 */
public record ApiRequests(Map<String, Double> counts) {
  private static final Pattern LINE =
      Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  public static ApiRequests scrape(KubernetesClient admin) {
    String metrics = admin.raw(admin.getMasterUrl() + "metrics");
    Map<String, Double> counts = new TreeMap<>();
    metrics
        .lines()
        .forEach(
            line -> {
              Matcher m = LINE.matcher(line);
              if (m.matches()) {
                counts.merge(key(m.group(1)), Double.parseDouble(m.group(2)), Double::sum);
              }
            });
    return new ApiRequests(counts);
  }

  /** "VERB resource[/subresource][ dry-run]", e.g. "APPLY networkpolicies". */
  private static String key(String labels) {
    Map<String, String> l = new TreeMap<>();
    Matcher m = LABEL.matcher(labels);
    while (m.find()) {
      l.put(m.group(1), m.group(2));
    }
    String sub = l.getOrDefault("subresource", "");
    return l.get("verb")
        + " "
        + l.get("resource")
        + (sub.isEmpty() ? "" : "/" + sub)
        + (l.getOrDefault("dry_run", "").isEmpty() ? "" : " dry-run");
  }

  /** What was counted since {@code before}, without the zero rows. */
  public ApiRequests since(ApiRequests before) {
    Map<String, Double> delta = new TreeMap<>();
    counts.forEach(
        (k, v) -> {
          double d = v - before.counts.getOrDefault(k, 0.0);
          if (d > 0) {
            delta.put(k, d);
          }
        });
    return new ApiRequests(delta);
  }

  /** Both counts added up: two phases as one. */
  ApiRequests plus(ApiRequests other) {
    Map<String, Double> sum = new TreeMap<>(counts);
    other.counts.forEach((k, v) -> sum.merge(k, v, Double::sum));
    return new ApiRequests(sum);
  }

  /**
   * Writes on our resources (policies, apps and their status, events), dry runs apart; the
   * benchmark's own creates and deletes of AppSegmentations are left out.
   */
  public long writes() {
    return sum(k -> k.matches(WRITE + " " + OURS) && !k.matches("(POST|DELETE) appsegmentations"));
  }

  /** GETs and LISTs of our resources. */
  long reads() {
    return sum(k -> k.matches("(GET|LIST) " + OURS));
  }

  long dryRuns() {
    return sum(k -> k.matches(WRITE + " " + OURS + " dry-run"));
  }

  private static final String WRITE = "(POST|PUT|PATCH|APPLY|DELETE)";
  private static final String OURS = "(networkpolicies|appsegmentations(/status)?|events)";

  private long sum(Predicate<String> key) {
    return Math.round(
        counts.entrySet().stream()
            .filter(e -> key.test(e.getKey()))
            .mapToDouble(Map.Entry::getValue)
            .sum());
  }

  public String describe() {
    StringBuilder out = new StringBuilder();
    counts.forEach(
        (k, v) -> {
          if (k.matches("\\S+ " + OURS + "( dry-run)?") && !k.startsWith("WATCH")) {
            out.append(String.format("      %-48s %6d%n", k, Math.round(v)));
          }
        });
    return out.toString();
  }
}
