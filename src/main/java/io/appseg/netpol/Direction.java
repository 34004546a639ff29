package io.appseg.netpol;

/** A policy direction; {@link #policyType()} is the spelling used in {@code spec.policyTypes}. */
public enum Direction {
  INGRESS("Ingress"),
  EGRESS("Egress");

  private final String policyType;

  Direction(String policyType) {
    this.policyType = policyType;
  }

  public String policyType() {
    return policyType;
  }

  /** The rule-list field of the spec, for explanations ({@code ingress} / {@code egress}). */
  public String field() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The peer field inside a rule ({@code from} / {@code to}). */
  public String peerField() {
    return this == INGRESS ? "from" : "to";
  }
}
