package io.appseg.cli;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML stream to plain values (Map, List, String, Integer, Long, Double, Boolean) exactly
 * as kubectl sends it to the API server, or refuses it. kubectl splits the stream at lines holding
 * only {@code ---}, reads each part with go-yaml v2 (YAML 1.1 resolution), converts it to JSON, and
 * the API server drops null fields. SnakeYAML parses (a port of PyYAML, whose design libyaml and so
 * go-yaml share); the values are resolved here, because SnakeYAML's YAML 1.1 resolution differs
 * from go-yaml's. Whatever YAML 1.1, go-yaml and YAML 1.2 could read differently is refused with
 * the line and the key, so a reviewer never sees one object and the cluster another.
 */
final class StrictYaml {

  /** A value of the stream: a top-level document and the line (1-based) where it starts. */
  record Parsed(int line, Object value) {}

  /**
   * Far deeper than any manifest (a CRD schema nests ~60 levels), well below Jackson's limit of
   * 1000.
   */
  static final int MAX_DEPTH = 500;

  /**
   * kube-apiserver refuses request bodies above 3 MiB; aliases must not expand a document past
   * that.
   */
  static final int MAX_EXPANDED_CHARS = 3 * 1024 * 1024;

  /**
   * Lists and maps an alias repeats, per document, nested repeats counted each time: far above what
   * a hand-written file repeats, and an alias bomb is refused after some thousand values instead of
   * a million.
   */
  static final int MAX_ALIASES = 1000;

  private static final String CORE = "tag:yaml.org,2002:";
  private static final Set<String> SCALAR_TAGS = Set.of("str", "int", "float", "bool", "null");

  /** Marks scalars that carried no tag: the composer resolves nothing, {@link #plain} does. */
  private static final Tag UNTAGGED = new Tag("tag:appseg.io,2026:untagged");

  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> BOOLS =
      Set.of("true", "True", "TRUE", "false", "False", "FALSE");

  /** Booleans for YAML 1.1 and go-yaml v2, strings for YAML 1.2. */
  private static final Set<String> YAML11_BOOLS =
      Set.of(
          "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
          "OFF");

  private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL_FLOAT = Pattern.compile("[-+]?(0|[1-9][0-9]*)\\.[0-9]+");

  /**
   * Numbers to some reader, in a form the others read differently: go-yaml drops '_' and takes Go's
   * 0x/0o/0b and leading-zero octal, YAML 1.2 reads 0777 as 777 and 1_000 as a string, YAML 1.1
   * reads 1:20 as 80, exponents without a dot are strings in 1.1, and .inf/.nan have no JSON form.
   */
  private static final Pattern OTHER_NUMBER =
      Pattern.compile(
          "(?=.*[0-9])[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+"
              + "|0[bB][01_]+|[0-9_]+|[0-9_]*\\.[0-9_]*([eE][-+]?[0-9_]+)?|[0-9_]+[eE][-+]?[0-9_]+"
              + "|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?)|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  private StrictYaml() {}

  /**
   * The documents of {@code text}; empty documents are kept as null values so indexes match the
   * stream.
   */
  static List<Parsed> read(String source, String text) throws InputException {
    Lines.check(source, text);
    LoaderOptions options = new LoaderOptions();
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    // The expansion budget below bounds aliases; SnakeYAML's own count (50) would refuse ordinary
    // files.
    options.setMaxAliasesForCollections(Integer.MAX_VALUE);
    options.setCodePointLimit(Integer.MAX_VALUE);
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new UntaggedResolver());
    try {
      checkEvents(source, yaml.parse(new StringReader(text)));
      List<Parsed> documents = new ArrayList<>();
      for (Node node : yaml.composeAll(new StringReader(text))) {
        documents.add(new Parsed(line(node.getStartMark()), new Walk(source).value(node, null, 0)));
      }
      return documents;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String at =
          mark == null ? "" : " at line " + line(mark) + ", column " + (mark.getColumn() + 1);
      throw new InputException(
          source + ": not valid YAML/JSON" + at + ": " + firstLine(e.getProblem()));
    } catch (YAMLException e) {
      throw new InputException(source + ": not valid YAML/JSON: " + firstLine(e.getMessage()));
    }
  }

