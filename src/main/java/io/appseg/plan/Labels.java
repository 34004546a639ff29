package io.appseg.plan;

import io.appseg.kube.Identifiers;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place that builds the labels and annotations of generated objects. */
public final class Labels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "appseg-operator";
  public static final String SEGMENTATION = "appseg.io/segmentation";
  public static final String SEGMENTATION_NAMESPACE = "appseg.io/segmentation-namespace";

  /** Which kind of policy: {@link #ROLE_DEFAULT_DENY}, {@link #ROLE_TIER} or {@link #ROLE_PEER}. */
  public static final String COMPONENT = "app.kubernetes.io/component";

  public static final String TIER = "appseg.io/tier";
  public static final String ROLE_DEFAULT_DENY = "default-deny";
  public static final String ROLE_TIER = "tier";

  /** A peer's half of a flow, written where something already isolates the peer (P11). */
  public static final String ROLE_PEER = "peer";

  /**
   * Label selector (for informers and list calls) matching every object this operator generates.
   */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;

  /**
   * The annotation on a Namespace that lets AppSegmentations of other namespaces place policies in
   * it.
   */
  public static final String GRANT_ANNOTATION = "appseg.io/allow-segmentations-from";

  /**
   * The annotation on a granted Namespace that also accepts the app's namespace-wide default-deny
   * (every pod of the namespace isolated); without it the app isolates only its own tier pods
   * there.
   */
  public static final String NAMESPACE_DENY_ANNOTATION =
      "appseg.io/accept-namespace-default-deny-from";

  /**
   * The owner's UID, stamped by the operator on every object it writes: labels alone can be copied
   * onto any object, the UID of an existing AppSegmentation proves the object is its own (P4).
   */
  public static final String SEGMENTATION_UID = "appseg.io/segmentation-uid";

  /** Label the API server sets on every namespace (its name); peers select namespaces by it. */
  public static final String NAMESPACE_NAME = Identifiers.NAMESPACE_NAME_LABEL;

  public static Map<String, String> forPolicy(
      String segNamespace, String segName, String role, String tier) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, MANAGER);
    labels.put(SEGMENTATION, segName);
    labels.put(SEGMENTATION_NAMESPACE, segNamespace);
    labels.put(COMPONENT, role);
    if (tier != null) {
      labels.put(TIER, tier);
    }
    return labels;
  }

  /** True when the labels say the object was generated for the given AppSegmentation. */
  public static boolean ownedBy(Map<String, String> labels, String segNamespace, String segName) {
    return labels != null
        && MANAGER.equals(labels.get(MANAGED_BY))
        && segName.equals(labels.get(SEGMENTATION))
        && segNamespace.equals(labels.get(SEGMENTATION_NAMESPACE));
  }

  private Labels() {}
}
