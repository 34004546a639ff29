package io.appseg.netpol;

import java.util.List;

/**
 * The answer to a {@link Connection} question with its explanation. {@code decision} is ALLOWED iff
 * both sides allow (R03), except for a pod talking to itself, which is reported ALLOWED with {@link
 * Caveat#LOOPBACK}.
 */
public record Verdict(
    Connection connection,
    Decision decision,
    SideVerdict egress,
    SideVerdict ingress,
    List<Caveat> caveats,
    String summary) {

  public Verdict {
    caveats = List.copyOf(caveats);
  }

  public boolean allowed() {
    return decision == Decision.ALLOWED;
  }
}
