package io.appseg.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.appseg.api.v1alpha1.AppSegmentation;
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
 * Every samples/*.yaml renders exactly src/test/resources/golden/&lt;same name&gt;. Run with {@code
 * -Dgolden.update=true} to (re)write the golden files (and delete those without a sample); review
 * the diff by hand before committing it, because a golden file is a claim that the output is
 * correct.
 */
class SampleGoldenTest {
  private static final Path SAMPLES = Samples.DIR;
  private static final Path GOLDEN = Samples.BASE.resolve("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TestFactory
  Stream<DynamicTest> eachSampleRendersItsGoldenFile() {
    return samples().stream()
        .map(
            sample ->
                DynamicTest.dynamicTest(
                    sample.getFileName().toString(),
                    () -> {
                      String actual = render(sample);
                      Path golden = GOLDEN.resolve(sample.getFileName());
                      if (UPDATE) {
                        Files.createDirectories(GOLDEN);
                        Files.writeString(golden, actual);
                        return;
                      }
                      if (!Files.exists(golden)) {
                        fail(
                            "sample %s has no golden file %s; run mvn test -Dgolden.update=true -Dtest=SampleGoldenTest, "
                                + "then review the new file",
                            sample, golden);
                      }
                      assertThat(actual)
                          .as(
                              "%s rendered differently from %s (if the change is intended: -Dgolden.update=true)",
                              sample, golden)
                          .isEqualTo(Files.readString(golden));
                    }));
  }

  @Test
  void everyGoldenFileHasASample() throws IOException {
    Set<String> sampleNames =
        samples().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    List<Path> unused =
        Samples.yamlFiles(GOLDEN).stream()
            .filter(p -> !sampleNames.contains(p.getFileName().toString()))
            .toList();
    if (UPDATE) {
      for (Path p : unused) {
        Files.delete(p);
      }
      return;
    }
    assertThat(unused).as("golden files without a sample in %s", SAMPLES).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everySampleParsesStrictlyAndIsValid() {
    return samples().stream()
        .map(
            sample ->
                DynamicTest.dynamicTest(
                    sample.getFileName().toString(),
                    () -> {
                      AppSegmentation seg = load(sample);
                      assertThat(seg.getMetadata().getNamespace())
                          .as("metadata.namespace of %s", sample)
                          .isNotBlank();
                      assertThat(new SpecValidator().validate(seg))
                          .as("validation errors of %s", sample)
                          .isEmpty();
                    }));
  }

  @Test
  void samplesRenderDeterministically() {
    for (Path sample : samples()) {
      assertThat(render(sample)).as("second render of %s", sample).isEqualTo(render(sample));
    }
  }

  @Test
  void theStrictLoaderRejectsUnknownFields() {
    String typo =
        """
        apiVersion: appseg.io/v1alpha1
        kind: AppSegmentation
        metadata: {name: x, namespace: y}
        spec:
          tiers: [{name: web, podselector: {matchLabels: {app: web}}}]
        """;
    assertThatThrownBy(() -> Samples.STRICT_YAML.readValue(typo, AppSegmentation.class))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("podselector");
  }

  @Test
  void thereAreSamples() {
    assertThat(samples())
        .as("samples in %s", SAMPLES.toAbsolutePath())
        .hasSizeGreaterThanOrEqualTo(10);
  }

  private static List<Path> samples() {
    return Samples.all();
  }

  private static AppSegmentation load(Path sample) {
    return Samples.load(sample);
  }

  private static String render(Path sample) {
    return Manifests.toYaml(Samples.plan(sample).policies());
  }
}
