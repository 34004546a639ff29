package io.appseg.netpol;

import java.util.Locale;

/** The layer-4 protocols NetworkPolicy defines (R12); anything else is implementation-defined. */
public enum Protocol {
  TCP,
  UDP,
  SCTP;

  /**
   * Parses a protocol name case-insensitively, for command-line input; policies themselves are
   * case-sensitive.
   */
  public static Protocol parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown protocol '" + text + "' (expected TCP, UDP or SCTP)", e);
    }
  }
}
