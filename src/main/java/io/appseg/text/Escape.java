package io.appseg.text;

/**
 * Text from an input file (names, keys, values, file paths) shown to a person or written next to
 * generated output. Escaped so that it can never end a line, start a document or a diagram
 * statement, move the cursor or recolour a terminal: control characters, line and paragraph
 * separators and invisible format characters (bidirectional overrides among them) become {@code
 * \n}, {@code \t} or {@code \}{@code uXXXX}.
 */
public final class Escape {
  /** Values longer than this are cut in messages: the field path already says where the rest is. */
  public static final int MAX_SHOWN = 80;

  /** The text with every character that is not plainly visible escaped; other text unchanged. */
  public static String visible(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = escaped(c);
      if (escaped != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        out.append(escaped != null ? escaped : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * A value in a message: double-quoted, quotes and backslashes escaped too, cut after {@link
   * #MAX_SHOWN}.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN);
    String body = visible(shown.replace("\\", "\\\\").replace("\"", "\\\""));
    return "\""
        + body
        + "\""
        + (shown.length() < value.length() ? "... (" + value.length() + " characters)" : "");
  }

  /** True when {@link #visible} leaves the character as it is. */
  public static boolean isPlain(char c) {
    return escaped(c) == null;
  }

  private static String escaped(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> hidden(c) ? String.format("\\u%04x", (int) c) : null;
    };
  }

  private static boolean hidden(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.FORMAT
        || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE;
  }

  private Escape() {}
}
