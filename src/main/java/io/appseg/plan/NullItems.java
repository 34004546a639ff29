package io.appseg.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nulls inside lists. The API server's schema refuses them, yet the Java types take them, and every
 * check after would have to expect a null item: they are found first, in one walk over the plain
 * value tree (the CLI's document, the operator's spec as JSON).
 */
public final class NullItems {

  /** The first null item under {@code node}, with its field path below {@code path}. */
  public static Optional<SpecError> first(Object node, String path) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String child = (path.isEmpty() ? "" : path + ".") + e.getKey();
        Optional<SpecError> found = first(e.getValue(), child);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          return Optional.of(new SpecError(path + "[" + i + "]", "must not be null"));
        }
        Optional<SpecError> found = first(list.get(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private NullItems() {}
}
