package io.appseg.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads flow records line by line into observations: Hubble's JSON (one flow per line, as {@code
 * hubble observe -o json} writes), Calico's Goldmane flows (JSON, one per line) and the plain CSV
 * (its header first). The format is told per line, so files can be concatenated. A line that is not
 * a flow, or that cannot be read, is counted in the {@link ReadStats} with its reason, never fatal.
 */
public final class FlowReader {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private FlowReader() {}

  /** Reads every line of {@code in}, handing each observation to {@code sink}. */
  public static ReadStats read(String source, BufferedReader in, Consumer<Observation> sink) {
    ReadStats stats = new ReadStats(source);
    Map<String, FlowEnd> ends = new HashMap<>();
    try {
      String line;
      while ((line = in.readLine()) != null) {
        LineResult result = parse(line, ends);
        stats.count(result);
        if (result.observation() != null) {
          sink.accept(result.observation());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stats;
  }

  static LineResult parse(String line, Map<String, FlowEnd> ends) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.equals(CsvLine.HEADER)) {
      return LineResult.skip(null);
    }
    try {
      if (trimmed.charAt(0) != '{') {
        return CsvLine.parse(trimmed);
      }
      JsonNode node = JSON.readTree(trimmed);
      if (CalicoLine.looksLike(node)) {
        return CalicoLine.parse(node);
      }
      if (HubbleLine.looksLike(node) || node.has("flow")) {
        return HubbleLine.parse(node, ends);
      }
      return LineResult.skip("not a flow record");
    } catch (JsonProcessingException e) {
      return LineResult.broken("not JSON");
    } catch (IllegalArgumentException e) {
      return LineResult.broken(e.getMessage());
    }
  }
}
