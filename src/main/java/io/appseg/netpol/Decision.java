package io.appseg.netpol;

/** The answer to a connection question. */
public enum Decision {
  ALLOWED,
  DENIED
}
