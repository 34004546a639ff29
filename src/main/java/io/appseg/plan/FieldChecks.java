package io.appseg.plan;

import inet.ipaddr.IPAddress;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.api.v1alpha1.PeerFields;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.kube.Identifiers;
import io.appseg.kube.Ip;
import io.appseg.text.Escape;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks of single values (names, ports, selectors, CIDRs), each adding errors at a field path. */
final class FieldChecks {
  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private final List<SpecError> errors;

  FieldChecks(List<SpecError> errors) {
    this.errors = errors;
  }

  int errorCount() {
    return errors.size();
  }

  void error(String path, String message) {
    errors.add(new SpecError(path, message));
  }

  static String quote(String value) {
    return Escape.quote(value);
  }

  /** A list the schema bounds: null is absent, else between {@code min} and {@code max} items. */
  void items(String path, List<?> list, int min, int max) {
    if (list == null) {
      return;
    }
    if (list.size() < min) {
      error(path, "must have at least " + min + (min == 1 ? " item" : " items"));
    } else if (list.size() > max) {
      error(path, "must have at most " + max + " items, has " + list.size());
    }
  }

  /** A sum of list sizes that the schema bounds as a whole. */
  void total(String path, String what, int total, int max) {
    if (total > max) {
      error(path, "must have at most " + max + " " + what + " together, has " + total);
    }
  }

  boolean dnsLabel(String path, String value) {
    if (value == null || value.isEmpty()) {
      error(path, "is required");
      return false;
    }
    if (!Identifiers.isDnsLabel(value)) {
      error(path, quote(value) + " is not a valid name: use " + Identifiers.DNS_LABEL_RULE);
      return false;
    }
    return true;
  }

  void dnsSubdomain(String path, String value, int max) {
    if (value == null || value.isEmpty()) {
      error(path, "is required");
    } else if (!Identifiers.isDnsSubdomain(value, max)) {
      error(path, quote(value) + " is not a valid name: use " + Identifiers.dnsSubdomainRule(max));
    }
  }

  void ports(String path, List<PortSpec> ports) {
    if (ports == null) {
      return;
    }
    for (int i = 0; i < ports.size(); i++) {
      port(path + "[" + i + "]", ports.get(i));
    }
  }

  void port(String path, PortSpec port) {
    if (port != null && port.getName() != null) {
      dnsLabel(path + ".name", port.getName());
    }
    if (port == null || port.getPort() == null) {
      error(path + ".port", "is required: a port number 1-65535 or a port name");
      return;
    }
    portValue(path + ".port", port.getPort());
    Integer end = port.getEndPort();
    if (end == null) {
      return;
    }
    if (port.getPort().getIntVal() == null) {
      error(
          path + ".endPort",
          "needs a numeric port; \"" + port.getPort().getStrVal() + "\" is a port name");
    } else if (end < port.getPort().getIntVal() || end > 65535) {
      error(
          path + ".endPort",
          end + " must be between port (" + port.getPort().getIntVal() + ") and 65535");
    }
  }

  void portValue(String path, IntOrString value) {
    if (value.getIntVal() != null) {
      if (value.getIntVal() < 1 || value.getIntVal() > 65535) {
        error(path, value.getIntVal() + " is out of range: allowed 1-65535");
      }
      return;
    }
    String name = value.getStrVal();
    boolean valid =
        name != null
            && name.length() <= 15
            && Identifiers.isDnsLabel(name)
            && !name.contains("--")
            && name.chars().anyMatch(Character::isLetter);
    if (!valid) {
      error(
          path,
          quote(name)
              + " is not a valid port name: at most 15 lowercase letters, digits and '-', "
              + "with at least one letter, no '--', not starting or ending with '-'");
    }
  }

  void selector(String path, LabelSelector selector) {
    if (selector == null) {
      return;
    }
    Map<String, String> labels = selector.getMatchLabels();
    if (labels != null && labels.size() > CrdConstants.MAX_LABELS) {
      error(
          path + ".matchLabels",
          "must have at most " + CrdConstants.MAX_LABELS + " entries, has " + labels.size());
    }
    if (labels != null) {
      labels.forEach(
          (k, v) -> {
            labelKey(path + ".matchLabels", k);
            labelValue(path + ".matchLabels[" + Escape.visible(k) + "]", v);
          });
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    items(path + ".matchExpressions", expressions, 0, CrdConstants.MAX_EXPRESSIONS);
    for (int i = 0; expressions != null && i < expressions.size(); i++) {
      requirement(path + ".matchExpressions[" + i + "]", expressions.get(i));
    }
  }

  private void requirement(String path, LabelSelectorRequirement r) {
    labelKey(path + ".key", r.getKey());
    String op = r.getOperator();
    if (op == null || !OPERATORS.contains(op)) {
      error(
          path + ".operator", quote(op) + " is not allowed: use In, NotIn, Exists or DoesNotExist");
      return;
    }
    items(path + ".values", r.getValues(), 0, CrdConstants.MAX_VALUES);
    boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
    if ((op.equals("In") || op.equals("NotIn")) && !hasValues) {
      error(path + ".values", "must not be empty for operator " + op);
    } else if ((op.equals("Exists") || op.equals("DoesNotExist")) && hasValues) {
      error(path + ".values", "must be empty for operator " + op);
    }
    for (int i = 0; hasValues && i < r.getValues().size(); i++) {
      labelValue(path + ".values[" + i + "]", r.getValues().get(i));
    }
  }

  private void labelKey(String path, String key) {
    if (!Identifiers.isLabelKey(key)) {
      error(path, quote(key) + " is not a valid label key: " + Identifiers.LABEL_KEY_RULE);
    }
  }

  private void labelValue(String path, String value) {
    if (!Identifiers.isLabelValue(value)) {
      error(path, quote(value) + " is not a valid label value: " + Identifiers.LABEL_VALUE_RULE);
    }
  }

  /** Returns the parsed block, or null after recording an error. */
  IPAddress cidr(String path, String text) {
    return Ip.strictBlock(text)
        .orElseGet(
            () -> {
              error(path, quote(text) + " is not a CIDR block: use " + PeerFields.CIDR_RULE);
              return null;
            });
  }
}
