package io.appseg.operator.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Kubernetes and Helm users write them: {@code 500ms}, {@code 5s}, {@code 1m}. */
final class Durations {
  static final Pattern FORM = Pattern.compile("(\\d{1,6})(ms|s|m)");

  private Durations() {}

  /** The duration, or null when {@code text} is not of that form. */
  static Duration parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
