package io.appseg.cli;

import java.util.Map;

/** One YAML/JSON document of the input, with where it came from for error messages. */
record Document(String source, int index, Map<String, Object> content) {

  /** "file.yaml" for single-document files, "file.yaml (document 3)" otherwise. */
  String where() {
    return index == 0 ? source : source + " (document " + (index + 1) + ")";
  }

  String kind() {
    return String.valueOf(content.get("kind"));
  }

  String apiVersion() {
    return String.valueOf(content.get("apiVersion"));
  }
}
