package io.appseg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.appseg.api.CrdFiles;
import io.appseg.api.cel.CelRule;
import io.appseg.api.cel.CrdCelRules;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationStatus;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.api.v1alpha1.Mode;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRD against a real API server: it installs by server-side apply with every CEL rule
 * kept (so its schema is structural and its rules compile within the CEL cost budget), the OpenAPI
 * schema rejects what it must with 422s naming the field, defaults apply, kubectl shows our columns
 * and explains the fields. CelAdmissionIT runs every CEL rule.
 */
@RealKubeApi(installCrd = false)
class CrdInstallIT extends KubeIT {

  private static final String VALID_TIERS =
      """
        tiers:
        - name: web
          podSelector: {matchLabels: {tier: web}}
          ports: [{port: 8080}]
      """;

  private static CustomResourceDefinition crd;
  private static String namespace;

  @BeforeAll
  static void installCrd() {
    crd = kube.installCrd(ProjectFiles.appSegmentationCrd());
    namespace = kube.createUniqueNamespace("crd");
  }

  @Test
  void crdIsEstablishedAndStructural() {
    assertThat(crd.getMetadata().getName()).isEqualTo(CrdConstants.CRD_NAME);
    assertThat(Crds.isEstablished(crd)).isTrue();
    assertThat(crd.getStatus().getConditions())
        .noneMatch(c -> "NonStructuralSchema".equals(c.getType()) && "True".equals(c.getStatus()));
    assertThat(crd.getStatus().getAcceptedNames().getShortNames())
        .containsExactly(CrdConstants.SHORT_NAME);
  }

  @Test
  void theServerKeepsEveryCelRuleSoTheirCostIsWithinBudget() {
    assertThat(CrdCelRules.of(CrdFiles.schema(crd)).rules())
        .extracting(CelRule::expression)
        .containsExactlyElementsOf(
            CrdCelRules.of(CrdFiles.schema(CrdFiles.load(CrdFiles.COMMITTED))).rules().stream()
                .map(CelRule::expression)
                .toList())
        .isNotEmpty();
  }

  /**
   * The budget is real: the same CRD without its bounds (under another group) is refused for its
   * rules' cost.
   */
  @Test
  void withoutItsBoundsTheSameCrdIsRefusedForCost() {
    CustomResourceDefinition unbounded = CrdFiles.load(CrdFiles.COMMITTED);
    unbounded.getSpec().setGroup("unbounded.appseg.io");
    unbounded.getMetadata().setName(CrdConstants.PLURAL + ".unbounded.appseg.io");
    dropBounds(CrdFiles.schema(unbounded));

    KubernetesClientException refused =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                client
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(unbounded)
                    .create());