  /**
   * Tags, depth and flow context, which the composed nodes no longer show (and "!" looks untagged
   * there).
   */
  private static void checkEvents(String source, Iterable<Event> events) throws InputException {
    Deque<Boolean> open = new ArrayDeque<>(); // per open collection: is it a flow one?
    int flow = 0;
    for (Event event : events) {
      if (event instanceof ScalarEvent scalar) {
        checkTag(source, scalar.getTag(), event);
        if (scalar.isPlain() && flow > 0 && scalar.getValue().contains(":")) {
          throw refused(
              source,
              event.getStartMark(),
              "plain value \""
                  + scalar.getValue()
                  + "\" inside {...} or "
                  + "[...]: YAML readers disagree whether its ':' starts a value; quote it, or put a space after ':'");
        }
      } else if (event instanceof CollectionStartEvent collection) {
        checkTag(source, collection.getTag(), event);
        open.push(collection.isFlow());
        flow += collection.isFlow() ? 1 : 0;
        if (open.size() > MAX_DEPTH) {
          throw refused(
              source, event.getStartMark(), "nested deeper than " + MAX_DEPTH + " levels");
        }
      } else if (event instanceof CollectionEndEvent) {
        flow -= open.pop() ? 1 : 0;
      }
    }
  }

  private static void checkTag(String source, String tag, Event event) throws InputException {
    if (tag != null && !isCoreTag(tag, event)) {
      String shown = tag.startsWith(CORE) ? "!!" + tag.substring(CORE.length()) : tag;
      throw refused(
          source,
          event.getStartMark(),
          "tag "
              + shown
              + " is not allowed; only the YAML core schema's "
              + "!!str, !!int, !!float, !!bool, !!null (on scalars), !!map and !!seq are");
    }
  }

  private static boolean isCoreTag(String tag, Event event) {
    if (!tag.startsWith(CORE)) {
      return false;
    }
    String name = tag.substring(CORE.length());
    return event instanceof ScalarEvent
        ? SCALAR_TAGS.contains(name)
        : name.equals(event.is(Event.ID.MappingStart) ? "map" : "seq");
  }

  /**
   * Builds values from the composed node graph, where an alias is the very node its anchor names.
   */
  private static final class Walk {
    private final String source;
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private long chars;
    private int aliases;

    Walk(String source) {
      this.source = source;
    }

    Object value(Node node, KeyPath path, int depth) throws InputException {
      if (depth > MAX_DEPTH) {
        throw refused(
            source,
            node.getStartMark(),
            "nested deeper than " + MAX_DEPTH + " levels once aliases " + "are expanded");
      }
      if (node instanceof ScalarNode scalar) {
        spend(scalar.getValue().length() + 2, scalar);
        return scalar(scalar, path);
      }
      if (!seen.add(node) && ++aliases > MAX_ALIASES) {
        throw refused(
            source,
            node.getStartMark(),
            path,
            "more than "
                + MAX_ALIASES
                + " lists or maps repeated by aliases; write the repeated values out");
      }
      if (!open.add(node)) {
        throw refused(
            source,
            node.getStartMark(),
            path,
            "an alias refers to a collection that contains it; "
                + "recursive structures have no JSON form");
      }
      try {
        spend(2, node);
        return node instanceof MappingNode mapping
            ? mapping(mapping, path, depth)
            : list((SequenceNode) node, path, depth);
      } finally {
        open.remove(node);
      }
    }

    private List<Object> list(SequenceNode node, KeyPath path, int depth) throws InputException {
      List<Object> items = new ArrayList<>();
      for (Node item : node.getValue()) {
        items.add(value(item, new KeyPath(path, "[" + items.size() + "]"), depth + 1));
      }
      return items;
    }

