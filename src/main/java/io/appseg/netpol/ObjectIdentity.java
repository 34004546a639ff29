package io.appseg.netpol;

import io.appseg.kube.Identifiers;
import io.appseg.text.Escape;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Map;

/**
 * The identity of an object read from a file (name, namespace, labels) checked as an API server
 * would: these strings are shown in verdicts and tables and matched by selectors, so one that a
 * cluster could not hold is a problem, not something to display.
 */
final class ObjectIdentity {
  private ObjectIdentity() {}

  static void check(HasMetadata object, List<String> problems) {
    String name = Snapshots.nameOf(object);
    boolean namespace = object instanceof Namespace;
    boolean nameOk =
        namespace
            ? Identifiers.isDnsLabel(name)
            : Identifiers.isDnsSubdomain(name, Identifiers.DNS_SUBDOMAIN_MAX);
    if (!nameOk) {
      problems.add(
          "metadata.name: "
              + Escape.quote(name)
              + " is not a valid name: use "
              + (namespace
                  ? Identifiers.DNS_LABEL_RULE
                  : Identifiers.dnsSubdomainRule(Identifiers.DNS_SUBDOMAIN_MAX)));
    }
    String ns = object.getMetadata().getNamespace();
    if (!namespace && ns != null && !Identifiers.isDnsLabel(ns)) {
      problems.add(
          "metadata.namespace: "
              + Escape.quote(ns)
              + " is not a valid name: use "
              + Identifiers.DNS_LABEL_RULE);
    }
    Map<String, String> labels = object.getMetadata().getLabels();
    if (labels != null) {
      labels.forEach((key, value) -> label(key, value, problems));
    }
  }

  private static void label(String key, String value, List<String> problems) {
    if (!Identifiers.isLabelKey(key)) {
      problems.add(
          "metadata.labels: "
              + Escape.quote(key)
              + " is not a valid label key: "
              + Identifiers.LABEL_KEY_RULE);
    } else if (!Identifiers.isLabelValue(value)) {
      problems.add(
          "metadata.labels["
              + key
              + "]: "
              + Escape.quote(value)
              + " is not a valid label value: "
              + Identifiers.LABEL_VALUE_RULE);
    }
  }
}
