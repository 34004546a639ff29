package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import io.appseg.plan.Plan;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appseg render} run in-process: exit code, stdout and stderr for good, bad and mixed input.
 */
class RenderCommandTest {
  private static final Path THREE_TIER = Samples.named("01-three-tier.yaml");

  @TempDir Path tmp;

  record Result(int exitCode, String out, String err) {}

  private static Result render(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "render";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = AppsegCommand.commandLine(out, err).execute(all);
    return new Result(code, out.toString(), err.toString());
  }

  private static Result renderStdin(String input, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return render(args);
    } finally {
      System.setIn(saved);
    }
  }

  /** The YAML stdout read back as Kubernetes objects (comment lines are YAML comments). */
  private static List<NetworkPolicy> policies(String yaml) throws IOException {
    try (MappingIterator<NetworkPolicy> docs =
        Samples.STRICT_YAML.readerFor(NetworkPolicy.class).readValues(yaml)) {
      return docs.readAll();
    }
  }

  /**
   * Asserts the objects are the same Kubernetes objects. Compared as JSON: the planner leaves
   * omitted lists null where a parsed object holds empty lists, which serialize identically but are
   * not equals().
   */
  private static void assertSameObjects(
      List<? extends HasMetadata> actual, List<? extends HasMetadata> expected) {
    assertThat(actual).extracting(HasMetadata::getKind).containsOnly("NetworkPolicy");
    assertThat(Serialization.asYaml(actual)).isEqualTo(Serialization.asYaml(expected));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content);
  }

  private static final String UNDECLARED_TIER =
      """
      apiVersion: appseg.io/v1alpha1
      kind: AppSegmentation
      metadata: {name: shop, namespace: shop}
      spec:
        tiers:
          - {name: web, podSelector: {matchLabels: {tier: web}}}
          - {name: db, podSelector: {matchLabels: {tier: db}}, ports: [{port: 5432}]}
        flows:
          - {from: {tier: web}, to: {tier: dbx}}
      """;

  private static void assertNoStackTrace(Result r) {
    assertThat(r.err()).doesNotContain("Exception").doesNotContainPattern("\\tat [a-z]");
  }

  @Test
  void rendersASampleFileAsYamlThatReadsBackAsThePlan() throws IOException {
    Result r = render("-f", THREE_TIER.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith(
            "# AppSegmentation production/three-tier from "
                + THREE_TIER
                + ": 4 NetworkPolicies\n---\n");
    assertSameObjects(policies(r.out()), Samples.plan(THREE_TIER).policies());
  }

  @Test
  void rendersTheSamplesDirectoryInFileOrder() throws IOException {
    Result r = render("-f", Samples.DIR.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<NetworkPolicy> expected =
        Samples.planTogether().stream().flatMap(p -> p.policies().stream()).toList();
    assertSameObjects(policies(r.out()), expected);
    // Rendered together, 02's API server peer gets the half 01's default-deny would leave missing.
    assertThat(r.out()).containsPattern("\n  name: postgresql\\.[a-z2-7]{10}\\.peer\n");
    List<String> headers = r.out().lines().filter(l -> l.startsWith("# AppSegmentation ")).toList();
    assertThat(headers).hasSize(Samples.all().size());
    for (int i = 0; i < headers.size(); i++) {
      assertThat(headers.get(i)).contains(" from " + Samples.all().get(i) + ": ");
    }
    // 03-cross-namespace places policies in other namespaces: the grant they need is spelled out.
    assertThat(r.err())
        .contains("frontend/chain places policies in backend, db")
        .contains("appseg.io/allow-segmentations-from: \"frontend\"");
  }

  @Test
  void readsStdin() throws IOException {
    Result r = renderStdin(Files.readString(THREE_TIER), "-f", "-");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("# AppSegmentation production/three-tier from <stdin>: 4 NetworkPolicies");
    assertSameObjects(policies(r.out()), Samples.plan(THREE_TIER).policies());
  }

  @Test
  void jsonOutputIsOneV1List() {
    Path sample = Samples.named("05-zero-trust-production.yaml");
    Result r = render("-f", sample.toString(), "-o", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    KubernetesList list = Serialization.unmarshal(r.out(), KubernetesList.class);
    assertThat(list.getApiVersion()).isEqualTo("v1");
    assertThat(list.getKind()).isEqualTo("List");
    Plan plan = Samples.plan(sample);
    assertThat(list.getItems())
        .hasSize(plan.policies().size())
        .extracting(HasMetadata::getKind)
        .containsOnly("NetworkPolicy");
    assertSameObjects(list.getItems(), plan.policies());
  }

  @Test
  void anInvalidFileIsReportedWithFileFieldPathAndMessage() throws IOException {
    Path bad = write("bad.yaml", UNDECLARED_TIER);
    Result r = render("-f", bad.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(
            "error: "
                + bad
                + ": spec.flows[0].to: tier \"dbx\" is not declared; "
                + "declared tiers: web, db");
    assertNoStackTrace(r);
  }

  @Test
  void validInputIsWithheldWhenAnyInputIsInvalid() throws IOException {
    Files.copy(THREE_TIER, tmp.resolve("a-good.yaml"));
    write("b-bad.yaml", UNDECLARED_TIER);
    Result r = render("-f", tmp.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("b-bad.yaml: spec.flows[0].to")
        .contains("1 invalid AppSegmentation(s); nothing rendered (1 valid withheld)")
        .contains("--skip-invalid");
    assertNoStackTrace(r);
  }

  @Test
  void skipInvalidRendersTheValidOnesAndStillFails() throws IOException {
    Files.copy(THREE_TIER, tmp.resolve("a-good.yaml"));
    write("b-bad.yaml", UNDECLARED_TIER);
    Result r = render("-f", tmp.toString(), "--skip-invalid");

    assertThat(r.exitCode()).isEqualTo(1);
    assertSameObjects(policies(r.out()), Samples.plan(THREE_TIER).policies());
    assertThat(r.err())
        .contains("b-bad.yaml: spec.flows[0].to")
        .contains("1 invalid AppSegmentation(s) skipped; 1 rendered");
  }

  @Test
  void skipInvalidSkipsUnreadableFilesAndStillRendersEveryGoodOne() throws IOException {
    Files.copy(THREE_TIER, tmp.resolve("a-good.yaml"));
    write("b-broken.yaml", "apiVersion: [unclosed\n");
    write("c-duplicate-key.yaml", "apiVersion: v1\napiVersion: v1\n");
    Files.copy(THREE_TIER, tmp.resolve("d-good.yaml"));
    Result r =
        render(
            "-f", tmp.toString(), "-f", tmp.resolve("missing.yaml").toString(), "--skip-invalid");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(policies(r.out())).hasSize(2 * Samples.plan(THREE_TIER).policies().size());
    assertThat(r.err())
        .contains("b-broken.yaml")
        .contains("c-duplicate-key.yaml")
        .contains("missing.yaml")
        .contains("3 invalid AppSegmentation(s) skipped; 2 rendered");
    assertNoStackTrace(r);
  }

  private static final String A_TIER = "  tiers: [{name: a, podSelector: {matchLabels: {a: b}}}]\n";
  private static final String A_FLOW = "  flows: [{from: {tier: a}, to: {tier: a}, ports: [";

  private static String segmentation(String spec) {
    return "apiVersion: appseg.io/v1alpha1\nkind: AppSegmentation\n"
        + "metadata: {name: x, namespace: x}\nspec:\n"
        + spec;
  }

  /** One bad file of each kind the reader, the loader and the validator refuse. */
  private static final Map<String, String> BAD_FILES =
      Map.ofEntries(
          Map.entry("binary.yaml", "\u0000\u0001 not yaml \u0002"),
          Map.entry("unclosed.yaml", "apiVersion: [unclosed\n"),
          Map.entry("deep.yaml", "a: " + "[".repeat(2000) + "]".repeat(2000) + "\n"),
          Map.entry("list.yaml", "- a\n- b\n"),
          Map.entry("mode-number.yaml", segmentation("  mode: 1\n" + A_TIER)),
          Map.entry("tiers-object.yaml", segmentation("  tiers: {}\n")),
          Map.entry("selector-list.yaml", segmentation("  tiers: [{name: a, podSelector: []}]\n")),
          Map.entry("port-float.yaml", segmentation(A_TIER + A_FLOW + "{port: 80.5}]}]\n")),
          Map.entry(
              "port-too-big.yaml", segmentation(A_TIER + A_FLOW + "{port: 99999999999}]}]\n")),
          Map.entry("null-tier.yaml", segmentation("  tiers: [null]\n")),
          Map.entry(
              "leading-zero-cidr.yaml",
              segmentation(A_TIER + "  flows: [{from: {tier: a}, to: {cidr: 010.0.0.0/8}}]\n")),
          Map.entry("no-metadata.yaml", "apiVersion: appseg.io/v1alpha1\nkind: AppSegmentation\n"));

  @Test
  void skipInvalidReportsEachBadFileOnOneLineAndRendersEveryGoodOne() throws IOException {
    Files.copy(THREE_TIER, tmp.resolve("a-good.yaml"));
    BAD_FILES.forEach((name, content) -> writeUnchecked("b-" + name, content));
    Files.copy(THREE_TIER, tmp.resolve("c-good.yaml"));

    Result r = render("-f", tmp.toString(), "--skip-invalid");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(policies(r.out())).hasSize(2 * Samples.plan(THREE_TIER).policies().size());
    for (String name : BAD_FILES.keySet()) {
      assertThat(r.err().lines().filter(l -> l.contains("b-" + name + ":")))
          .as(name)
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).startsWith("error: ").doesNotContain("`", "java.", "io."));
    }
    assertThat(r.err())
        .contains(BAD_FILES.size() + " invalid AppSegmentation(s) skipped; 2 rendered");
    assertNoStackTrace(r);
  }

  private void writeUnchecked(String name, String content) {
    try {
      write(name, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anUnknownFieldIsReportedWithItsPath() throws IOException {
    Path typo =
        write(
            "typo.yaml",
            """
        apiVersion: appseg.io/v1alpha1
        kind: AppSegmentation
        metadata: {name: shop, namespace: shop}
        spec:
          tiers:
            - name: web
              podselector: {matchLabels: {tier: web}}
        """);
    Result r = render("-f", typo.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(typo + ": spec.tiers[0].podselector: unknown field \"podselector\"")
        .contains("allowed here: metricsPort, name, namespace, podSelector, ports");
    assertNoStackTrace(r);
  }

  @Test
  void brokenYamlIsReportedWithLineAndColumn() throws IOException {
    Path broken =
        write(
            "broken.yaml",
            """
        apiVersion: appseg.io/v1alpha1
        kind: AppSegmentation
        metadata:
          name: x
           namespace: [oops
        """);
    Result r = render("-f", broken.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("error: " + broken + ": not valid YAML/JSON at line 5, column 13");
    assertNoStackTrace(r);
  }

  @Test
  void otherKindsAreIgnoredWithANote() throws IOException {
    Path mixed =
        write(
            "mixed.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
                + Files.readString(THREE_TIER));
    Result r = render("-f", mixed.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains(
            "note: " + mixed + " (document 1): v1 ConfigMap is not an AppSegmentation; ignored");
    assertThat(r.out()).contains("from " + mixed + " (document 2): 4 NetworkPolicies");
    assertSameObjects(policies(r.out()), Samples.plan(THREE_TIER).policies());
  }
}
