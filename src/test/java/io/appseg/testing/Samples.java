package io.appseg.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's samples/ directory, for tests: listing, strict loading and planning. */
public final class Samples {
  /** The project directory (surefire sets basedir; the working directory otherwise). */
  public static final Path BASE =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

  public static final Path DIR = BASE.resolve("samples");

  /** Strict: an unknown field (a typo) fails instead of being dropped. */
  public static final ObjectMapper STRICT_YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** Every samples/*.yaml, in name order. */
  public static List<Path> all() {
    return yamlFiles(DIR);
  }

  public static Path named(String fileName) {
    return DIR.resolve(fileName);
  }

  public static AppSegmentation load(Path sample) {
    try {
      return STRICT_YAML.readValue(sample.toFile(), AppSegmentation.class);
    } catch (IOException e) {
      throw new UncheckedIOException(sample + ": " + e.getMessage(), e);
    }
  }

  public static Plan plan(Path sample) {
    try {
      return new Planner(PlanDefaults.STANDARD).plan(load(sample));
    } catch (InvalidSpecException e) {
      throw new AssertionError(sample + " is invalid: " + e.errors(), e);
    }
  }

  /** Every sample planned among all the others, as the operator plans them in one cluster. */
  public static List<Plan> planTogether() {
    try {
      return new Planner(PlanDefaults.STANDARD)
          .planTogether(all().stream().map(Samples::load).toList(), List.of());
    } catch (InvalidSpecException e) {
      throw new AssertionError("a sample is invalid: " + e.errors(), e);
    }
  }

  /**
   * The *.yaml files directly in {@code dir}, in name order; empty when the directory does not
   * exist.
   */
  public static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Samples() {}
}
