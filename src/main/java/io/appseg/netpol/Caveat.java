package io.appseg.netpol;

/**
 * Situations NetworkPolicy leaves undefined or outside the model; a verdict carrying one should not
 * be graded.
 */
public enum Caveat {
  /** R17: pod to itself. Implementations differ (kubernetes#95879); reported as allowed. */
  LOOPBACK("traffic from a pod to itself is undefined by NetworkPolicy; reported as allowed"),
  /**
   * R18: hostNetwork pods; evaluated like ordinary pods, which is one of the two permitted
   * behaviours.
   */
  HOST_NETWORK(
      "a hostNetwork pod is involved: plugins may treat it as node traffic; evaluated as a pod"),
  /** R19: the IP end is the pod's own node, which is always allowed. */
  NODE_LOCAL(
      "the IP end is the pod's node, and traffic to and from a pod's node is always allowed"),
  /** An IP end equals a pod's IP; it was evaluated as an external address, not as that pod. */
  IP_OF_POD("an IP end is a pod's IP; it was evaluated as an external address, not as that pod");

  private final String description;

  Caveat(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