    assertThat(refused).isNotNull();
    assertThat(refused.getCode()).isEqualTo(422);
    assertThat(refused.getMessage()).contains("exceeds budget");
  }

  private static void dropBounds(JSONSchemaProps node) {
    node.setMaxItems(null);
    node.setMaxLength(null);
    node.setMaxProperties(null);
    if (node.getProperties() != null) {
      node.getProperties().values().forEach(CrdInstallIT::dropBounds);
    }
    if (node.getItems() != null && node.getItems().getSchema() != null) {
      dropBounds(node.getItems().getSchema());
    }
    if (node.getAdditionalProperties() != null
        && node.getAdditionalProperties().getSchema() != null) {
      dropBounds(node.getAdditionalProperties().getSchema());
    }
  }

  @Test
  void kubectlExplainDescribesTheFlows() {
    Kubectl.Result explain = kube.kubectl().run("explain", "appseg.spec.flows");

    assertThat(explain.exitCode()).as(explain.stderr()).isZero();
    assertThat(explain.stdout())
        .contains(
            "GROUP:      appseg.io",
            "KIND:       AppSegmentation",
            "FIELD: flows <[]Object>",
            "The connections allowed, each from one endpoint to another",
            "from\t<Object> -required-",
            "to\t<Object> -required-",
            "ports\t<[]Object>");
  }

  @Test
  void reinstallUpdatesInPlace() {
    CustomResourceDefinition again = kube.installCrd(ProjectFiles.appSegmentationCrd());

    assertThat(again.getMetadata().getUid()).isEqualTo(crd.getMetadata().getUid());
    assertThat(Crds.isEstablished(again)).isTrue();
  }

  /** The server names list items by their index (spec.tiers[0].name). */
  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        Arguments.of(
            "wrong enum", "  mode: Block\n" + VALID_TIERS, "spec.mode", "Unsupported value"),
        Arguments.of("missing tiers", "  mode: Audit\n", "spec.tiers", "Required value"),
        Arguments.of(
            "tier name not a DNS label",
            VALID_TIERS.replace("name: web", "name: Web_1"),
            "spec.tiers[0].name",
            "should match"),
        Arguments.of(
            "endPort above 65535",
            VALID_TIERS.replace("{port: 8080}", "{port: 8080, endPort: 70000}"),
            "spec.tiers[0].ports[0].endPort",
            "less than or equal to 65535"),
        Arguments.of(
            "too many DNS ports",
            VALID_TIERS + "  dns:\n    ports: [" + dnsPorts(9) + "]\n",
            "spec.dns.ports",
            "must have at most 8 items"),
        Arguments.of(
            "port name over 15 characters",
            VALID_TIERS.replace("{port: 8080}", "{port: abcdefghijklmnop}"),
            "spec.tiers[0].ports[0].port",
            "may not be more than 15 bytes"),
        Arguments.of(
            "wrong type",
            VALID_TIERS + "  defaultDeny: {ingress: \"yes\"}\n",
            "spec.defaultDeny.ingress",
            "must be of type boolean"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void schemaRejectsInvalidSpec(String description, String spec, String field, String reason) {
    GenericKubernetesResource app = parse("invalid", spec);

    KubernetesClientException error =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> AppSegmentations.untyped(client, namespace).resource(app).create());

    assertThat(error).as(description).isNotNull();
    assertThat(error.getCode()).isEqualTo(422);
    assertThat(error.getStatus().getMessage()).contains(field).contains(reason);
    assertThat(error.getStatus().getDetails().getCauses())
        .anyMatch(c -> field.equals(c.getField()));
  }

  @Test
  void validSpecIsAcceptedWithDefaults() {
    AppSegmentations.untyped(client, namespace).resource(parse("defaults", VALID_TIERS)).create();

    AppSegmentation stored =
        AppSegmentations.typed(client).inNamespace(namespace).withName("defaults").get();
    assertThat(stored.getSpec().getMode()).isEqualTo(Mode.Enforce);
    assertThat(stored.getSpec().getTiers().get(0).getPorts().get(0).getProtocol())
        .hasToString("TCP");
  }

  @Test
  void kubectlShowsPrinterColumns() {
    AppSegmentation app =
        AppSegmentations.typed(client)
            .resource(AppSegmentations.withTiers(namespace, "shop", "web", "api", "db"))
            .create();
    app.setStatus(readyStatus());
    AppSegmentations.typed(client).resource(app).updateStatus();

    Kubectl.Result get = kube.kubectl().run("get", "appseg", "-n", namespace, "shop");
    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(get.header()).containsExactly("NAME", "READY", "MODE", "TIERS", "POLICIES", "AGE");
    assertThat(get.table())
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsAllEntriesOf(
                        Map.of(
                            "NAME",
                            "shop",
                            "READY",
                            "True",
                            "MODE",
                            "Enforce",
                            "TIERS",
                            "3",
                            "POLICIES",
                            "4")));

    Kubectl.Result wide =
        kube.kubectl().run("get", "appseg", "-n", namespace, "shop", "-o", "wide");
    assertThat(wide.exitCode()).as(wide.stderr()).isZero();
    assertThat(wide.header())
        .containsExactly("NAME", "READY", "MODE", "TIERS", "POLICIES", "AGE", "REASON", "MESSAGE");
    assertThat(wide.table())
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsAllEntriesOf(
                        Map.of("REASON", "Reconciled", "MESSAGE", "3 tiers, 4 policies applied")));
  }

  private static AppSegmentationStatus readyStatus() {
    AppSegmentationStatus status = new AppSegmentationStatus();
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("Reconciled")
                .withMessage("3 tiers, 4 policies applied")
                .withLastTransitionTime(Instant.now().toString())
                .build()));
    status.setTiers(3);
    status.setPolicies(4);
    return status;
  }

  private static GenericKubernetesResource parse(String name, String spec) {
    return AppSegmentations.parse(
        client,
        """
        apiVersion: %s
        kind: %s
        metadata:
          name: %s
        spec:
        %s"""
            .formatted(CrdConstants.API_VERSION, CrdConstants.KIND, name, spec));
  }

  private static String dnsPorts(int count) {
    return String.join(", ", Stream.generate(() -> "{port: 53}").limit(count).toList());
  }
}
