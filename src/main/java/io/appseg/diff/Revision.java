package io.appseg.diff;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.plan.Plan;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a comparison: its AppSegmentations with their plans, and what else its files hold:
 * NetworkPolicies (hand-written ones are compared too), Pods and Namespaces (judged on, on both
 * sides).
 *
 * @param label how the side is named in the output: a path, or a git ref
 */
public record Revision(String label, List<App> apps, Cluster files) {

  /** An AppSegmentation and the policies it renders to. */
  public record App(AppSegmentation segmentation, Plan plan) {
    /** {@code namespace/name}: an app is the same app on both sides when this is equal. */
    public String key() {
      return plan.segNamespace() + "/" + plan.segName();
    }
  }

  public Revision {
    apps = List.copyOf(apps);
  }

  /** Every policy of this side: the rendered ones in plan order, then the files' own. */
  public List<NetworkPolicy> policies() {
    List<NetworkPolicy> all = new ArrayList<>();
    apps.forEach(a -> all.addAll(a.plan().policies()));
    all.addAll(files.policies());
    return all;
  }
}
