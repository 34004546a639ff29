package io.appseg.api.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a CRD's CEL rules (x-kubernetes-validations) the way the API server does, for API
 * servers too old to run them. {@code self} is declared dyn, so the schema's types are not checked
 * at compile time; instead every {@code self.field} a rule reads must be a property of its node, or
 * compiling fails. Of Kubernetes' own CEL libraries, the functions the CRD uses are declared
 * ({@link KubernetesCelLibrary}).
 */
public final class CrdCelRules {
  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addFunctionDeclarations(KubernetesCelLibrary.declarations())
          .addFunctionBindings(KubernetesCelLibrary.bindings())
          .setResultType(SimpleType.BOOL)
          .build();
  // A field read on self, not a method call on it (self.matches(...) on an int-or-string node).
  private static final Pattern SELF_FIELD = Pattern.compile("\\bself\\.(\\w+)\\b(?!\\s*\\()");
  // At the root Kubernetes lets rules read metadata (name, generateName) although the schema does
  // not declare it.
  private static final Set<String> ROOT_IMPLICIT = Set.of("metadata", "apiVersion", "kind");

  private final SchemaNode root;
  private final List<CelRule> rules = new ArrayList<>();

  private CrdCelRules(JSONSchemaProps schema) {
    this.root = SchemaNode.of(schema, "", this::compile);
  }

  /**
   * Compiles every rule of the schema; throws {@link IllegalStateException} naming each rule that
   * does not.
   */
  public static CrdCelRules of(JSONSchemaProps openApiV3Schema) {
    return new CrdCelRules(openApiV3Schema);
  }

  /** Every rule in the schema, parents before children. */
  public List<CelRule> rules() {
    return List.copyOf(rules);
  }

  /**
   * Validates a resource (parsed YAML/JSON: maps, lists, scalars) against every rule whose node is
   * present.
   */
  public CelReport validate(Map<String, ?> resource) {
    List<CelViolation> violations = new ArrayList<>();
    Set<CelRule> evaluated = new LinkedHashSet<>();
    walk(root, CelValues.of(resource), "", violations, evaluated);
    return new CelReport(violations, evaluated);
  }

  private void walk(
      SchemaNode node, Object value, String path, List<CelViolation> out, Set<CelRule> evaluated) {
    if (value == null) {
      return;
    }
    for (CelRule rule : node.rules()) {
      evaluated.add(rule);
      String field = rule.fieldPath() == null ? path : path + rule.fieldPath();
      rule.check(value).ifPresent(message -> out.add(new CelViolation(field, message, rule)));
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (key, child) -> {
            SchemaNode declared = node.properties().get(key);
            if (declared != null) {
              walk(declared, child, SchemaNode.join(path, (String) key), out, evaluated);
            } else if (node.values() != null) {
              walk(node.values(), child, path + "[" + key + "]", out, evaluated);
            }
          });
    } else if (value instanceof List<?> list && node.items() != null) {
      for (int i = 0; i < list.size(); i++) {
        walk(node.items(), list.get(i), path + "[" + i + "]", out, evaluated);
      }
    }
  }

  private List<CelRule> compile(JSONSchemaProps schema, String path) {
    List<CelRule> compiled = new ArrayList<>();
    if (schema.getXKubernetesValidations() != null) {
      for (ValidationRule v : schema.getXKubernetesValidations()) {
        checkFieldsRead(schema, path, v.getRule());
        compiled.add(
            new CelRule(
                path, v.getRule(), v.getMessage(), v.getFieldPath(), program(path, v.getRule())));
      }
    }
    rules.addAll(compiled);
    return compiled;
  }

  private static Program program(String path, String expression) {
    try {
      return CEL.createProgram(CEL.compile(expression).getAst());
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalStateException(
          "CEL rule at '" + path + "' does not compile: " + expression + "\n" + e.getMessage(), e);
    }
  }

  private static void checkFieldsRead(JSONSchemaProps schema, String path, String expression) {
    Map<String, JSONSchemaProps> properties =
        schema.getProperties() == null ? Map.of() : schema.getProperties();
    Matcher m = SELF_FIELD.matcher(expression);
    while (m.find()) {
      String field = m.group(1);
      if (!properties.containsKey(field) && !(path.isEmpty() && ROOT_IMPLICIT.contains(field))) {
        throw new IllegalStateException(
            "CEL rule at '"
                + path
                + "' reads self."
                + field
                + ", which the schema does not declare: "
                + expression);
      }
    }
  }
}
