package io.appseg.flows;

import io.appseg.flows.HubbleFields.Endpoint;
import io.appseg.flows.HubbleFields.Flow;
import io.appseg.flows.HubbleFields.Line;
import java.nio.charset.StandardCharsets;

/**
 * Reads a Hubble line by walking its bytes once: it descends only into the objects whose fields are
 * needed and skips every other value by matching quotes and brackets, building no tokens. It
 * accepts a subset of what Jackson accepts (no feature Jackson leaves off: comments, single quotes,
 * leading zeros, trailing commas, bad escapes or UTF-8) and reads needed strings only when they are
 * plain ASCII; for anything else, malformed or not, it answers null and the line is read by {@link
 * HubbleJackson}, so a line gives the same result either way. Like Jackson, it stops at the end of
 * the top-level object.
 */
final class HubbleScanner {
  /**
   * Far below Jackson's own limits (nesting 1,000, number 1,000 digits, name 50,000 bytes); the
   * depth also fits the stack of bits {@link JsonBytes#skip} keeps in a long.
   */
  private static final int MAX_DEPTH = 60;

  /** The digits of a long whatever they are (19 may not fit). */
  private static final int LONG_DIGITS = 18;

  private static final int FAIL = -1;
  private static final int END = 0;
  private static final int MEMBER = 1;
  private static final int INT = 2;
  private static final int FLOAT = 3;

  private final byte[] b;
  private final int end;
  private int at;
  private int depth;
  private int nameAt;
  private int nameLength;
  private String text;
  private int numberAt;

  private HubbleScanner(byte[] b, int from, int to) {
    this.b = b;
    this.at = from;
    this.end = to;
  }

  /**
   * The line at {@code bytes[from]}, read no further than {@code to} nor past a newline, or null
   * when it must be read by {@link HubbleJackson}. {@link Line#end} says where its object ended.
   */
  static Line read(byte[] bytes, int from, int to) {
    HubbleScanner s = new HubbleScanner(bytes, from, to);
    Line line = new Line();
    if (s.at < s.end && s.b[s.at] == '{' && s.members(Into.LINE, line)) {
      line.end = s.at;
      return line;
    }
    return null;
  }

  /** The objects the scanner reads member by member, each with its own method. */
  private enum Into {
    LINE,
    FLOW,
    IP,
    L4,
    PORT,
    ENDPOINT
  }

  /**
   * The object at {@code at}, member by member, each value read or skipped by the method for {@code
   * into} with the member's name located ({@link #name(String)}); false as soon as something cannot
   * be read. (A switch, not a lambda per object: lambdas cost the client compiler, which the
   * launcher uses, an allocation and an interface call each.)
   */
  private boolean members(Into into, Object of) {
    int m = open();
    while (m == MEMBER) {
      if (!member() || !value(into, of)) {
        return false;
      }
      m = next();
    }
    return m == END;
  }

  private boolean value(Into into, Object of) {
    return switch (into) {
      case LINE -> line((Line) of);
      case FLOW -> field((Flow) of);
      case IP -> ip((Flow) of);
      case L4 -> l4((Flow) of);
      case PORT -> port((Flow) of);
      case ENDPOINT -> endpoint((Endpoint) of);
    };
  }

  /** A member of the line: its {@code flow}, or a field of a flow written without one. */
  private boolean line(Line line) {
    return name("flow") && peek() == '{' ? members(Into.FLOW, line.wrap()) : field(line.top);
  }

  /** One field of a flow object, at its value, which it consumes. */
  private boolean field(Flow f) {
    switch (nameLength) {
      case 2:
        if (name("IP")) {
          f.hasIp = true;
          return peek() == '{' ? members(Into.IP, f) : skip();
        }
        if (name("l4")) {
          f.hasL4 = true;
          return peek() == '{' ? members(Into.L4, f) : skip();
        }
        break;
      case 3:
        f.calico |= name("Key") || name("key");
        break;
      case 4:
        if (name("time")) {
          if (!text()) {
            return false;
          }
          f.time = text;
          return true;
        }
        break;
      case 5, 8:
        if (name("reply") || name("is_reply")) {
          int t = isTrue();
          f.reply |= t == MEMBER;
          return t != FAIL;
        }
        break;
      case 6:
        if (name("source")) {
          f.hasSource = true;
          return peek() == '{' ? members(Into.ENDPOINT, f.source) : skip();
        }
        break;
      case 7:
        f.hasVerdict |= name("verdict");
        break;
      case 11:
        if (name("destination")) {
          return peek() == '{' ? members(Into.ENDPOINT, f.destination) : skip();
        }
        break;
      default:
        break;
    }
    return skip();
  }

  private boolean ip(Flow f) {
    if (!name("source") && !name("destination")) {
      return skip();
    }
    boolean source = nameLength == 6;
    if (!text()) {
      return false;
    }
    if (source) {
      f.sourceIp = text;
    } else {
      f.destinationIp = text;
    }
    return true;
  }

  /** A member of {@code l4}: a protocol's object holds the destination port. */
  private boolean l4(Flow f) {
    boolean now = (nameLength == 3 || nameLength == 4) && f.protocol(HubbleFields.protocol(name()));
    return now && peek() == '{' ? members(Into.PORT, f) : skip();
  }

