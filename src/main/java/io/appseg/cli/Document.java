package io.appseg.cli;

import io.appseg.text.Escape;
import java.util.Map;

/** One YAML/JSON document of the input, with where it came from for error messages. */
record Document(String source, int index, boolean multiDocument, Map<String, Object> content) {

  /**
   * "file.yaml" for single-document files, "file.yaml (document 3)" otherwise; a file name is shown
   * escaped.
   */
  String where() {
    String file = Escape.visible(source);
    return multiDocument ? file + " (document " + (index + 1) + ")" : file;
  }

  String kind() {
    return String.valueOf(content.get("kind"));
  }

  String apiVersion() {
    return String.valueOf(content.get("apiVersion"));
  }
}
