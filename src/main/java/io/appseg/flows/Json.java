package io.appseg.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Field access for flow records, which spell a field in proto or JSON style depending on the tool.
 */
final class Json {
  private Json() {}

  /** The first of {@code names} present in {@code node}, or a missing node. */
  static JsonNode field(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node.get(name);
      if (value != null && !value.isNull()) {
        return value;
      }
    }
    return MissingNode.getInstance();
  }

  static String text(JsonNode node, String... names) {
    JsonNode value = field(node, names);
    return value.isValueNode() && !value.asText().isEmpty() ? value.asText() : null;
  }

  /** A number, also as the string protobuf's JSON writes 64-bit integers as. */
  static long number(JsonNode node, String where, String... names) {
    JsonNode value = field(node, names);
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isTextual()) {
      try {
        return Long.parseLong(value.asText());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": not a number");
      }
    }
    throw new IllegalArgumentException(where + ": missing");
  }

  /** An RFC 3339 time. */
  static Instant time(String text, String where) {
    if (text == null) {
      throw new IllegalArgumentException(where + ": missing");
    }
    Instant utc = utc(text);
    if (utc != null) {
      return utc;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": not an RFC 3339 time");
    }
  }

  /**
   * {@code yyyy-mm-ddThh:mm:ss[.fraction]Z}, the form flow records write, read by hand: a
   * formatter's parse is most of the cost of a line. Null for any other form (an offset, a leap
   * second, a date that does not exist), which the formatter then reads or refuses.
   */
  private static Instant utc(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(n - 1) != 'Z'
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = digits(t, 20, n - 1);
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (Math.min(Math.min(year, month), Math.min(Math.min(day, hour), Math.min(minute, second))) < 0
        || nanos < 0
        || month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code t[from, to)}, or -1 if a character is not a digit. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
