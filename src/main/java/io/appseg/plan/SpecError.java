package io.appseg.plan;

import io.appseg.text.Escape;

/**
 * One problem in a spec: where (a field path such as {@code spec.flows[2].to.tier}) and what is
 * wrong. Both are one line of visible text whatever the spec holds, since paths carry map keys and
 * messages carry values.
 */
public record SpecError(String path, String message) {
  public SpecError {
    path = Escape.visible(path);
    message = Escape.visible(message);
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
