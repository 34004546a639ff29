package io.appseg.netpol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The place in a policy that admitted one side of a connection: {@code spec.<direction>[rule]}, the
 * {@code from}/{@code to} element {@code peer} and the {@code ports} element {@code port}. {@code
 * peer} is null when the rule has no peers (it matches every peer, R07) and {@code port} is null
 * when it has no ports (R12).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleRef(PolicyRef policy, Direction direction, int rule, Integer peer, Integer port) {
  @Override
  public String toString() {
    return policy
        + " "
        + direction.field()
        + "["
        + rule
        + "]"
        + (peer == null ? " (any peer)" : " " + direction.peerField() + "[" + peer + "]")
        + (port == null ? " (any port)" : " ports[" + port + "]");
  }
}
