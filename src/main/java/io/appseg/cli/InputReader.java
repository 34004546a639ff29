package io.appseg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests from files, directories (recursively, *.yaml, *.yml and *.json, in
 * name order) and stdin ("-"). Multi-document YAML and kind: List are split into documents; empty
 * documents are skipped. The one reader of every command: YAML is read by {@link StrictYaml}, which
 * refuses what readers disagree on.
 */
final class InputReader {
  /** Far above any manifest bundle; bounds the memory one input can take. */
  static final int MAX_INPUT_BYTES = 16 << 20;

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

  /**
   * Like {@link #read}, but a file that cannot be read or parsed is handed to {@code unreadable}
   * and skipped, so every readable file still counts ({@code render --skip-invalid}).
   */
  List<Document> readEach(List<String> inputs, Consumer<InputException> unreadable) {
    List<Document> documents = new ArrayList<>();
    for (String input : inputs) {
      try {
        if (input.equals("-")) {
          documents.addAll(parse("<stdin>", readStdin()));
          continue;
        }
        for (Path file : files(Path.of(input))) {
          try {
            documents.addAll(parse(file.toString(), readFile(file)));
          } catch (InputException e) {
            unreadable.accept(e);
          }
        }
      } catch (InputException e) {
        unreadable.accept(e);
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
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InputException(path + ": cannot read directory: " + e.getMessage());
    }
  }

  private String readStdin() throws InputException {
    try {
      return decode("<stdin>", stdin.readNBytes(MAX_INPUT_BYTES + 1));
    } catch (IOException e) {
      throw new InputException("<stdin>: cannot read: " + e.getMessage());
    }
  }

  private static String readFile(Path file) throws InputException {
    try {
      if (Files.size(file) > MAX_INPUT_BYTES) {
        throw tooLarge(file.toString());
      }
      return decode(file.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static String decode(String source, byte[] bytes) throws InputException {
    if (bytes.length > MAX_INPUT_BYTES) {
      throw tooLarge(source);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InputException(
          source + ": not UTF-8 text; save it as UTF-8 (what kubectl expects)");
    }
  }

  private static InputException tooLarge(String source) {
    return new InputException(
        source
            + ": larger than "
            + (MAX_INPUT_BYTES >> 20)
            + " MiB; split it into several "
            + "files");
  }

  /**
   * The documents of {@code text}, read by {@link StrictYaml} (or {@link StrictJson} when the text
   * starts with '{', as kubectl decides), so every command sees what kubectl would send to the API
   * server.
   */
  static List<Document> parse(String source, String text) throws InputException {
    // Only a leading byte-order mark is allowed (go-yaml and SnakeYAML skip it); any other one is
    // refused.
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<StrictYaml.Parsed> values =
        body.stripLeading().startsWith("{")
            ? StrictJson.read(source, body)
            : StrictYaml.read(source, body);
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      addDocuments(documents, source, i, values.size() > 1, values.get(i));
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  private static void addDocuments(
      List<Document> out, String source, int index, boolean multi, StrictYaml.Parsed parsed)
      throws InputException {
    if (parsed.value() == null || (parsed.value() instanceof Map<?, ?> map && map.isEmpty())) {
      return;
    }
    if (!(parsed.value() instanceof Map<?, ?>)) {
      throw new InputException(
          source
              + ": line "
              + parsed.line()
              + ": a document is "
              + (parsed.value() instanceof List<?> ? "a list" : "a single value")
              + ", not an object with apiVersion and kind");
    }
    Map<String, Object> content = (Map<String, Object>) parsed.value();
    if ("List".equals(content.get("kind")) && content.get("items") instanceof List<?> items) {
      for (Object item : items) {
        if (!(item instanceof Map<?, ?>)) {
          throw new InputException(
              source + ": line " + parsed.line() + ": an item of a List is not an object");
        }
        out.add(new Document(source, index, true, (Map<String, Object>) item));
      }
      return;
    }
    out.add(new Document(source, index, multi, content));
  }
}
