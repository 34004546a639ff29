package io.appseg.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.util.List;

/** Kubernetes objects as multi-document YAML people can read: quotes only where YAML needs them. */
public final class Manifests {
  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .build())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** Each object as one document, every document starting with "---". */
  public static String toYaml(List<? extends HasMetadata> objects) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata o : objects) {
      out.append("---\n").append(toYaml(o));
    }
    return out.toString();
  }

  public static String toYaml(Object o) {
    try {
      return YAML.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Manifests() {}
}
