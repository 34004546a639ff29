package io.appseg.api.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.Map;
import java.util.Optional;

/**
 * One x-kubernetes-validations entry, compiled, with the schema path of the node it sits on ({@code
 * spec.flows[*].from}).
 */
public record CelRule(
    String schemaPath, String expression, String message, String fieldPath, Program program) {

  /** Kubernetes' message when the rule has none. */
  public String effectiveMessage() {
    return message != null ? message : "failed rule: " + expression;
  }

  /**
   * The failure message when {@code self} breaks the rule; an evaluation error fails too, as in
   * Kubernetes.
   */
  Optional<String> check(Object self) {
    Object result;
    try {
      result = program.eval(Map.of("self", self));
    } catch (CelEvaluationException e) {
      return Optional.of("rule error in '" + expression + "': " + e.getMessage());
    }
    if (Boolean.TRUE.equals(result)) {
      return Optional.empty();
    }
    return Optional.of(
        Boolean.FALSE.equals(result)
            ? effectiveMessage()
            : "rule returned " + result + ", not a bool");
  }
}
