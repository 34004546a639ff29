package io.appseg.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

/**
 * Standard input read once for commands that read their inputs twice, and only when an input is
 * "-".
 */
final class Stdin {
  private Stdin() {}

  /**
   * The bytes of stdin when some argument is "-"; an empty stream otherwise (stdin may never end).
   */
  static InputStream once(Object... arguments) throws InputException {
    boolean wanted =
        Stream.of(arguments)
            .flatMap(a -> a instanceof List<?> list ? list.stream() : Stream.of(a))
            .anyMatch("-"::equals);
    if (!wanted) {
      return new ByteArrayInputStream(new byte[0]);
    }
    try {
      return new ByteArrayInputStream(System.in.readAllBytes());
    } catch (IOException e) {
      throw new InputException("<stdin>: cannot read: " + e.getMessage());
    }
  }
}
