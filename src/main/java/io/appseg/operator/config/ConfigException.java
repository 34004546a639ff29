package io.appseg.operator.config;

import java.util.List;

/**
 * Invalid operator configuration: a user mistake, reported as plain messages (one per variable),
 * never a trace.
 */
public final class ConfigException extends Exception {
  private final transient List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
