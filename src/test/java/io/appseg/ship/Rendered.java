package io.appseg.ship;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** A set of rendered objects, looked up by kind (and name when a kind occurs more than once). */
record Rendered(List<HasMetadata> objects) {

  List<HasMetadata> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  boolean has(String kind) {
    return !ofKind(kind).isEmpty();
  }

  /** The only object of that kind; fails when there is none or more than one. */
  <T extends HasMetadata> T one(String kind, Class<T> type) {
    List<HasMetadata> all = ofKind(kind);
    if (all.size() != 1) {
      throw new AssertionError(
          "expected exactly one " + kind + ", got " + all.size() + " in " + kinds());
    }
    return type.cast(all.get(0));
  }

  List<String> kinds() {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }
}
