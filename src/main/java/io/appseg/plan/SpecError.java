package io.appseg.plan;

/** One problem in a spec: where (a field path such as {@code spec.flows[2].to.tier}) and what is wrong. */
public record SpecError(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
