package io.appseg.cli;

/** Input that cannot be read at all (missing file, broken YAML): a user mistake, printed without a stack trace. */
final class InputException extends Exception {
  InputException(String message) {
    super(message);
  }
}
