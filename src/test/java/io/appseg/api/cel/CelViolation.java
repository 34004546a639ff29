package io.appseg.api.cel;

/**
 * A rule a resource breaks: the field Kubernetes would report (node path + the rule's fieldPath)
 * and the message.
 */
public record CelViolation(String field, String message, CelRule rule) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
