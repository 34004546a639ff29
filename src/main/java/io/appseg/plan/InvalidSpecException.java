package io.appseg.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec the planner refuses: every error found, each with its field path. A user mistake, not a
 * bug.
 */
public final class InvalidSpecException extends Exception {
  private final transient List<SpecError> errors;

  public InvalidSpecException(List<SpecError> errors) {
    super(errors.stream().map(SpecError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<SpecError> errors() {
    return errors;
  }
}
