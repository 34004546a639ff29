package io.appseg.diff;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.netpol.Direction;
import io.appseg.netpol.RuleRef;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which part of a spec wrote a rule of a generated policy: {@code spec.flows[i]}, {@code spec.dns}
 * or {@code spec.monitoring}. Found by planning each part alone and looking for the same rule in
 * the same policy, so it follows whatever layout the planner uses; two parts that render the same
 * rule are both named.
 */
final class Provenance {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /**
   * Where a rule came from: a part of an app's spec, or ({@code app} null) a policy no app
   * generated.
   */
  record Source(String app, String field) implements Comparable<Source> {
    @Override
    public int compareTo(Source o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return app == null ? field : app + " " + field;
    }
  }

  private final Map<String, Revision.App> appByPolicy = new HashMap<>();
  private final Map<String, List<Part>> parts = new HashMap<>();
  private final Planner planner = new Planner(PlanDefaults.STANDARD);

  /** One part of a spec planned alone. */
  private record Part(String field, Map<String, NetworkPolicy> policies) {}

  Provenance(Revision version) {
    for (Revision.App app : version.apps()) {
      app.plan().policies().forEach(p -> appByPolicy.put(key(p), app));
    }
  }

  List<Source> of(RuleRef ref) {
    String policy = ref.policy().namespace() + "/" + ref.policy().name();
    Revision.App app = appByPolicy.get(policy);
    String rule = ref.direction().field() + "[" + ref.rule() + "]";
    if (app == null) {
      return List.of(new Source(null, "NetworkPolicy " + policy + " " + rule));
    }
    Object written =
        rules(
                app.plan().policies().stream()
                    .filter(p -> key(p).equals(policy))
                    .findFirst()
                    .orElseThrow(),
                ref.direction())
            .get(ref.rule());
    List<Source> sources = new ArrayList<>();
    for (Part part : parts.computeIfAbsent(app.key(), k -> parts(app.segmentation()))) {
      NetworkPolicy alone = part.policies().get(policy);
      if (alone != null && rules(alone, ref.direction()).contains(written)) {
        sources.add(new Source(app.plan().segName(), part.field()));
      }
    }
    return sources.isEmpty()
        ? List.of(new Source(app.plan().segName(), policy + " " + rule))
        : sources;
  }

  private List<Part> parts(AppSegmentation seg) {
    List<Part> out = new ArrayList<>();
    List<Flow> flows = seg.getSpec().getFlows() == null ? List.of() : seg.getSpec().getFlows();
    for (int i = 0; i < flows.size(); i++) {
      part(out, "spec.flows[" + i + "]", seg, List.of(flows.get(i)), false, false);
    }
    part(out, "spec.dns", seg, List.of(), true, false);
    part(out, "spec.monitoring", seg, List.of(), false, true);
    return out;
  }

  /**
   * The app with only these flows, and DNS and monitoring only when asked for (and on in the spec).
   */
  private void part(
      List<Part> out,
      String field,
      AppSegmentation seg,
      List<Flow> flows,
      boolean dns,
      boolean monitoring) {
    AppSegmentation alone = SERIALIZATION.clone(seg);
    alone.getSpec().setFlows(flows);
    if (!dns) {
      alone.getSpec().setDns(disabledDns());
    }
    if (!monitoring) {
      alone.getSpec().setMonitoring(null);
    }
    try {
      Map<String, NetworkPolicy> byName = new HashMap<>();
      planner.plan(alone).policies().forEach(p -> byName.put(key(p), p));
      out.add(new Part(field, byName));
    } catch (InvalidSpecException e) {
      // a part that cannot stand alone wrote no rule of its own
    }
  }

  private static Dns disabledDns() {
    Dns off = new Dns();
    off.setEnabled(false);
    return off;
  }

  private static List<?> rules(NetworkPolicy p, Direction direction) {
    List<?> rules =
        direction == Direction.INGRESS ? p.getSpec().getIngress() : p.getSpec().getEgress();
    return rules == null ? List.of() : rules;
  }

  static String key(NetworkPolicy p) {
    return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
  }
}
