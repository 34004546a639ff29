package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input mistakes answered in the spec's own terms: a wrong shape says what the field takes and what
 * the file has, a mistyped kind is an error (not a skipped document), and no message names a Java
 * type.
 */
class UserWordsTest {
  private static final String HEAD =
      "apiVersion: appseg.io/v1alpha1\nkind: %s\nmetadata: {name: shop, namespace: shop}\n";
  private static final String TIERS =
      "spec:\n  tiers:\n    - {name: web, podSelector: {matchLabels: {tier: web}}}\n"
          + "    - {name: api, podSelector: {matchLabels: {tier: api}}}\n";

  @TempDir Path tmp;

  @Test
  void aFlowEndWrittenAsAStringSaysWhatAnEndpointLooksLike() throws IOException {
    Cli.Result r = render(TIERS + "  flows:\n    - {from: {tier: web}, to: api}\n");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "spec.flows[0].to: expected an endpoint such as {tier: web}, got the string \"api\"");
    assertNoJavaWords(r);
  }

  @Test
  void otherWrongShapesAreSaidInTheSpecsTermsToo() throws IOException {
    Cli.Result tiers = render("spec:\n  tiers: web\n");
    Cli.Result port = render(TIERS.replace("tier: api}}}", "tier: api}}, ports: [8080]}"));
    Cli.Result deny = render(TIERS + "  defaultDeny: true\n");

    assertThat(tiers.err()).contains("spec.tiers: expected a list, got the string \"web\"");
    assertThat(port.err())
        .contains(
            "spec.tiers[1].ports[0]: expected a port such as {port: 8080, protocol: TCP}, got the number 8080");
    assertThat(deny.err())
        .contains(
            "spec.defaultDeny: expected settings such as {ingress: true, egress: true}, got true");
    for (Cli.Result r : new Cli.Result[] {tiers, port, deny}) {
      assertThat(r.exitCode()).isEqualTo(1);
      assertNoJavaWords(r);
    }
  }

  @Test
  void aMistypedKindInADirectoryIsAnErrorAndNothingIsRendered() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("apps"));
    Files.writeString(dir.resolve("good.yaml"), HEAD.formatted("AppSegmentation") + TIERS);
    Files.writeString(
        dir.resolve("typo.yaml"),
        HEAD.formatted("AppSegmentaion").replace("shop,", "other,") + TIERS);
    Files.writeString(
        dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");

    Cli.Result r = Cli.run("render", "-f", dir.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(
            "typo.yaml: kind: \"AppSegmentaion\" is not an AppSegmentation, nor another kind appseg reads; did you mean AppSegmentation?")
        .contains(
            "note: "
                + dir.resolve("cm.yaml")
                + ": v1 ConfigMap is not an AppSegmentation; ignored");
  }

  @Test
  void nearMissesAreCloseSpellingsOnly() {
    assertThat(Segmentations.nearMiss("AppSegmentaion")).isTrue();
    assertThat(Segmentations.nearMiss("appsegmentation")).isTrue();
    assertThat(Segmentations.nearMiss("AppSegmentations")).isTrue();
    assertThat(Segmentations.nearMiss("NetworkPolicy")).isFalse();
    assertThat(Segmentations.nearMiss("ConnectivityExpectations")).isFalse();
  }

  private Cli.Result render(String body) throws IOException {
    Path file =
        Files.writeString(tmp.resolve("app.yaml"), HEAD.formatted("AppSegmentation") + body);
    return Cli.run("render", "-f", file.toString());
  }

  private static void assertNoJavaWords(Cli.Result r) {
    assertThat(r.err())
        .doesNotContain("io.appseg", "java.", "Cannot construct", "Cannot deserialize", "`");
    Cli.assertNoStackTrace(r);
  }
}
