package io.appseg.diff;

import io.appseg.api.v1alpha1.Tier;
import io.appseg.kube.LabelSelectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an end of the world is to a reader: the tiers it belongs to on either side ({@code
 * app/tier}), or else its namespace and labels, or its address. Changes are reported between such
 * groups, not between synthesized pods.
 */
final class Groups {
  /**
   * The label the self-check's population marks its helper pods with; not one a reader needs to
   * see.
   */
  private static final String ROLE_LABEL = "appseg.io/verify-role";

  /** One tier of one app on one side. */
  private record TierRef(String app, String appKey, String name, String namespace, Tier tier) {}

  private final List<TierRef> tiers = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private final List<List<String>> appKeys = new ArrayList<>();

  Groups(World world, List<Revision> versions) {
    for (Revision v : versions) {
      for (Revision.App app : v.apps()) {
        for (Tier t : app.segmentation().getSpec().getTiers()) {
          tiers.add(
              new TierRef(
                  app.plan().segName(),
                  app.key(),
                  t.getName(),
                  t.namespaceOr(app.plan().segNamespace()),
                  t));
        }
      }
    }
    for (int i = 0; i < world.ends().size(); i++) {
      classify(world, i);
    }
  }

  private void classify(World world, int end) {
    if (!world.isPod(end)) {
      labels.add(world.ends().get(end).ip());
      appKeys.add(List.of());
      return;
    }
    String ns = world.namespaces().get(end);
    Map<String, String> podLabels = world.labels().get(end);
    TreeSet<String> names = new TreeSet<>();
    TreeSet<String> apps = new TreeSet<>();
    for (TierRef t : tiers) {
      if (t.namespace().equals(ns)
          && t.tier().getPodSelector() != null
          && LabelSelectors.matches(t.tier().getPodSelector(), podLabels)) {
        names.add(t.app() + "/" + t.name());
        apps.add(t.appKey());
      }
    }
    labels.add(names.isEmpty() ? describe(ns, podLabels) : String.join(" + ", names));
    appKeys.add(List.copyOf(apps));
  }

  /**
   * {@code pods in NS with k=v,...}, or {@code pods in NS}: a pod with no labels a reader would
   * know.
   */
  private static String describe(String namespace, Map<String, String> labels) {
    Map<String, String> shown = new TreeMap<>(labels);
    shown.remove(ROLE_LABEL);
    if (shown.isEmpty()) {
      return "pods in " + namespace;
    }
    List<String> pairs = new ArrayList<>();
    shown.forEach((k, v) -> pairs.add(k + "=" + v));
    return "pods in " + namespace + " with " + String.join(",", pairs);
  }

  String label(int end) {
    return labels.get(end);
  }

  /** The apps ({@code namespace/name}) whose tiers hold this end, sorted. */
  List<String> apps(int end) {
    return appKeys.get(end);
  }
}
