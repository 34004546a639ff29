package io.appseg.netpol;

import java.util.Map;

/** A namespace and its labels, always including {@code kubernetes.io/metadata.name} (R09). */
public record NamespaceInfo(String name, Map<String, String> labels) {
  public NamespaceInfo {
    labels = Map.copyOf(labels);
  }
}
