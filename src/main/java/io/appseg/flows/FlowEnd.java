package io.appseg.flows;

import java.util.Map;

/**
 * One end of an observed flow as the record tells it: a pod ({@code namespace}, {@code pod}, and
 * the labels the record carries, if any) or an address ({@code ip}); a pod may carry its IP too.
 * {@code workload} is the pod's owner (a Deployment, StatefulSet, ...) when known.
 */
public record FlowEnd(
    String namespace,
    String pod,
    String ip,
    Map<String, String> labels,
    Map<String, String> namespaceLabels,
    String workload) {

  public FlowEnd {
    labels = Map.copyOf(labels);
    namespaceLabels = Map.copyOf(namespaceLabels);
  }

  public static FlowEnd address(String ip) {
    return new FlowEnd(null, null, ip, Map.of(), Map.of(), null);
  }

  public boolean isPod() {
    return pod != null;
  }

  /** {@code namespace/pod} for a pod, the address otherwise: what two records share. */
  public String key() {
    return isPod() ? namespace + "/" + pod : ip;
  }

  @Override
  public String toString() {
    return key();
  }
}
