package io.appseg.flows;

/** Why no AppSegmentation can be proposed from the flows, in one line for people. */
public final class ProposalException extends Exception {
  public ProposalException(String message) {
    super(message);
  }
}
