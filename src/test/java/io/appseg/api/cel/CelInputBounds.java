package io.appseg.api.cel;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lists, maps and strings that CEL rules can reach but that carry no bound (maxItems,
 * maxProperties, maxLength or enum). The API server estimates each rule's cost from these bounds,
 * taking an unbounded one as large as a whole request, and refuses a CRD whose rules could exceed
 * the budget. A rule reaches its own node and everything under each {@code self.field} it reads.
 */
final class CelInputBounds {
  private static final Pattern SELF_FIELD = Pattern.compile("\\bself\\.(\\w+)\\b(?!\\s*\\()");

  private CelInputBounds() {}

  /** Paths of unbounded nodes, e.g. {@code spec.tiers[*].podSelector.matchLabels (map)}. */
  static List<String> unbounded(JSONSchemaProps root) {
    List<String> out = new ArrayList<>();
    visit(root, "", out);
    return out.stream().distinct().toList();
  }

  private static void visit(JSONSchemaProps node, String path, List<String> out) {
    List<ValidationRule> rules =
        node.getXKubernetesValidations() == null ? List.of() : node.getXKubernetesValidations();
    if (!rules.isEmpty()) {
      checkSelf(node, path, out);
    }
    for (ValidationRule rule : rules) {
      Matcher m = SELF_FIELD.matcher(rule.getRule());
      while (m.find()) {
        JSONSchemaProps read = properties(node).get(m.group(1));
        if (read != null) {
          checkSubtree(read, SchemaNode.join(path, m.group(1)), out);
        }
      }
    }
    children(node, path, (child, childPath) -> visit(child, childPath, out));
  }

  private static void checkSubtree(JSONSchemaProps node, String path, List<String> out) {
    checkSelf(node, path, out);
    children(node, path, (child, childPath) -> checkSubtree(child, childPath, out));
  }

  /** Properties, list items and map values, each with its path. */
  private static void children(
      JSONSchemaProps node, String path, BiConsumer<JSONSchemaProps, String> each) {
    properties(node).forEach((name, child) -> each.accept(child, SchemaNode.join(path, name)));
    if (items(node) != null) {
      each.accept(items(node), path + "[*]");
    }
    if (values(node) != null) {
      each.accept(values(node), path + "[*]");
    }
  }

  private static void checkSelf(JSONSchemaProps node, String path, List<String> out) {
    if ("array".equals(node.getType()) && node.getMaxItems() == null) {
      out.add(path + " (list)");
    }
    if (values(node) != null && node.getMaxProperties() == null) {
      out.add(path + " (map)");
    }
    boolean string =
        "string".equals(node.getType()) || Boolean.TRUE.equals(node.getXKubernetesIntOrString());
    if (string
        && node.getMaxLength() == null
        && (node.getEnum() == null || node.getEnum().isEmpty())) {
      out.add(path + " (string)");
    }
  }

  private static Map<String, JSONSchemaProps> properties(JSONSchemaProps node) {
    return node.getProperties() == null ? Map.of() : node.getProperties();
  }

  private static JSONSchemaProps items(JSONSchemaProps node) {
    return node.getItems() == null ? null : node.getItems().getSchema();
  }

  private static JSONSchemaProps values(JSONSchemaProps node) {
    return node.getAdditionalProperties() == null
        ? null
        : node.getAdditionalProperties().getSchema();
  }
}
