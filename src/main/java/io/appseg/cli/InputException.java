package io.appseg.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * Input that cannot be read at all (missing file, broken YAML): a user mistake, printed without a
 * stack trace.
 */
final class InputException extends Exception {
  InputException(String message) {
    super(message);
  }

  /** Several problems found at once, one per line. */
  InputException(List<String> problems) {
    super(String.join("\n", problems));
  }

  /** Prints each problem as its own {@code error:} line. */
  void print(PrintWriter err) {
    getMessage().lines().forEach(line -> err.println("error: " + line));
  }
}
