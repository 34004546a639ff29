package io.appseg.netpol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a {@link Cluster} from manifests: multi-document YAML or JSON files, directories
 * (recursively, files ending in .yaml, .yml or .json, in name order) and standard input ({@code
 * -}). Namespaces, Pods and networking.k8s.io/v1 NetworkPolicies are used, List kinds are unpacked,
 * other kinds are skipped with a note. Every problem is reported at once, as "file document N: ..."
 * lines in an {@link InvalidInputException}.
 */
public final class ManifestLoader {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new JsonMapper();

  private ManifestLoader() {}

  public static LoadResult load(List<Path> paths) {
    ManifestCollector collector = new ManifestCollector();
    for (Path path : paths) {
      if (path.toString().equals("-")) {
        read(collector, "<stdin>", readAll(System.in, "<stdin>"));
      } else {
        for (Path file : files(path, collector)) {
          read(collector, file.toString(), readFile(file));
        }
      }
    }
    return collector.result();
  }

  /** Reads manifests from text; {@code source} names it in messages. */
  public static LoadResult read(String source, String text) {
    ManifestCollector collector = new ManifestCollector();
    read(collector, source, text);
    return collector.result();
  }

  /**
   * A document someone else has parsed; {@code where} names it in messages, e.g. "a.yaml (document
   * 2)".
   */
  public record Parsed(String where, JsonNode content) {}

  /**
   * Reads documents already parsed by a caller that handles some kinds itself (the CLI takes out
   * AppSegmentations) and hands over the rest; the same rules and messages as for files apply.
   */
  public static LoadResult read(List<Parsed> documents) {
    ManifestCollector collector = new ManifestCollector();
    documents.forEach(d -> collector.add(d.content(), d.where()));
    return collector.result();
  }

  /**
   * YAML also reads JSON; the JSON parser is used for .json files only, for its sharper error
   * messages.
   */
  private static void read(ManifestCollector collector, String source, String text) {
    boolean json = source.endsWith(".json");
    int doc = 1;
    try (MappingIterator<JsonNode> it =
        (json ? JSON : YAML).readerFor(JsonNode.class).readValues(text)) {
      for (; it.hasNextValue(); doc++) {
        JsonNode node = it.nextValue();
        if (node != null && node.isArray()) {
          for (int i = 0; i < node.size(); i++) {
            collector.add(node.get(i), source + " document " + doc + " item " + (i + 1));
          }
        } else {
          collector.add(node, source + " document " + doc);
        }
      }
    } catch (JsonProcessingException e) {
      collector.problems.add(
          source
              + " document "
              + doc
              + ": not valid "
              + (json ? "JSON" : "YAML")
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + at(e.getLocation()));
    } catch (IOException e) {
      collector.problems.add(source + ": cannot read: " + e.getMessage());
    }
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 0
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static List<Path> files(Path path, ManifestCollector collector) {
    if (!Files.exists(path)) {
      collector.problems.add(path + ": no such file or directory");
      return List.of();
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(".*\\.(yaml|yml|json)"))
          .sorted()
          .toList();
    } catch (IOException e) {
      collector.problems.add(path + ": cannot list directory: " + e.getMessage());
      return new ArrayList<>();
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(List.of(file + ": cannot read: " + e.getMessage()));
    }
  }

  private static String readAll(InputStream in, String source) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": cannot read", e);
    }
  }
}
