package io.appseg.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * What users and kubectl see of the CRD: names, columns, and a structural, documented, constrained
 * schema.
 */
class CrdStructureTest {
  private static final CustomResourceDefinition CRD = CrdFiles.load(CrdFiles.COMMITTED);
  private static final CustomResourceDefinitionVersion VERSION = CRD.getSpec().getVersions().get(0);
  private static final Map<String, JSONSchemaProps> NODES = nodes(CrdFiles.schema(CRD));

  @Test
  void namesAndStatusSubresource() {
    assertThat(CRD.getSpec().getNames().getShortNames()).containsExactly("appseg");
    assertThat(CRD.getSpec().getNames().getCategories()).containsExactly("appseg");
    assertThat(VERSION.getSubresources().getStatus()).isNotNull();
  }

  @Test
  void printerColumnsInReadingOrderWithReasonAndMessageOnlyWide() {
    assertThat(VERSION.getAdditionalPrinterColumns())
        .extracting(
            CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getPriority)
        .containsExactly(
            col("Ready", 0),
            col("Mode", 0),
            col("Tiers", 0),
            col("Policies", 0),
            col("Age", 0),
            col("Reason", 1),
            col("Message", 1));
  }

  @Test
  void everyPropertyHasADescription() {
    List<String> undocumented = new ArrayList<>();
    NODES.forEach(
        (path, node) -> {
          if (!path.isEmpty() && !path.endsWith("[*]") && isBlank(node.getDescription())) {
            undocumented.add(path);
          }
        });
    assertThat(undocumented).as("properties without a description").isEmpty();
    assertThat(NODES)
        .containsKeys(
            "spec.tiers[*].podSelector.matchExpressions[*].operator",
            "status.conditions[*].reason");
  }

  @Test
  void schemaIsStructural() {
    List<String> untyped = new ArrayList<>();
    NODES.forEach(
        (path, node) -> {
          if (isBlank(node.getType()) && !Boolean.TRUE.equals(node.getXKubernetesIntOrString())) {
            untyped.add(path.isEmpty() ? "<root>" : path);
          }
        });
    assertThat(untyped).as("nodes with neither a type nor x-kubernetes-int-or-string").isEmpty();
  }

  @Test
  void enumsForModeScopeProtocolAndSelectorOperator() {
    assertThat(node("spec.mode").getEnum())
        .extracting(CrdStructureTest::text)
        .containsExactlyInAnyOrder("Enforce", "Audit");
    assertThat(node("spec.defaultDeny.scope").getEnum())
        .extracting(CrdStructureTest::text)
        .containsExactlyInAnyOrder("Namespace", "Tiers");
    assertThat(allWhere((path, n) -> path.endsWith(".protocol")))
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(
            n ->
                assertThat(n.getEnum())
                    .extracting(CrdStructureTest::text)
                    .containsExactlyInAnyOrder("TCP", "UDP", "SCTP"));
    assertThat(allWhere((path, n) -> path.endsWith(".operator")))
        .isNotEmpty()
        .allSatisfy(n -> assertThat(n.getEnum()).hasSize(4));
  }

  @Test
  void namesArePatternedAndBounded() {
    for (String path :
        List.of(
            "spec.tiers[*].name",
            "spec.tiers[*].namespace",
            "spec.flows[*].from.tier",
            "spec.flows[*].to.namespace",
            "spec.dns.to[*].namespace",
            "spec.monitoring.from[*].cidr")) {
      assertThat(node(path).getPattern()).as(path).isNotBlank();
      assertThat(node(path).getMaxLength()).as(path).isNotNull();
    }
  }

  @Test
  void endPortIsARange() {
    assertThat(allWhere((path, n) -> path.endsWith(".endPort")))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(
            n -> {
              assertThat(n.getMinimum()).isEqualTo(1.0);
              assertThat(n.getMaximum()).isEqualTo(65535.0);
            });
  }

  @Test
  void everySpecListIsBounded() {
    List<String> unbounded = new ArrayList<>();
    NODES.forEach(
        (path, node) -> {
          if (path.startsWith("spec.")
              && "array".equals(node.getType())
              && node.getMaxItems() == null) {
            unbounded.add(path);
          }
        });
    assertThat(unbounded).as("spec lists without maxItems").isEmpty();
    assertThat(node("spec.tiers").getMinItems()).isEqualTo(1L);
  }

  private static Tuple col(String name, int priority) {
    return Tuple.tuple(name, priority);
  }

  private static JSONSchemaProps node(String path) {
    assertThat(NODES).containsKey(path);
    return NODES.get(path);
  }

  private static List<JSONSchemaProps> allWhere(BiPredicate<String, JSONSchemaProps> test) {
    List<JSONSchemaProps> out = new ArrayList<>();
    NODES.forEach(
        (path, n) -> {
          if (test.test(path, n)) {
            out.add(n);
          }
        });
    return out;
  }

  private static String text(Object enumValue) {
    return ((JsonNode) enumValue).asText();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Every schema node by path: properties as a.b, array items and map values as a[*]. */
  static Map<String, JSONSchemaProps> nodes(JSONSchemaProps root) {
    Map<String, JSONSchemaProps> out = new LinkedHashMap<>();
    visit(root, "", out::put);
    return out;
  }

  private static void visit(
      JSONSchemaProps node, String path, BiConsumer<String, JSONSchemaProps> sink) {
    sink.accept(path, node);
    if (node.getProperties() != null) {
      node.getProperties()
          .forEach((name, child) -> visit(child, path.isEmpty() ? name : path + "." + name, sink));
    }
    if (node.getItems() != null && node.getItems().getSchema() != null) {
      visit(node.getItems().getSchema(), path + "[*]", sink);
    }
    if (node.getAdditionalProperties() != null
        && node.getAdditionalProperties().getSchema() != null) {
      visit(node.getAdditionalProperties().getSchema(), path + "[*]", sink);
    }
  }
}
