package io.appseg.cli;

import io.appseg.cli.InjectionTest.SampleField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever string lands in whichever field of a sample, {@code render} output parses to exactly the
 * planned NetworkPolicies (kind, count, names, in order), or the file is refused with an error
 * naming the field.
 */
class RenderInjectionProperties {
  private static final String[] RENDER = {"render", "-o", "yaml"};
  private static List<SampleField> fields;
  private static Path dir;
  private final Cli.Reused cli = new Cli.Reused();

  @BeforeContainer
  static void readSamples() throws IOException {
    fields = InjectionTest.allFields();
    dir = Files.createTempDirectory("render-injection");
  }

  @AfterContainer
  static void removeFiles() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Property(tries = 2000)
  void anyStringInAnyFieldRendersExactlyThePlanOrIsRefused(
      @ForAll("fields") SampleField target, @ForAll("strings") String payload) {
    try {
      Path file = InjectionTest.mutated(dir, target, payload);
      InjectionTest.assertRefusedOrExact(
          RENDER, file, target.field(), payload, cli.run(OutputShape.withFile(RENDER, file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<SampleField> fields() {
    return Arbitraries.of(fields);
  }

  /** Any characters, with YAML's and the terminal's special ones made likely. */
  @Provide
  Arbitrary<String> strings() {
    Arbitrary<Character> special =
        Arbitraries.of(
            '\n', '\r', '-', '#', ':', '"', '\'', '%', '&', '*', '!', '|', '>', '[', ']', '{', '}',
            ',', '`', '\\', '\u001b', '\u0000', '\u0085', '\u2028', '\u202e', '\ufeff', ' ', '\t');
    Arbitrary<Character> any = Arbitraries.chars().all();
    return Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(1, any))
        .list()
        .ofMaxSize(40)
        .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
  }
}
