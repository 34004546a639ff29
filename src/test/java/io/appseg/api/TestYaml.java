package io.appseg.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/** YAML for tests, flow style included (fabric8's Serialization takes a leading '{' for JSON). */
public final class TestYaml {
  private static final YAMLMapper MAPPER = new YAMLMapper();

  public static <T> T read(String yaml, Class<T> type) {
    try {
      return MAPPER.readValue(yaml, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, Object> map(String yaml) {
    try {
      return MAPPER.readValue(yaml, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TestYaml() {}
}
