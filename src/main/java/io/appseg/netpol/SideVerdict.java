package io.appseg.netpol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One side of a connection: the source's egress or the destination's ingress.
 *
 * @param subject the end whose policies apply (the source for egress, the destination for ingress)
 * @param isolated whether some policy of the subject's namespace selects it for this direction
 *     (R01)
 * @param policies those policies; empty when not isolated or when the subject is an external
 *     address
 * @param admittedBy every rule that admits the connection (empty when not isolated or denied)
 * @param allowed whether this side lets the connection through
 * @param explanation one line for people
 * @param decidedBy the ClusterNetworkPolicy rule that decided this side, when one did (the Admin
 *     tier before NetworkPolicies, the Baseline tier for a subject they do not isolate); null
 *     otherwise
 */
public record SideVerdict(
    Direction direction,
    Endpoint subject,
    boolean isolated,
    List<PolicyRef> policies,
    List<RuleRef> admittedBy,
    boolean allowed,
    String explanation,
    @JsonInclude(JsonInclude.Include.NON_NULL) ClusterRuleRef decidedBy) {

  public SideVerdict {
    policies = List.copyOf(policies);
    admittedBy = List.copyOf(admittedBy);
  }
}
