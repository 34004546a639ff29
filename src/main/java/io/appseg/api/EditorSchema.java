package io.appseg.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.api.v1alpha1.CrdConstants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Build step after the CRD generator: the CRD's openAPIV3Schema as a JSON Schema (draft-07) for
 * editors, which yaml-language-server (VS Code, Neovim, IntelliJ) applies to a manifest whose first
 * line is {@code # yaml-language-server: $schema=<path>}. Written next to the CRD as {@link #FILE};
 * hack/update-crds.sh copies both to crds/.
 *
 * <p>Kubernetes' extensions go: an editor cannot run the CEL rules ({@code
 * x-kubernetes-validations}), which the API server and {@code appseg check} apply. What stays
 * (types, enums, patterns, bounds, required fields, descriptions) is checked as typed. An object
 * with declared properties refuses others, as {@code kubectl apply} (strict field validation) does,
 * so that a misspelled field is marked where it is written.
 */
public final class EditorSchema {
  public static final String FILE = CrdConstants.CRD_NAME + "-v1.schema.json";

  private static final String DRAFT = "http://json-schema.org/draft-07/schema#";
  private static final String K8S_EXTENSION = "x-kubernetes-";
  private static final List<String> SCHEMA_LISTS = List.of("anyOf", "oneOf", "allOf");
  private static final List<String> SCHEMA_VALUES = List.of("items", "not", "additionalProperties");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    JsonNode crd = new YAMLMapper().readTree(dir.resolve(CrdConstants.CRD_FILE).toFile());
    Files.writeString(dir.resolve(FILE), of(crd));
  }

  /** The schema of {@code crd}'s only version, as the file's text. */
  public static String of(JsonNode crd) throws IOException {
    JsonNode version = crd.path("spec").path("versions").path(0);
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("$schema", DRAFT);
    schema.put("title", CrdConstants.KIND + " (" + CrdConstants.API_VERSION + ")");
    schema.put(
        "description",
        "Generated from crds/"
            + CrdConstants.CRD_FILE
            + " by the build (io.appseg.api.EditorSchema); the API server also applies the CRD's"
            + " CEL rules, which are not here.");
    schema.setAll(convert((ObjectNode) version.path("schema").path("openAPIV3Schema")));
    ObjectNode properties = (ObjectNode) schema.path("properties");
    properties.set("apiVersion", constant(CrdConstants.API_VERSION));
    properties.set("kind", constant(CrdConstants.KIND));
    properties.set("metadata", metadata());
    schema.putArray("required").add("apiVersion").add("kind").add("metadata").add("spec");
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
  }

  /** {@code node} without Kubernetes' extensions, its objects closed to undeclared fields. */
  private static ObjectNode convert(ObjectNode node) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.startsWith(K8S_EXTENSION)) {
        continue;
      }
      if (key.equals("properties")) {
        ObjectNode properties = out.putObject(key);
        value
            .properties()
            .forEach(p -> properties.set(p.getKey(), convert((ObjectNode) p.getValue())));
      } else if (SCHEMA_LISTS.contains(key)) {
        ArrayNode list = out.putArray(key);
        value.forEach(v -> list.add(convert((ObjectNode) v)));
      } else if (SCHEMA_VALUES.contains(key) && value.isObject()) {
        out.set(key, convert((ObjectNode) value));
      } else {
        out.set(key, value.deepCopy());
      }
    }
    boolean open = node.path(K8S_EXTENSION + "preserve-unknown-fields").asBoolean(false);
    if (node.has("properties") && !node.has("additionalProperties") && !open) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  private static ObjectNode constant(String value) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "string");
    node.putArray("enum").add(value);
    return node;
  }

  /**
   * The part of ObjectMeta a manifest writes; other fields are allowed, as the server sets them.
   */
  private static ObjectNode metadata() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "object");
    node.putArray("required").add("name");
    ObjectNode properties = node.putObject("properties");
    properties
        .putObject("name")
        .put("type", "string")
        .put(
            "description",
            "The app's name: a DNS subdomain short enough for the generated policy names.");
    properties.putObject("namespace").put("type", "string");
    for (String map : List.of("labels", "annotations")) {
      properties
          .putObject(map)
          .put("type", "object")
          .putObject("additionalProperties")
          .put("type", "string");
    }
    return node;
  }

  private EditorSchema() {}
}