    private Map<String, Object> mapping(MappingNode node, KeyPath path, int depth)
        throws InputException {
      Map<String, Object> map = new LinkedHashMap<>();
      Map<String, Integer> lines = new LinkedHashMap<>();
      for (NodeTuple tuple : node.getValue()) {
        String key = key(tuple.getKeyNode(), path);
        KeyPath here = new KeyPath(path, key);
        Integer first = lines.putIfAbsent(key, line(tuple.getKeyNode().getStartMark()));
        if (first != null) {
          throw refused(
              source,
              tuple.getKeyNode().getStartMark(),
              path,
              "duplicate key \""
                  + key
                  + "\" (first at "
                  + "line "
                  + first
                  + "): kubectl silently keeps the last one; keep one");
        }
        spend(key.length() + 3, tuple.getKeyNode());
        Object value = value(tuple.getValueNode(), here, depth + 1);
        // The API server drops null fields (and then applies defaults); keeping them would override
        // defaults here.
        if (value != null) {
          map.put(key, value);
        }
      }
      return map;
    }

    /** Keys become strings as go-yaml's JSON conversion makes them: 1 -> "1", true -> "true". */
    private String key(Node node, KeyPath parent) throws InputException {
      if (!(node instanceof ScalarNode scalar)) {
        throw refused(
            source,
            node.getStartMark(),
            parent,
            "a key that is a list or a map; JSON keys are strings");
      }
      if (scalar.isPlain() && scalar.getTag() == UNTAGGED && scalar.getValue().equals("<<")) {
        throw refused(
            source,
            node.getStartMark(),
            parent,
            "merge key \"<<\" is not allowed: go-yaml (kubectl) "
                + "merges, YAML 1.2 reads a key named <<; write the keys out");
      }
      Object key = scalar(scalar, parent);
      if (key instanceof String
          || key instanceof Integer
          || key instanceof Long
          || key instanceof Boolean) {
        return String.valueOf(key);
      }
      throw refused(
          source,
          node.getStartMark(),
          parent,
          "key "
              + (key == null ? "null (empty)" : scalar.getValue())
              + " is not a string; quote it");
    }

    private Object scalar(ScalarNode node, KeyPath path) throws InputException {
      String text = node.getValue();
      if (node.getTag() == UNTAGGED) {
        return node.isPlain() ? plain(node, path) : text;
      }
      String tag = node.getTag().getValue().substring(CORE.length());
      if (tag.equals("str")) {
        return text;
      }
      Object value = plain(node, path);
      boolean fits =
          switch (tag) {
            case "int" -> value instanceof Integer || value instanceof Long;
            case "float" -> value instanceof Number;
            case "bool" -> value instanceof Boolean;
            default -> value == null;
          };
      if (!fits) {
        throw refused(
            source,
            node.getStartMark(),
            path,
            "\""
                + text
                + "\" is not a !!"
                + tag
                + " in the form "
                + "all readers share (plain decimal, true/false, null)");
      }
      return value;
    }

    /**
     * The value of an untagged plain scalar, where YAML 1.1, go-yaml v2 and YAML 1.2 agree, or a
     * refusal.
     */
    private Object plain(ScalarNode node, KeyPath path) throws InputException {
      String text = node.getValue();
      if (NULLS.contains(text)) {
        return null;
      }
      if (BOOLS.contains(text)) {
        return Boolean.valueOf(text.toLowerCase());
      }
      if (YAML11_BOOLS.contains(text)) {
        throw refused(
            source,
            node.getStartMark(),
            path,
            text
                + " is a boolean to kubectl (YAML 1.1) but a "
                + "string to YAML 1.2; write true/false, or quote it (\""
                + text
                + "\")");
      }
      if (DECIMAL_INT.matcher(text).matches()) {
        try {
          long value = Long.parseLong(text);
          return value == (int) value ? (Object) (int) value : (Object) value;
        } catch (NumberFormatException e) {
          throw refused(
              source, node.getStartMark(), path, text + " is beyond 64-bit integers; quote it");
        }
      }
      if (DECIMAL_FLOAT.matcher(text).matches()) {
        return jsonNumber(Double.parseDouble(text));
      }
      if (text.equals("<<")) {
        throw refused(
            source, node.getStartMark(), path, "<< is a merge key to go-yaml (kubectl); quote it");
      }
      if (OTHER_NUMBER.matcher(text).matches()) {
        throw refused(
            source,
            node.getStartMark(),
            path,
            text
                + " is read differently by YAML 1.1, go-yaml "
                + "(kubectl) and YAML 1.2; quote it, or write the number in plain decimal");
      }
      return text;
    }

