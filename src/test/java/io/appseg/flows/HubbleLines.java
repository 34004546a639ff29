package io.appseg.flows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random lines in the shape of {@code hubble observe -o json}: the fields the reader needs, in any
 * order, some missing or of another type, among unknown members of every JSON type, with random
 * whitespace between tokens and escapes and text beyond ASCII in strings. {@link #unusual()} says
 * whether a needed field holds what the scanner leaves to Jackson (an escape, a byte beyond ASCII,
 * a number too long for a long).
 */
final class HubbleLines {
  private static final String[] TEXT = {
    "a", "Z", "9", " ", "-", ".", "/", "=", "é", "⚡", "𝄞", "}", "]", "{", ":", ","
  };
  private static final String[] ESCAPES = {
    "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9", "\\u005D"
  };

  private final Random random;
  private boolean unusual;

  HubbleLines(Random random) {
    this.random = random;
  }

  boolean unusual() {
    return unusual;
  }

  String line() {
    List<String> flow = new ArrayList<>();
    flow.add(member("time", needed(time())));
    flow.add(member("verdict", skipped("FORWARDED")));
    maybe(
        flow,
        9,
        () ->
            member(
                "IP",
                object(
                    List.of(
                        member("source", needed(ip())),
                        member("destination", needed(ip())),
                        member("ipVersion", skipped("IPv4"))))));
    maybe(flow, 9, () -> member("l4", l4()));
    maybe(flow, 9, () -> member("source", endpoint()));
    maybe(flow, 8, () -> member("destination", endpoint()));
    maybe(
        flow,
        5,
        () ->
            member(
                random.nextBoolean() ? "is_reply" : "reply",
                oneOf("false", "true", "\"true\"", "\"TRUE\"", "\"no\"", "null", "1")));
    if (random.nextInt(4) == 0) {
      extras(flow, false);
      return object(flow);
    }
    extras(flow, true);
    List<String> top = new ArrayList<>();
    top.add(member("flow", object(flow)));
    top.add(member("node_name", skipped("kind-worker")));
    maybe(top, 5, () -> member("time", needed(time())));
    extras(top, false);
    return object(top);
  }

  private String l4() {
    List<String> protocols = new ArrayList<>();
    int n = 1 + (random.nextInt(5) == 0 ? 1 : 0);
    for (int i = 0; i < n; i++) {
      List<String> members = new ArrayList<>();
      members.add(member("source_port", Integer.toString(random.nextInt(65536))));
      maybe(members, 9, () -> member("destination_port", port()));
      maybe(
          members,
          3,
          () -> member("flags", object(List.of(member("SYN", "true"), member("ACK", "false")))));
      protocols.add(member(oneOf("TCP", "UDP", "SCTP", "ICMPv4"), object(members)));
    }
    return object(protocols);
  }

  private String port() {
    return switch (random.nextInt(12)) {
      case 0 -> needed(Integer.toString(random.nextInt(65536)));
      case 1 -> "8080.5";
      case 2 -> "8e3";
      case 3 -> "null";
      case 4 -> "-1";
      case 5 -> "70000";
      case 6 -> {
        unusual = true;
        yield "123456789012345678901";
      }
      default -> Integer.toString(1 + random.nextInt(65535));
    };
  }

  private String endpoint() {
    if (random.nextInt(15) == 0) {
      return oneOf("[]", "null", "\"pod\"", "7");
    }
    List<String> members = new ArrayList<>();
    maybe(members, 5, () -> member("ID", Integer.toString(random.nextInt(5000))));
    maybe(members, 5, () -> member("identity", Integer.toString(random.nextInt(70000))));
    maybe(
        members, 9, () -> member("namespace", needed(oneOf("shop", "production", "kube-system"))));
    maybe(members, 8, () -> member("labels", labels()));
    maybe(
        members,
        9,
        () ->
            member(
                random.nextInt(5) == 0 ? "podName" : "pod_name",
                needed(oneOf("web-5b6c7d8f9-tzv8k", "api-0", "db-7c9d8e6f5b-x2k4p"))));
    maybe(
        members,
        6,
        () ->
            member(
                "workloads",
                array(
                    List.of(
                        object(
                            List.of(
                                member("name", skipped(oneOf("web", "api"))),
                                member("kind", skipped("Deployment"))))))));
    return object(members);
  }

  private String labels() {
    List<String> labels = new ArrayList<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      labels.add(
          skipped(
              oneOf(
                  "k8s:app=shop",
                  "k8s:tier=web",
                  "k8s:io.kubernetes.pod.namespace=shop",
                  "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=shop",
                  "reserved:world",
                  "k8s:bad=a b")));
    }
    return array(labels);
  }

  private String time() {
    return oneOf(
        "2026-11-30T10:00:01Z",
        "2026-11-30T10:00:01.123456789Z",
        "2026-11-30T11:00:01+01:00",
        "yesterday",
        "2026-02-30T10:00:00Z");
  }

  private String ip() {
    return oneOf("10.0.1.10", "10.1.2.3", "fd00::1", "203.0.113.7", "10.0.0.300");
  }

  /** Unknown members; {@code flow} only inside a flow, where it is not one that is read. */
  private void extras(List<String> members, boolean inFlow) {
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      String name = oneOf("Summary", "uuid", "Type", "ethernet", "trace_observation_point", "flow");
      members.add(member(name.equals("flow") && !inFlow ? "flows" : name, value(3)));
    }
    Collections.shuffle(members, random);
  }

  private String value(int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 7);
    return switch (kind) {
      case 0 -> "true";
      case 1 -> "false";
      case 2 -> "null";
      case 3 -> oneOf("0", "-12", "3.25", "-0.5e-3", "1E+9", "123456789012345678901234567890");
      case 4, 5, 6 -> skipped(text());
      case 7 -> {
        List<String> values = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          values.add(value(depth - 1));
        }
        yield array(values);
      }
      default -> {
        List<String> values = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          values.add(
              member(
                  oneOf("a", "source", "destination", "labels", "time", "IP"), value(depth - 1)));
        }
        yield object(values);
      }
    };
  }

  private String text() {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append(
          random.nextInt(4) == 0
              ? ESCAPES[random.nextInt(ESCAPES.length)]
              : TEXT[random.nextInt(TEXT.length)]);
    }
    return s.toString();
  }

  /** A string a reader needs: now and then with an escape or a letter beyond ASCII. */
  private String needed(String text) {
    if (text.isEmpty() || random.nextInt(12) != 0) {
      return "\"" + text + "\"";
    }
    unusual = true;
    int at = random.nextInt(text.length());
    String odd = random.nextBoolean() ? String.format("\\u%04x", (int) text.charAt(at)) : "é";
    return "\"" + text.substring(0, at) + odd + text.substring(at + 1) + "\"";
  }

  /** A string no reader decodes, written as is: escapes and text beyond ASCII are its own. */
  private String skipped(String text) {
    return "\"" + text + "\"";
  }

  private String member(String name, String value) {
    return space() + "\"" + name + "\"" + space() + ":" + space() + value + space();
  }

  private String object(List<String> members) {
    return "{" + space() + String.join(",", members) + space() + "}";
  }

  private String array(List<String> values) {
    List<String> spaced = new ArrayList<>();
    values.forEach(v -> spaced.add(space() + v + space()));
    return "[" + String.join(",", spaced) + space() + "]";
  }

  private String space() {
    return random.nextInt(6) != 0 ? "" : oneOf(" ", "\t", "\r", "  ", " \t\r ");
  }

  private String oneOf(String... options) {
    return options[random.nextInt(options.length)];
  }

  private void maybe(List<String> members, int inTen, Supplier<String> member) {
    if (random.nextInt(10) < inTen) {
      members.add(member.get());
    }
  }
}
