package io.appseg.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests from files, directories (recursively, *.yaml, *.yml and *.json, in name order) and
 * stdin ("-"). Multi-document YAML and kind: List are split into documents; empty documents are skipped.
 */
final class InputReader {
  private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final InputStream stdin;

  InputReader(InputStream stdin) {
    this.stdin = stdin;
  }

  List<Document> read(List<String> inputs) throws InputException {
    List<Document> documents = new ArrayList<>();
    for (String input : inputs) {
      if (input.equals("-")) {
        documents.addAll(parse("<stdin>", readStdin()));
      } else {
        for (Path file : files(Path.of(input))) {
          documents.addAll(parse(file.toString(), readFile(file)));
        }
      }
    }
    return documents;
  }

  private static List<Path> files(Path path) throws InputException {
    if (!Files.exists(path)) {
      throw new InputException(path + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted()
          .toList();
    } catch (IOException e) {
      throw new InputException(path + ": cannot read directory: " + e.getMessage());
    }
  }

  private String readStdin() throws InputException {
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("<stdin>: cannot read: " + e.getMessage());
    }
  }

  private static String readFile(Path file) throws InputException {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    }
  }

  static List<Document> parse(String source, String text) throws InputException {
    List<Document> documents = new ArrayList<>();
    ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
    try (var parser = mapper.createParser(text)) {
      var values = mapper.readValues(parser, JsonNode.class);
      int index = 0;
      while (values.hasNextValue()) {
        JsonNode node = values.nextValue();
        addDocuments(documents, source, index++, node);
      }
    } catch (JsonProcessingException e) {
      String location = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new InputException(source + ": not valid YAML/JSON" + location + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputException(source + ": cannot read: " + e.getMessage());
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  private static void addDocuments(List<Document> out, String source, int index, JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || (node.isObject() && node.isEmpty())) {
      return;
    }
    Map<String, Object> content = YAML.convertValue(node, Map.class);
    if ("List".equals(content.get("kind")) && node.get("items") != null && node.get("items").isArray()) {
      for (JsonNode item : node.get("items")) {
        out.add(new Document(source, index, YAML.convertValue(item, Map.class)));
      }
      return;
    }
    out.add(new Document(source, index, content));
  }
}