    private void spend(int amount, Node node) throws InputException {
      chars += amount;
      if (chars > MAX_EXPANDED_CHARS) {
        throw refused(
            source,
            node.getStartMark(),
            "the document is larger than 3 MiB with its aliases expanded, "
                + "more than kube-apiserver accepts");
      }
    }
  }

  /**
   * A float as it reaches the API server: kubectl re-encodes it in JSON, where an integral float is
   * written without a fraction and then stored as an integer (8080.0 becomes 8080).
   */
  static Object jsonNumber(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
      long integral = (long) value;
      return integral == (int) integral ? (Object) (int) integral : (Object) integral;
    }
    return value;
  }

  /** Textual rules: kubectl splits the stream itself before any YAML parser sees it. */
  private static final class Lines {
    private static final Pattern SEPARATOR = Pattern.compile("---([ \\t]+(#.*)?)?");

    static void check(String source, String text) throws InputException {
      int line = 1;
      int start = 0;
      int document = 0;
      int documentLine = 1;
      for (int i = 0; i <= text.length(); i++) {
        if (i - document > MAX_EXPANDED_CHARS) {
          // Refused before parsing: SnakeYAML's scanner slows down sharply on one very long value.
          throw refused(
              source,
              documentLine,
              "the document is larger than 3 MiB, more than the API server accepts; "
                  + "split it or shorten its values");
        }
        char c = i < text.length() ? text.charAt(i) : '\n';
        if (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
          throw refused(
              source, line, "a line break CR without LF; kubectl splits documents at LF only");
        }
        if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
          throw refused(
              source,
              line,
              String.format(
                  "character U+%04X is a line break to YAML 1.1 and text to "
                      + "YAML 1.2; write it as an escape in a double-quoted string",
                  (int) c));
        }
        if (c == '\uFEFF') {
          throw refused(
              source,
              line,
              "a byte-order mark (U+FEFF) inside the text; only the very first "
                  + "character of a file may be one");
        }
        if (c == '\n') {
          String content = text.substring(start, i).replaceFirst("\r$", "");
          if (SEPARATOR.matcher(content).matches()) {
            document = i + 1;
            documentLine = line + 1;
          } else if (content.startsWith("---")) {
            throw refused(
                source,
                line,
                "\""
                    + content
                    + "\": kubectl starts a document only at a line holding "
                    + "just '---' (and a comment); move the rest to the next line");
          }
          if (content.startsWith("%")) {
            throw refused(
                source,
                line,
                "directive "
                    + content
                    + " is not allowed: kubectl splits the stream "
                    + "at '---' before reading it, leaving the directive in a document of its own");
          }
          line++;
          start = i + 1;
        }
      }
    }
  }

  /** A key path for messages, built only when one is printed. */
  private record KeyPath(KeyPath parent, String segment) {
    @Override
    public String toString() {
      if (parent == null) {
        return segment;
      }
      return parent + (segment.startsWith("[") ? "" : ".") + segment;
    }
  }

  /** Every implicitly tagged scalar stays {@link #UNTAGGED}; collections keep !!map and !!seq. */
  private static final class UntaggedResolver extends Resolver {
    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      return switch (kind) {
        case scalar -> UNTAGGED;
        case sequence -> Tag.SEQ;
        default -> Tag.MAP;
      };
    }
  }

  private static int line(Mark mark) {
    return mark.getLine() + 1;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").trim();
  }

  private static InputException refused(String source, Mark mark, KeyPath path, String what) {
    return refused(source, line(mark), (path == null ? "" : path + ": ") + what);
  }

  private static InputException refused(String source, Mark mark, String what) {
    return refused(source, line(mark), what);
  }

  private static InputException refused(String source, int line, String what) {
    return new InputException(source + ": line " + line + ": " + what);
  }
}
