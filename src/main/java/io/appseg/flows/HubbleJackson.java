package io.appseg.flows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.appseg.flows.HubbleFields.Endpoint;
import io.appseg.flows.HubbleFields.Flow;
import io.appseg.flows.HubbleFields.Line;
import java.io.IOException;

/**
 * Reads a Hubble line with Jackson's streaming parser, for the lines {@link HubbleScanner} cannot
 * read with certainty (malformed JSON, escapes or other than ASCII in a field it needs, unexpected
 * types): what is not needed is skipped ({@code skipChildren}), labels and workloads are located.
 */
final class HubbleJackson {
  private HubbleJackson() {}

  /** The line {@code bytes[from, to)}; null when it is not a JSON object. */
  static Line read(JsonFactory json, byte[] bytes, int from, int to) throws IOException {
    Line line = new Line();
    try (JsonParser p = json.createParser(bytes, from, to - from)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("flow") && value == JsonToken.START_OBJECT) {
          readFlow(p, line.wrap(), from);
        } else {
          field(p, name, value, line.top, from);
        }
      }
    }
    return line;
  }

  private static void readFlow(JsonParser p, Flow f, int base) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      field(p, name, p.nextToken(), f, base);
    }
  }

  /** One field of a flow object, the parser on its value; what is not needed is skipped. */
  private static void field(JsonParser p, String name, JsonToken value, Flow f, int base)
      throws IOException {
    switch (name) {
      case "Key", "key" -> f.calico = true;
      case "verdict" -> f.hasVerdict = true;
      case "time" -> f.time = text(p, value);
      case "is_reply", "reply" -> f.reply |= isTrue(p, value);
      case "IP" -> {
        f.hasIp = true;
        ip(p, value, f);
      }
      case "l4" -> {
        f.hasL4 = true;
        l4(p, value, f);
      }
      case "source" -> {
        f.hasSource = true;
        endpoint(p, value, f.source, base);
      }
      case "destination" -> endpoint(p, value, f.destination, base);
      default -> {}
    }
    p.skipChildren();
  }

  private static void ip(JsonParser p, JsonToken value, Flow f) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("source")) {
        f.sourceIp = text(p, v);
      } else if (name.equals("destination")) {
        f.destinationIp = text(p, v);
      }
      p.skipChildren();
    }
  }

  private static void l4(JsonParser p, JsonToken value, Flow f) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean now = f.protocol(HubbleFields.protocol(p.currentName()));
      if (p.nextToken() == JsonToken.START_OBJECT && now) {
        destinationPort(p, f);
      }
      p.skipChildren();
    }
  }

  private static void destinationPort(JsonParser p, Flow f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("destination_port") && f.port < 0) {
        if (v == JsonToken.VALUE_NUMBER_INT) {
          f.port(
              p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                  ? Long.MAX_VALUE
                  : p.getLongValue());
        } else if (v == JsonToken.VALUE_STRING) {
          f.port(p.getText());
        }
      }
      p.skipChildren();
    }
  }

  private static void endpoint(JsonParser p, JsonToken value, Endpoint e, int base)
      throws IOException {
    if (value != JsonToken.START_OBJECT) {
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "namespace" -> e.namespace = text(p, v);
        case "pod_name" -> e.pod = v == JsonToken.VALUE_NULL ? e.pod : text(p, v);
        case "podName" -> e.pod = e.pod == null ? text(p, v) : e.pod;
        case "labels" -> {
          e.labelsFrom = offset(p, base, true);
          p.skipChildren();
          e.labelsTo = offset(p, base, false);
        }
        case "workloads" -> {
          e.workloadsFrom = offset(p, base, true);
          p.skipChildren();
          e.workloadsTo = offset(p, base, false);
        }
        default -> {}
      }
      p.skipChildren();
    }
  }

  /** Where the current token starts ({@code start}) or where the parser stands, in the array. */
  private static int offset(JsonParser p, int base, boolean start) {
    long at =
        start ? p.currentTokenLocation().getByteOffset() : p.currentLocation().getByteOffset();
    return base + (int) at;
  }

  /** A scalar's text, null when it is empty, null or not a scalar (as the record omits it). */
  static String text(JsonParser p, JsonToken value) throws IOException {
    if (value == null || !value.isScalarValue() || value == JsonToken.VALUE_NULL) {
      return null;
    }
    String text = p.getText();
    return text.isEmpty() ? null : text;
  }

  private static boolean isTrue(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_TRUE
        || value == JsonToken.VALUE_STRING && p.getText().equalsIgnoreCase("true");
  }
}
