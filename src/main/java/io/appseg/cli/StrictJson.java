package io.appseg.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stream of JSON values, as kubectl does for input starting with '{', with the rules of
 * {@link StrictYaml}: duplicate keys refused, null fields dropped, numbers as they reach the API
 * server, depth bounded.
 */
final class StrictJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final String source;
  private final JsonParser parser;

  private StrictJson(String source, JsonParser parser) {
    this.source = source;
    this.parser = parser;
  }

  static List<StrictYaml.Parsed> read(String source, String text) throws InputException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      StrictJson json = new StrictJson(source, parser);
      List<StrictYaml.Parsed> values = new ArrayList<>();
      while (parser.nextToken() != null) {
        int line = parser.currentTokenLocation().getLineNr();
        values.add(new StrictYaml.Parsed(line, json.value(null, 0)));
      }
      return values;
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new InputException(
          source + ": not valid YAML/JSON" + at + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputException(source + ": cannot read: " + e.getMessage());
    }
  }

  private Object value(String path, int depth) throws IOException, InputException {
    JsonToken token = parser.currentToken();
    if (depth > StrictYaml.MAX_DEPTH) {
      throw refused(null, "nested deeper than " + StrictYaml.MAX_DEPTH + " levels");
    }
    switch (token) {
      case START_OBJECT:
        return object(path, depth);
      case START_ARRAY:
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(join(path, "[" + items.size() + "]"), depth + 1));
        }
        return items;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw refused(path, parser.getText() + " is beyond 64-bit integers; quote it");
        }
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        double value = parser.getDoubleValue();
        if (Double.isInfinite(value)) {
          throw refused(path, parser.getText() + " is beyond 64-bit floating point");
        }
        return StrictYaml.jsonNumber(value);
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      default:
        return null;
    }
  }

  private Map<String, Object> object(String path, int depth) throws IOException, InputException {
    Map<String, Object> map = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Integer first = lines.putIfAbsent(key, parser.currentTokenLocation().getLineNr());
      if (first != null) {
        throw refused(
            path,
            "duplicate key \""
                + key
                + "\" (first at line "
                + first
                + "): kubectl silently keeps the last one; keep one");
      }
      parser.nextToken();
      Object value = value(join(path, key), depth + 1);
      if (value != null) { // as in StrictYaml: the API server drops null fields
        map.put(key, value);
      }
    }
    return map;
  }

  private static String join(String path, String segment) {
    return path == null ? segment : segment.startsWith("[") ? path + segment : path + "." + segment;
  }

  private InputException refused(String path, String what) {
    return new InputException(
        source
            + ": line "
            + parser.currentTokenLocation().getLineNr()
            + ": "
            + (path == null ? "" : path + ": ")
            + what);
  }
}
