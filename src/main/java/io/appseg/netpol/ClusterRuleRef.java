package io.appseg.netpol;

import io.appseg.netpol.ClusterPolicy.Action;
import io.appseg.netpol.ClusterPolicy.Tier;

/** The ClusterNetworkPolicy rule that decided one side of a connection. */
public record ClusterRuleRef(
    String policy,
    Tier tier,
    int priority,
    Direction direction,
    int rule,
    String ruleName,
    Action action) {
  @Override
  public String toString() {
    return "ClusterNetworkPolicy "
        + policy
        + " ("
        + tier
        + " tier, priority "
        + priority
        + ") "
        + direction.field()
        + "["
        + rule
        + "]"
        + (ruleName.isEmpty() ? "" : " " + ruleName)
        + ": "
        + action;
  }
}
