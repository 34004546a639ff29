package io.appseg.netpol;

import java.util.List;

/**
 * Input the API server would reject, or that cannot be evaluated; {@link #problems()} has one line
 * per problem.
 */
public class InvalidInputException extends RuntimeException {
  private final List<String> problems;

  public InvalidInputException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
