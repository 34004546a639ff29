package io.appseg.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.appseg.plan.PlanDefaults;
import io.appseg.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every samples/*.yaml has a reviewed connectivity truth table in
 * src/test/resources/truth/&lt;sample&gt;.txt. {@code -Dgolden.update=true} rewrites them (and
 * deletes those without a sample); review the diff by hand.
 */
class SampleTruthTableTest {
  private static final Path TRUTH = Samples.BASE.resolve("src/test/resources/truth");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private final PlanVerifier verifier = new PlanVerifier(PlanDefaults.STANDARD);

  @TestFactory
  Stream<DynamicTest> eachSampleMatchesItsTruthTable() {
    return Samples.all().stream()
        .map(
            sample ->
                DynamicTest.dynamicTest(
                    sample.getFileName().toString(),
                    () -> {
                      String actual =
                          TruthTable.render(
                              sample.getFileName().toString(),
                              Samples.load(sample),
                              Samples.plan(sample),
                              verifier);
                      Path file = TRUTH.resolve(tableName(sample));
                      if (UPDATE) {
                        Files.createDirectories(TRUTH);
                        Files.writeString(file, actual);
                        return;
                      }
                      if (!Files.exists(file)) {
                        fail(
                            "sample %s has no truth table %s; run mvn test -Dgolden.update=true -Dtest=SampleTruthTableTest, "
                                + "then review the new file",
                            sample, file);
                      }
                      assertThat(actual)
                          .as(
                              "%s differs from %s (if intended: -Dgolden.update=true)",
                              sample, file)
                          .isEqualTo(Files.readString(file));
                    }));
  }

  @Test
  void everyTruthTableHasASample() throws IOException {
    Set<String> expected =
        Samples.all().stream().map(SampleTruthTableTest::tableName).collect(Collectors.toSet());
    List<Path> unused;
    try (Stream<Path> files = Files.list(TRUTH)) {
      unused = files.filter(p -> !expected.contains(p.getFileName().toString())).toList();
    }
    if (UPDATE) {
      for (Path p : unused) {
        Files.delete(p);
      }
      return;
    }
    assertThat(unused)
        .as("truth tables without a sample (delete them or run with -Dgolden.update=true)")
        .isEmpty();
  }

  private static String tableName(Path sample) {
    return sample.getFileName().toString().replaceFirst("\\.yaml$", ".txt");
  }
}
