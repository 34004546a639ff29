package io.appseg.cli;

import java.util.Map;

/** One YAML/JSON document of the input, with where it came from for error messages. */
record Document(String source, int index, boolean multiDocument, Map<String, Object> content) {

  /** "file.yaml" for single-document files, "file.yaml (document 3)" otherwise. */
  String where() {
    return multiDocument ? source + " (document " + (index + 1) + ")" : source;
  }

  String kind() {
    return String.valueOf(content.get("kind"));
  }

  String apiVersion() {
    return String.valueOf(content.get("apiVersion"));
  }
}
