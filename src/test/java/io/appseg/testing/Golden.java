package io.appseg.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A directory of golden files: each holds output that was reviewed once and is then frozen. Run the
 * test with {@code -Dgolden.update=true} to (re)write them and delete unused ones; review the diff
 * before committing it, because a golden file is a claim that the output is correct.
 */
public final class Golden {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private final Path dir;
  private final String test;

  /**
   * @param test the test class, named in the hint on how to rewrite the files
   */
  public Golden(Path dir, Class<?> test) {
    this.dir = dir;
    this.test = test.getSimpleName();
  }

  /** {@code actual} is exactly the content of the golden file {@code name}. */
  public void check(String name, String actual) throws IOException {
    Path file = dir.resolve(name);
    if (UPDATE) {
      Files.createDirectories(dir);
      Files.writeString(file, actual);
      return;
    }
    if (!Files.exists(file)) {
      fail(
          "no golden file %s; run mvn test -Dgolden.update=true -Dtest=%s, then review it",
          file, test);
    }
    assertThat(actual)
        .as("output differs from %s (if intended: -Dgolden.update=true -Dtest=%s)", file, test)
        .isEqualTo(Files.readString(file));
  }

  /**
   * No golden file lies in the directory but those {@code names}: a file no case reads checks
   * nothing.
   */
  public void onlyThese(Collection<String> names) {
    List<Path> unused =
        Samples.yamlFiles(dir).stream()
            .filter(p -> !names.contains(p.getFileName().toString()))
            .toList();
    if (UPDATE) {
      unused.forEach(Golden::delete);
      return;
    }
    assertThat(unused).as("golden files no case of %s reads", test).isEmpty();
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
