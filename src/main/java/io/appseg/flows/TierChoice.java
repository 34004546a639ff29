package io.appseg.flows;

import io.appseg.api.v1alpha1.Tier;
import io.appseg.kube.Identifiers;
import io.appseg.kube.LabelSelectors;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tiers a group of pods becomes: a valid, unused tier name and the smallest selector that takes
 * every pod of the group and no other pod of the namespace that is known.
 */
final class TierChoice {
  /** Labels a workload's pods usually carry to say what they are, tried first as a selector. */
  private static final List<String> PREFERRED =
      List.of("app.kubernetes.io/name", "app", "k8s-app", "name", "app.kubernetes.io/component");

  private static final String RESERVED = "default-deny";

  private TierChoice() {}

  /** A DNS label from {@code group}, distinct from {@code taken} and not reserved. */
  static String name(String group, Set<String> taken) {
    String base = group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    base = base.replaceAll("^-+|-+$", "");
    if (base.length() > 56) {
      base = base.substring(0, 56).replaceAll("-+$", "");
    }
    if (base.isEmpty() || base.equals(RESERVED)) {
      base = "tier" + (base.isEmpty() ? "" : "-" + base);
    }
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + "-" + i;
    }
    if (!Identifiers.isDnsLabel(name)) {
      throw new IllegalStateException("tier name " + name + " is not a DNS label (a bug)");
    }
    return name;
  }

  /**
   * The selector for {@code members} (labels of each pod of the group) among {@code others} (the
   * labels of every other known pod of the namespace).
   */
  static LabelSelector selector(
      String group, Collection<Map<String, String>> members, Collection<Map<String, String>> others)
      throws ProposalException {
    Map<String, String> common = null;
    for (Map<String, String> m : members) {
      Map<String, String> stable = SpecEnds.stable(m);
      if (common == null) {
        common = new TreeMap<>(stable);
      } else {
        common.entrySet().removeIf(e -> !e.getValue().equals(stable.get(e.getKey())));
      }
    }
    if (common == null || common.isEmpty()) {
      throw new ProposalException(
          "workload "
              + group
              + ": its pods share no label to select them by; give their manifests with -f, or "
              + "--group-by a label key they carry");
    }
    List<String> keys = new ArrayList<>(PREFERRED);
    keys.addAll(common.keySet());
    for (String key : keys) {
      if (common.containsKey(key)) {
        Map<String, String> one = Map.of(key, common.get(key));
        if (selectsNone(one, others)) {
          return SpecEnds.selector(one);
        }
      }
    }
    if (selectsNone(common, others)) {
      return SpecEnds.selector(common);
    }
    throw new ProposalException(
        "workload "
            + group
            + ": every label its pods share also selects other pods of the namespace; use "
            + "--group-by a label key that tells them apart");
  }

  private static boolean selectsNone(
      Map<String, String> labels, Collection<Map<String, String>> others) {
    LabelSelector s = SpecEnds.selector(labels);
    return others.stream().noneMatch(o -> LabelSelectors.matches(s, o));
  }

  /** Whether an existing tier of {@code namespace} already takes every pod of the group. */
  static boolean covers(
      Tier t, String tierNamespace, String namespace, Collection<Map<String, String>> members) {
    return tierNamespace.equals(namespace)
        && t.getPodSelector() != null
        && members.stream().allMatch(m -> LabelSelectors.matches(t.getPodSelector(), m));
  }
}
