package io.appseg.ship;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders helm/appseg-operator with Helm's own Go library (helm-java), as `helm template` would,
 * and parses the output into typed fabric8 objects. The release is named like the chart so that
 * resource names equal the ones in config/, which makes the two installs directly comparable.
 */
final class ChartFixture {
  static final Path CHART = Path.of("helm", "appseg-operator");
  static final String RELEASE = "appseg-operator";
  static final String NAMESPACE = "appseg-system";

  /**
   * The release the chart claims and the real-API tier runs (SupportedKubernetesTest), not the
   * library's default.
   */
  static final String KUBE_VERSION = io.appseg.local.ControlPlaneBinaries.VERSION;

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  /**
   * `helm template` with these values on top of values.yaml; throws when Helm refuses (schema,
   * fail).
   */
  static String template(Map<String, ?> values) {
    Path file = valuesFile(values);
    try {
      return new Helm(CHART)
          .template()
          .withName(RELEASE)
          .withNamespace(NAMESPACE)
          .withKubeVersion(KUBE_VERSION)
          .withValuesFile(file)
          .call();
    } finally {
      delete(file);
    }
  }

  static Rendered render(Map<String, ?> values) {
    return new Rendered(parse(template(values)));
  }

  /** Every non-empty document of a multi-document YAML stream, typed by apiVersion/kind. */
  static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> out = new ArrayList<>();
    for (String doc : DOCUMENT_SEPARATOR.split(yaml)) {
      if (doc.lines().anyMatch(l -> !l.isBlank() && !l.stripLeading().startsWith("#"))) {
        out.add(Serialization.unmarshal(doc));
      }
    }
    return out;
  }

  static Path valuesFile(Map<String, ?> values) {
    try {
      Path file = Files.createTempFile("appseg-values", ".yaml");
      Files.writeString(file, Serialization.asYaml(values));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ChartFixture() {}
}