  /** A member of a protocol's object: {@code destination_port}, a number or a string of one. */
  private boolean port(Flow f) {
    return name("destination_port") && f.port < 0 ? portValue(f) : skip();
  }

  private boolean portValue(Flow f) {
    byte c = peek();
    if (c == '"') {
      if (!string()) {
        return false;
      }
      f.port(text == null ? "" : text);
      return true;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      return skip();
    }
    int kind = number();
    if (kind == INT) {
      int digits = at - numberAt - (b[numberAt] == '-' ? 1 : 0);
      if (digits > LONG_DIGITS) {
        return false;
      }
      f.port(Long.parseLong(new String(b, numberAt, at - numberAt, StandardCharsets.ISO_8859_1)));
    }
    return kind != FAIL;
  }

  private boolean endpoint(Endpoint e) {
    if (name("namespace")) {
      if (!text()) {
        return false;
      }
      e.namespace = text;
    } else if (name("pod_name")) {
      if (peek() == 'n') {
        return literal(JsonBytes.NULL);
      }
      if (!text()) {
        return false;
      }
      e.pod = text;
    } else if (name("podName") && e.pod == null) {
      if (!text()) {
        return false;
      }
      e.pod = text;
    } else if (name("labels")) {
      e.labelsFrom = at;
      boolean ok = skip();
      e.labelsTo = at;
      return ok;
    } else if (name("workloads")) {
      e.workloadsFrom = at;
      boolean ok = skip();
      e.workloadsTo = at;
      return ok;
    } else {
      return skip();
    }
    return true;
  }

  /**
   * Jackson's {@code text} of a needed value: a plain ASCII string, null for an empty string, null,
   * an object or an array; false (read it with Jackson) for anything else.
   */
  private boolean text() {
    byte c = peek();
    if (c == '"') {
      return string();
    }
    text = null;
    if (c == 'n') {
      return literal(JsonBytes.NULL);
    }
    return (c == '{' || c == '[') && skip();
  }

  /** A string without escapes or bytes beyond ASCII into {@code text} (null when empty). */
  private boolean string() {
    int from = at + 1;
    int i = from;
    while (i < end && b[i] != '"') {
      if (b[i] < 0x20 || b[i] == '\\') {
        return false;
      }
      i++;
    }
    if (i >= end) {
      return false;
    }
    text = i == from ? null : new String(b, from, i - from, StandardCharsets.ISO_8859_1);
    at = i + 1;
    return true;
  }

  /** MEMBER for true, END for anything else but "true" in any case; FAIL when it cannot tell. */
  private int isTrue() {
    byte c = peek();
    if (c == 't') {
      return literal(JsonBytes.TRUE) ? MEMBER : FAIL;
    }
    if (c == '"') {
      return !string() ? FAIL : "true".equalsIgnoreCase(text) ? MEMBER : END;
    }
    return skip() ? END : FAIL;
  }

  /** Skips the value at {@code at}. */
  private boolean skip() {
    at = JsonBytes.skip(b, at, end, MAX_DEPTH - depth);
    return at >= 0;
  }

  /** The kind of the number at {@code at}, INT, FLOAT or FAIL, moving past it. */
  private int number() {
    int i = JsonBytes.number(b, at, end);
    if (i < 0) {
      return FAIL;
    }
    int kind = INT;
    for (int k = at; k < i; k++) {
      kind = b[k] == '.' || b[k] == 'e' || b[k] == 'E' ? FLOAT : kind;
    }
    numberAt = at;
    at = i;
    return kind;
  }

  private boolean literal(byte[] word) {
    int i = JsonBytes.literal(b, at, end, word);
    if (i < 0) {
      return false;
    }
    at = i;
    return true;
  }

  /** At an object's {@code '{'}: MEMBER at its first name, END past an empty one, or FAIL. */
  private int open() {
    if (++depth > MAX_DEPTH) {
      return FAIL;
    }
    at++;
    ws();
    return at < end && b[at] == '"' ? MEMBER : close();
  }

  /** After a member's value: MEMBER at the next name, END past the {@code '}'}, or FAIL. */
  private int next() {
    ws();
    if (at < end && b[at] == ',') {
      at++;
      ws();
      return at < end && b[at] == '"' ? MEMBER : FAIL;
    }
    return close();
  }

  /** END past the object's {@code '}'} at {@code at}, or FAIL. */
  private int close() {
    if (at < end && b[at] == '}') {
      at++;
      depth--;
      return END;
    }
    return FAIL;
  }

  /** Reads a member's name (plain ASCII, else FAIL) and its colon, stopping at its value. */
  private boolean member() {
    nameAt = at + 1;
    int close = JsonBytes.nameEnd(b, nameAt, end);
    if (close < 0) {
      return false;
    }
    nameLength = close - nameAt;
    int i = JsonBytes.space(b, close + 1, end);
    if (i >= end || b[i] != ':') {
      return false;
    }
    at = JsonBytes.space(b, i + 1, end);
    return at < end;
  }

  private boolean name(String name) {
    int n = name.length();
    if (n != nameLength) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[nameAt + k] != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private String name() {
    return new String(b, nameAt, nameLength, StandardCharsets.ISO_8859_1);
  }

  private byte peek() {
    return b[at];
  }

  private void ws() {
    at = JsonBytes.space(b, at, end);
  }
}
