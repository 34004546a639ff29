package io.appseg.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
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
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": not an RFC 3339 time");
    }
  }
}
