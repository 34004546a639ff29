package io.appseg.flows;

import io.appseg.kube.Identifiers;
import io.appseg.text.Escape;
import io.appseg.verify.Node;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code appseg propose} puts the app's pods into tiers: by their workload (owner), or by the
 * value of one label.
 */
public record Grouping(String labelKey) {
  public static final String OWNER = "owner";

  /** {@code owner} or a label key; anything else is a one-line error. */
  public static Grouping parse(String text) {
    if (OWNER.equals(text)) {
      return new Grouping(null);
    }
    if (!Identifiers.isLabelKey(text)) {
      throw new IllegalArgumentException(
          "--group-by: "
              + Escape.quote(text)
              + " is neither owner nor a label key ("
              + Identifiers.LABEL_KEY_RULE
              + ")");
    }
    return new Grouping(text);
  }

  /** The group of a pod of the app's namespace; empty when it lacks the label. */
  Optional<String> group(Node n, FlowEnd end) {
    return labelKey == null
        ? Optional.of(SpecEnds.workload(n, end))
        : Optional.ofNullable(n.labels().get(labelKey));
  }

  /** The group of a known pod that no record names: by its name and labels alone. */
  Optional<String> group(String pod, Map<String, String> labels) {
    return labelKey == null
        ? Optional.of(Ends.owner(pod, labels))
        : Optional.ofNullable(labels.get(labelKey));
  }
}
