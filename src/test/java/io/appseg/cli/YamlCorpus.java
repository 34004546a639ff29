package io.appseg.cli;

import io.appseg.testing.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The YAML edge cases of src/test/resources/yaml-corpus: {@code accepted/x.yaml} (or .json) with
 * {@code x.expected.json}, the documents the reader must return; {@code refused/x.yaml} with {@code
 * x.expected.txt}, the message after "file: ".
 */
final class YamlCorpus {
  static final Path DIR = Samples.BASE.resolve("src/test/resources/yaml-corpus");

  static List<Path> accepted() {
    return inputs(DIR.resolve("accepted"));
  }

  static List<Path> refused() {
    return inputs(DIR.resolve("refused"));
  }

  static Path expected(Path input, String extension) {
    return input.resolveSibling(
        input.getFileName().toString().replaceFirst("\\.(yaml|json)$", ".expected." + extension));
  }

  private static List<Path> inputs(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> !p.getFileName().toString().contains(".expected."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private YamlCorpus() {}
}
