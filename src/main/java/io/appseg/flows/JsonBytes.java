package io.appseg.flows;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * JSON in bytes, skipped as Jackson reads it with its default features (no comments, single quotes,
 * leading zeros, trailing commas; escapes and UTF-8 sequences checked, control characters refused
 * in strings), building nothing: each method answers the index just past what it skipped, or -1 for
 * anything Jackson would refuse or {@link HubbleScanner} does not read with certainty (a name with
 * an escape or beyond ASCII, deep nesting, a long number). A newline is not whitespace here: it
 * ends a line.
 */
final class JsonBytes {
  /** Far below Jackson's own limits (1,000 digits, 50,000 bytes). */
  private static final int MAX_NUMBER = 100;

  private static final int MAX_NAME = 1_000;

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  static final byte[] NULL = {'n', 'u', 'l', 'l'};

  /** A byte in a string: 0 plain, -1 refused (control, bad UTF-8), n > 0 continuation bytes. */
  private static final byte[] IN_STRING = new byte[256];

  private static final byte QUOTE_OR_ESCAPE = 9;

  static {
    for (int c = 0; c < 256; c++) {
      IN_STRING[c] =
          (byte)
              (c < 0x20
                  ? -1
                  : c == '"' || c == '\\'
                      ? QUOTE_OR_ESCAPE
                      : c < 0x80
                          ? 0
                          : c < 0xC0 ? -1 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : c < 0xF8 ? 3 : -1);
    }
  }

  private JsonBytes() {}

  /**
   * Past the value at {@code i}, or -1; in one loop over the bytes, nested objects and arrays (at
   * most {@code room} deep, fewer than 64) on a stack of bits (1 for an object), checking the
   * syntax as it goes.
   */
  static int skip(byte[] b, int i, int end, int room) {
    long objects = 0;
    int nested = 0;
    while (true) {
      if (i < 0 || i >= end) {
        return -1;
      }
      byte c = b[i];
      if (c == '{' || c == '[') {
        if (++nested > room) {
          return -1;
        }
        objects = objects << 1 | (c == '{' ? 1 : 0);
        i = space(b, i + 1, end);
        if (i < end && b[i] == (c == '{' ? '}' : ']')) {
          objects >>>= 1;
          nested--;
          i++;
        } else {
          i = c == '{' ? name(b, i, end) : i;
          continue;
        }
      } else {
        i = scalar(b, i, end);
      }
      // After a value: close what it ends, then on to the next element or member.
      while (i >= 0 && nested > 0) {
        i = space(b, i, end);
        if (i >= end) {
          return -1;
        }
        boolean object = (objects & 1) != 0;
        c = b[i++];
        if (c == ',') {
          i = space(b, i, end);
          i = object ? name(b, i, end) : i;
          break;
        }
        if (c != (object ? '}' : ']')) {
          return -1;
        }
        objects >>>= 1;
        nested--;
      }
      if (i < 0 || nested == 0) {
        return i;
      }
    }
  }

  /** Past the string, number or literal at {@code i}; -1 if it is none Jackson reads. */
  static int scalar(byte[] b, int i, int end) {
    return switch (b[i]) {
      case '"' -> skipString(b, i + 1, end);
      case 't' -> literal(b, i, end, TRUE);
      case 'f' -> literal(b, i, end, FALSE);
      case 'n' -> literal(b, i, end, NULL);
      default -> number(b, i, end);
    };
  }

  /** Past a member's name at {@code i}, its colon and the space before its value; or -1. */
  static int name(byte[] b, int i, int end) {
    if (i >= end || b[i] != '"') {
      return -1;
    }
    int to = nameEnd(b, i + 1, end);
    if (to < 0) {
      return -1;
    }
    i = space(b, to + 1, end);
    return i < end && b[i] == ':' ? space(b, i + 1, end) : -1;
  }

  /** The closing quote of a name whose bytes start at {@code i}: plain ASCII, else -1. */
  static int nameEnd(byte[] b, int i, int end) {
    int from = i;
    while (i < end && b[i] != '"') {
      if (b[i] < 0x20 || b[i] == '\\') {
        return -1;
      }
      i++;
    }
    return i >= end || i - from > MAX_NAME ? -1 : i;
  }

  /**
   * Past the string whose bytes start at {@code i} (after its quote), as Jackson skips one: escapes
   * and UTF-8 sequences checked, nothing decoded; -1 if Jackson refuses it. Plain bytes are passed
   * eight at a time.
   */
  static int skipString(byte[] b, int i, int end) {
    while (true) {
      while (i + Long.BYTES <= end) {
        long special = special((long) WORDS.get(b, i));
        if (special != 0) {
          i += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        i += Long.BYTES;
      }
      if (i >= end) {
        return -1;
      }
      int c = b[i++] & 0xFF;
      int kind = IN_STRING[c];
      if (kind == 0) {
        continue;
      }
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        i = escape(b, i, end);
      } else if (kind < 0) {
        return -1;
      } else {
        i = continuation(b, i, end, kind);
      }
      if (i < 0) {
        return -1;
      }
    }
  }

  /**
   * The high bit of each byte of {@code w} that is a quote, a backslash, a control character or
   * beyond ASCII; its lowest set bit marks the first such byte (the word is little-endian).
   */
  static long special(long w) {
    long quote = w ^ 0x2222222222222222L;
    long escape = w ^ 0x5C5C5C5C5C5C5C5CL;
    return ((quote - ONES) & ~quote
            | (escape - ONES) & ~escape
            | (w - 0x2020202020202020L) & ~w
            | w)
        & HIGH;
  }

  /** Past {@code n} UTF-8 continuation bytes at {@code i}, or -1. */
  static int continuation(byte[] b, int i, int end, int n) {
    for (int k = 0; k < n; k++, i++) {
      if (i >= end || (b[i] & 0xC0) != 0x80) {
        return -1;
      }
    }
    return i;
  }

  /** Past the escape whose letter is at {@code i}, or -1 if Jackson refuses it. */
  static int escape(byte[] b, int i, int end) {
    if (i >= end) {
      return -1;
    }
    switch (b[i]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
        return i + 1;
      case 'u':
        if (i + 4 >= end) {
          return -1;
        }
        for (int k = 1; k <= 4; k++) {
          if (Character.digit(b[i + k], 16) < 0) {
            return -1;
          }
        }
        return i + 5;
      default:
        return -1;
    }
  }

  /** Past the JSON number at {@code i} (no leading zeros, no lone sign or dot), or -1. */
  static int number(byte[] b, int i, int end) {
    int from = i;
    if (i < end && b[i] == '-') {
      i++;
    }
    int digits = digits(b, i, end);
    if (digits == 0 || b[i] == '0' && digits > 1) {
      return -1;
    }
    i += digits;
    if (i < end && b[i] == '.') {
      int fraction = digits(b, ++i, end);
      if (fraction == 0) {
        return -1;
      }
      i += fraction;
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int exponent = digits(b, i, end);
      if (exponent == 0) {
        return -1;
      }
      i += exponent;
    }
    return i - from > MAX_NUMBER ? -1 : i;
  }

  static int digits(byte[] b, int i, int end) {
    int n = 0;
    while (i + n < end && b[i + n] >= '0' && b[i + n] <= '9') {
      n++;
    }
    return n;
  }

  static int literal(byte[] b, int i, int end, byte[] word) {
    return i + word.length <= end && Arrays.equals(b, i, i + word.length, word, 0, word.length)
        ? i + word.length
        : -1;
  }

  /** Past JSON's whitespace at {@code i}, but the newline, which ends the line. */
  static int space(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
      i++;
    }
    return i;
  }
}
