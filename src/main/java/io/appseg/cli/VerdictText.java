package io.appseg.cli;

import io.appseg.netpol.Caveat;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.ClusterPolicy;
import io.appseg.netpol.Connection;
import io.appseg.netpol.Direction;
import io.appseg.netpol.PolicyRef;
import io.appseg.netpol.RuleRef;
import io.appseg.netpol.SideVerdict;
import io.appseg.netpol.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link Verdict} for people: the decision, then each side with its isolating policies and
 * admitting rules.
 */
final class VerdictText {
  private VerdictText() {}

  static List<String> lines(Verdict verdict, Cluster cluster) {
    List<String> lines = new ArrayList<>();
    lines.add(
        verdict.decision()
            + " "
            + verdict.connection()
            + resolvedPort(verdict.connection(), cluster));
    lines.addAll(side(verdict.egress()));
    lines.addAll(side(verdict.ingress()));
    for (Caveat caveat : verdict.caveats()) {
      lines.add("caveat: " + caveat.description());
    }
    return lines;
  }

  /** A named port is shown with the number it resolved to on the destination pod. */
  private static String resolvedPort(Connection c, Cluster cluster) {
    if (!c.port().isNamed() || !c.destination().isPod()) {
      return "";
    }
    return cluster
        .pod(c.destination().namespace(), c.destination().name())
        .flatMap(p -> p.port(c.port().name()))
        .map(p -> " (container port " + p.port() + ")")
        .orElse("");
  }

  private static List<String> side(SideVerdict side) {
    String title =
        (side.direction() == Direction.EGRESS ? "egress from " : "ingress to ")
            + side.subject()
            + ": "
            + (side.allowed() ? "allowed" : "denied");
    if (!side.subject().isPod()) {
      return List.of(title, "  an external address: no NetworkPolicy applies to it");
    }
    if (side.decidedBy() != null) {
      return List.of(
          title,
          "  decided by "
              + side.decidedBy()
              + (side.decidedBy().tier() == ClusterPolicy.Tier.Admin
                  ? ", before any NetworkPolicy"
                  : ", as no NetworkPolicy isolates it"));
    }
    if (!side.isolated()) {
      return List.of(
          title,
          "  not isolated: no NetworkPolicy of namespace "
              + side.subject().namespace()
              + " selects it for "
              + side.direction().policyType());
    }
    List<String> lines = new ArrayList<>();
    lines.add(title);
    lines.add(
        "  isolated by "
            + side.policies().stream().map(PolicyRef::toString).collect(Collectors.joining(", ")));
    for (RuleRef rule : side.admittedBy()) {
      lines.add("  admitted by " + rule);
    }
    if (side.admittedBy().isEmpty()) {
      lines.add(
          side.allowed()
              ? "  no rule admits it, but the other end is its own node, which is always allowed"
              : "  no " + side.direction().field() + " rule of these policies admits it");
    }
    return lines;
  }
}
