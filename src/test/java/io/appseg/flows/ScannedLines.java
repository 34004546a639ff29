package io.appseg.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.appseg.flows.HubbleFields.Endpoint;
import io.appseg.flows.HubbleFields.Flow;
import io.appseg.flows.HubbleFields.Line;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/** A line read by each Hubble reader on its own, and by the flow reader, for comparing them. */
final class ScannedLines {
  private ScannedLines() {}

  static byte[] bytes(String line) {
    return line.getBytes(StandardCharsets.UTF_8);
  }

  /** What the scanner read, or null when it leaves the line to Jackson. */
  static Line scanned(byte[] b) {
    return HubbleScanner.read(b, 0, b.length);
  }

  /** What Jackson's streaming reader read; throws on JSON it refuses. */
  static Line jackson(byte[] b) throws IOException {
    return HubbleJackson.read(FlowReader.JSON, b, 0, b.length);
  }

  /** The result of the line as read by the scanner, null when it leaves the line to Jackson. */
  static LineResult byScanner(byte[] b) {
    Line line = scanned(b);
    return line == null ? null : result(b, line);
  }

  /** The result of the line as read by Jackson alone: what the reader gave before the scanner. */
  static LineResult byJackson(byte[] b) {
    try {
      return result(b, jackson(b));
    } catch (JsonProcessingException e) {
      return LineResult.broken("not JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result of the line as the flow reader gives it. */
  static LineResult byReader(byte[] b) {
    return FlowReader.parse(b, 0, b.length, new HashMap<>());
  }

  private static LineResult result(byte[] b, Line line) {
    try {
      return HubbleLine.result(FlowReader.JSON, b, line, new HashMap<>());
    } catch (IllegalArgumentException e) {
      return LineResult.broken(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every field a reader filled, labels and workloads as the text they span. */
  static String describe(byte[] b, Line line) {
    if (line == null) {
      return "null";
    }
    return "top " + describe(b, line.top) + "\nflow " + describe(b, line.wrapped);
  }

  private static String describe(byte[] b, Flow f) {
    if (f == null) {
      return "none";
    }
    return String.join(
        " | ",
        "ip " + f.hasIp + " " + f.sourceIp + " " + f.destinationIp,
        "l4 " + f.hasL4 + " " + f.protocol + " " + f.port + " " + f.portProblem,
        "source " + f.hasSource + " " + describe(b, f.source),
        "destination " + describe(b, f.destination),
        "verdict " + f.hasVerdict + " calico " + f.calico + " reply " + f.reply,
        "time " + f.time);
  }

  private static String describe(byte[] b, Endpoint e) {
    return e.namespace
        + "/"
        + e.pod
        + " labels "
        + span(b, e.labelsFrom, e.labelsTo)
        + " workloads "
        + span(b, e.workloadsFrom, e.workloadsTo);
  }

  private static String span(byte[] b, int from, int to) {
    return from < 0 ? "-" : new String(b, from, to - from, StandardCharsets.UTF_8);
  }
}
