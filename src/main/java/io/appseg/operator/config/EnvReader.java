package io.appseg.operator.config;

import io.appseg.kube.Identifiers;
import io.appseg.kube.Ip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed reads of environment variables that collect every problem instead of stopping at the first.
 */
final class EnvReader {
  private static final Pattern LABEL_KEY =
      Pattern.compile("^([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  List<String> problems() {
    return problems;
  }

  /** The trimmed value, or null when unset or blank. */
  String string(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  boolean bool(String name, boolean fallback) {
    String v = string(name);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> problem(name, "must be true or false, got '" + v + "'", fallback);
    };
  }

  int port(String name, int fallback) {
    String v = string(name);
    if (v == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(v);
      return port >= 0 && port <= 65535
          ? port
          : problem(name, "must be a port 0-65535, got " + v, fallback);
    } catch (NumberFormatException e) {
      return problem(name, "must be a port 0-65535, got '" + v + "'", fallback);
    }
  }

  /** A whole number from 1 to {@code max}. */
  int count(String name, int fallback, int max) {
    String v = string(name);
    if (v == null) {
      return fallback;
    }
    String allowed = "must be a whole number from 1 to " + max + ", got '" + v + "'";
    try {
      int n = Integer.parseInt(v);
      return n >= 1 && n <= max ? n : problem(name, allowed, fallback);
    } catch (NumberFormatException e) {
      return problem(name, allowed, fallback);
    }
  }

  /** A positive duration such as {@code 500ms}, {@code 5s} or {@code 1m}. */
  Duration duration(String name, Duration fallback) {
    String v = string(name);
    if (v == null) {
      return fallback;
    }
    Duration d = Durations.parse(v);
    return d != null && !d.isZero()
        ? d
        : problem(name, "must be a duration such as 500ms, 5s or 1m, got '" + v + "'", fallback);
  }

  /** An IP address to listen on, or "" (every interface) when unset. */
  String address(String name) {
    String v = string(name);
    if (v == null) {
      return "";
    }
    try {
      Ip.address(v);
      return v;
    } catch (IllegalArgumentException e) {
      return problem(name, "must be an IP address such as 127.0.0.1, got '" + v + "'", "");
    }
  }

  <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    String v = string(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return problem(
          name,
          "must be one of "
              + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT)
              + ", got '"
              + v
              + "'",
          fallback);
    }
  }

  /** A comma-separated list of namespace names; empty when unset. */
  Set<String> namespaces(String name) {
    Set<String> out = new LinkedHashSet<>();
    String v = string(name);
    if (v == null) {
      return out;
    }
    for (String ns : v.split(",")) {
      String n = ns.trim();
      if (n.isEmpty()) {
        continue;
      }
      if (Identifiers.isDnsLabel(n)) {
        out.add(n);
      } else {
        problem(name, "'" + n + "' is not a valid namespace name", null);
      }
    }
    return out;
  }

  /** {@code key=value[,key=value...]} as a label map; null when unset. */
  Map<String, String> labels(String name) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : v.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2 || !LABEL_KEY.matcher(kv[0].trim()).matches()) {
        problem(name, "expected key=value[,key=value...], got '" + pair.trim() + "'", null);
      } else {
        out.put(kv[0].trim(), kv[1].trim());
      }
    }
    return out;
  }

  <T> T problem(String name, String message, T fallback) {
    problems.add(name + " " + message);
    return fallback;
  }
}
