package io.appseg.operator.status;

/**
 * The reasons of the Exposed condition: does the cluster allow a tier more than its spec declares?
 */
public enum Exposure {
  /** Something other than the plan admits a connection to or from a tier that no flow declares. */
  UndeclaredAllowed,
  /** Every connection to or from a tier that the cluster allows is declared. */
  OnlyDeclaredAllowed
}
