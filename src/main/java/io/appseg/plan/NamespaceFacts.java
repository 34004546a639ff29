package io.appseg.plan;

import java.util.Map;

/**
 * What the plan needs to know about a namespace: that it exists, its labels and its annotations.
 */
public record NamespaceFacts(
    String name, Map<String, String> labels, Map<String, String> annotations) {
  public NamespaceFacts {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
