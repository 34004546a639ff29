package io.appseg.kube;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;

/**
 * Which directions a NetworkPolicy isolates its pods in: an empty {@code policyTypes} means
 * Ingress, plus Egress when there are egress rules; an explicit list is taken as it is.
 */
public final class PolicyTypes {
  public static final String INGRESS = "Ingress";
  public static final String EGRESS = "Egress";

  private PolicyTypes() {}

  public static boolean isolatesIngress(NetworkPolicySpec spec) {
    List<String> types = spec.getPolicyTypes();
    return types == null || types.isEmpty() || types.contains(INGRESS);
  }

  public static boolean isolatesEgress(NetworkPolicySpec spec) {
    List<String> types = spec.getPolicyTypes();
    if (types == null || types.isEmpty()) {
      return spec.getEgress() != null && !spec.getEgress().isEmpty();
    }
    return types.contains(EGRESS);
  }
}
