package io.appseg.verify;

/** A connection on which the plan and the spec's intent disagree. */
public record Mismatch(
    String source,
    String destination,
    int port,
    String protocol,
    boolean intended,
    boolean actual) {

  @Override
  public String toString() {
    return source
        + " -> "
        + destination
        + ":"
        + port
        + "/"
        + protocol
        + " is "
        + (actual ? "allowed" : "denied")
        + " by the plan but "
        + (intended ? "allowed" : "denied")
        + " by the spec";
  }
}
