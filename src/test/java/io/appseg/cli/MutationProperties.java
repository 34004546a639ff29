package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.cli.Mutations.Mutation;
import io.appseg.plan.PlanDefaults;
import io.appseg.testing.Samples;
import io.appseg.verify.PlanVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code render} of every {@link Mutations mutation} of the samples exits 0 or 1; an error is a
 * line starting {@code error: } (or a {@code note: }) with no stack trace or class name; an output
 * is the un-mutated sample's, or a plan the self-check proves exact for the mutated spec, never
 * wider than declared. The operator's side of the same inputs: {@link
 * OperatorValidationProperties}.
 */
class MutationProperties {
  private static final Map<String, String> BASELINE = new HashMap<>();
  private static final PlanVerifier VERIFIER = new PlanVerifier(PlanDefaults.STANDARD);
  private static Path dir;
  private final Cli.Reused cli = new Cli.Reused();

  @BeforeContainer
  static void renderTheSamples() throws IOException {
    Cli.Reused cli = new Cli.Reused();
    for (Path sample : Samples.all()) {
      BASELINE.put(
          sample.getFileName().toString(), cli.run("render", "-f", sample.toString()).out());
    }
    dir = Files.createTempDirectory("mutations");
  }

  @AfterContainer
  static void clean() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Property(tries = 3000)
  void renderAnswersWithOneLineErrorsOrAnExactPlan(@ForAll("mutations") Mutation m) {
    String text = Mutations.text(m);
    Path file = write(m.target().sample(), text);
    Cli.Result r = cli.run("render", "-f", file.toString());
    assertThat(r.exitCode()).as(m + "\n" + r).isIn(0, 1);
    Cli.assertNoStackTrace(r);
    assertThat(r.err())
        .as(m + "\n" + r)
        .doesNotContainPattern("\\b(java|javax|com|org|io)\\.[a-z]+\\.");
    if (r.exitCode() == 1) {
      assertThat(r.out()).as(m.toString()).isEmpty();
      assertThat(r.err().lines())
          .as(m + "\n" + r)
          .isNotEmpty()
          .allMatch(l -> l.startsWith("error: ") || l.startsWith("note: "));
    } else if (!r.out().equals(BASELINE.get(m.target().sample()))) {
      assertExact(m, file, text);
    }
  }

  /** A mutation that still renders, differently: the self-check proves the plan exact. */
  private static void assertExact(Mutation m, Path file, String text) {
    List<Document> documents;
    try {
      documents = InputReader.parse(file.toString(), text);
    } catch (InputException e) {
      throw new AssertionError(m + ": rendered, yet not readable: " + e.getMessage(), e);
    }
    Segmentations.Result result =
        Segmentations.load(documents, "default", new PrintWriter(new StringWriter()));
    assertThat(result.invalid()).as(m.toString()).isZero();
    for (Segmentations.Planned p : result.valid()) {
      assertThat(VERIFIER.verify(p.segmentation(), p.plan()).ok()).as("exact: " + m).isTrue();
    }
  }

  private static Path write(String sample, String text) {
    try {
      return Files.writeString(dir.resolve(sample), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Mutations.all();
  }
}
