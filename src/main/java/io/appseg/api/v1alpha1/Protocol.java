package io.appseg.api.v1alpha1;

/** The transport protocols a NetworkPolicy port can name. */
public enum Protocol {
  TCP,
  UDP,
  SCTP
}
