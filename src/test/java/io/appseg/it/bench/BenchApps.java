package io.appseg.it.bench;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.it.AppSegmentations;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The generated workload: apps of three tiers (web -> api -> db), ten per namespace, each planned
 * into four NetworkPolicies (a default-deny and one per tier).
 */
public final class BenchApps {
  static final int APPS_PER_NAMESPACE = 10;

  private BenchApps() {}

  /** Apps {@code from} (inclusive) to {@code to} (exclusive), numbered across the whole run. */
  public static List<AppSegmentation> range(int from, int to) {
    return IntStream.range(from, to).mapToObj(BenchApps::app).toList();
  }

  static String namespace(int app) {
    return String.format("bench-%03d", app / APPS_PER_NAMESPACE);
  }

  public static List<String> namespaces(List<AppSegmentation> apps) {
    return apps.stream().map(a -> a.getMetadata().getNamespace()).distinct().toList();
  }

  /** What the planner renders for these apps: the objects the bare client writes. */
  static List<NetworkPolicy> rendered(List<AppSegmentation> apps) {
    Planner planner = new Planner(PlanDefaults.STANDARD);
    List<NetworkPolicy> all = new ArrayList<>();
    for (AppSegmentation app : apps) {
      try {
        all.addAll(planner.plan(app).policies());
      } catch (InvalidSpecException e) {
        throw new IllegalStateException("generated app is invalid: " + e.getMessage(), e);
      }
    }
    return all;
  }

  private static AppSegmentation app(int i) {
    AppSegmentation app =
        AppSegmentations.withTiers(namespace(i), String.format("app-%04d", i), "web", "api", "db");
    app.getSpec()
        .setFlows(
            new ArrayList<>(
                List.of(AppSegmentations.flow("web", "api"), AppSegmentations.flow("api", "db"))));
    return app;
  }
}
