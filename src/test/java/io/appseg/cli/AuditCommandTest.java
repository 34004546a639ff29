package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appseg audit} of sample 01 against the recorded flows: every flow the plan would cut is
 * named (five groups are known to be denied: a frontend reaching the database, the backend on 5433,
 * two payment addresses, and the Prometheus scrape), the same in every format, with no cluster.
 */
class AuditCommandTest {
  static final Path FLOWS = Samples.BASE.resolve("src/test/resources/flows");
  static final String SAMPLE = Samples.named("01-three-tier.yaml").toString();
  static final List<String> DENIED =
      List.of(
          "  denied  monitoring/prometheus -> tier backend 9090/TCP",
          "  denied  tier backend -> 198.51.100.4 443/TCP",
          "  denied  tier backend -> 198.51.100.5 443/TCP",
          "  denied  tier backend -> tier database 5433/TCP",
          "  denied  tier frontend -> tier database 5432/TCP");

  static String flows(String name) {
    return FLOWS.resolve(name).toString();
  }

  static List<String> deniedLines(Cli.Result r) {
    return r.out()
        .lines()
        .filter(l -> l.startsWith("  denied  "))
        .map(l -> l.substring(0, l.indexOf(':')))
        .toList();
  }

  @Test
  void hubbleFlowsNameEveryFlowThePlanWouldCutWithItsFixAndExit3OnFailOnDenied() {
    Cli.Result r =
        Cli.run("audit", "--flows", flows("hubble.json"), "-f", SAMPLE, "--fail-on", "denied");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(deniedLines(r)).containsExactlyElementsOf(DENIED);
    assertThat(r.out())
        .startsWith(
            "production/three-tier: 22 observed flows judged (1 of other apps), 7 would be denied, in 5 groups\n")
        .contains(
            "  denied  tier frontend -> tier database 5432/TCP: 2 flows (1 connection), first"
                + " 2026-11-30T10:02:10Z, last 2026-11-30T10:09:10Z\n"
                + "      e.g. production/frontend-6d8f7b9c4d-q9w4z -> production/database-0\n")
        .contains(
            "fix: add to spec.flows: {\"from\":{\"tier\":\"frontend\"},\"to\":{\"tier\":\"database\"},"
                + "\"ports\":[{\"port\":5432,\"protocol\":\"TCP\"}]}")
        .contains("fix: add {\"port\":5433,\"protocol\":\"TCP\"} to spec.flows[2].ports")
        .contains(
            "denied by NetworkPolicy production/three-tier.backend, NetworkPolicy production/three-tier.default-deny")
        .doesNotContain("never observed");
    assertThat(r.err())
        .contains(
            "hubble.json: 27 lines: 23 flows, 3 skipped (no port (ICMP or no layer 4): 1 (first on"
                + " line 9); not a flow record: 1 (first on line 13); reply: 1 (first on line 4)), 1"
                + " broken (not JSON: 1 (first on line 16))");
    Cli.assertNoStackTrace(r);
  }

  @Test
  void csvFlowsWithPodManifestsAndCalicoFlowsFindTheSameDenials() {
    Cli.Result csv =
        Cli.run("audit", "--flows", flows("flows.csv"), "-f", SAMPLE, "-f", flows("pods.yaml"));
    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    assertThat(deniedLines(csv)).containsExactlyInAnyOrderElementsOf(DENIED);
    Cli.Result calico = Cli.run("audit", "--flows", flows("calico.json"), "-f", SAMPLE);
    // Goldmane names no external address: the two payment flows are skipped, as its note says.
    assertThat(deniedLines(calico)).containsExactly(DENIED.get(0), DENIED.get(3), DENIED.get(4));
    assertThat(calico.err())
        .contains("an end that is not a pod (Goldmane gives networks no address): 3");
  }

  @Test
  void declaredFlowsThatNothingUsedAreListed(@TempDir Path dir) throws Exception {
    Path some = dir.resolve("no-database.json");
    Files.write(
        some,
        Files.readAllLines(FLOWS.resolve("hubble.json")).stream()
            .filter(l -> !l.contains("\"pod_name\":\"database-0\""))
            .toList());
    Cli.Result r = Cli.run("audit", "--flows", some.toString(), "-f", SAMPLE);
    assertThat(r.out()).contains("  never observed: spec.flows[2] backend -> database\n");
    assertThat(r.out())
        .doesNotContain("never observed: spec.flows[0]")
        .doesNotContain("never observed: spec.dns");
  }

  @Test
  void jsonAndMarkdownCarryTheSameGroups() throws Exception {
    Cli.Result json = Cli.run("audit", "--flows", flows("hubble.json"), "-f", SAMPLE, "-o", "json");
    JsonNode doc = JsonMapper.builder().build().readTree(json.out());
    assertThat(doc.path("files").get(0).path("flows").asLong()).isEqualTo(23);
    assertThat(doc.path("files").get(0).path("broken").path("not JSON").path("firstLine").asLong())
        .isEqualTo(16);
    JsonNode app = doc.path("apps").get(0);
    assertThat(app.path("app").asText()).isEqualTo("production/three-tier");
    assertThat(app.path("deniedObservations").asLong()).isEqualTo(7);
    assertThat(app.path("denied")).hasSize(5);
    assertThat(app.path("denied").get(4).path("fix").asText()).startsWith("add to spec.flows: ");
    Cli.Result md =
        Cli.run("audit", "--flows", flows("hubble.json"), "-f", SAMPLE, "-o", "markdown");
    assertThat(md.out()).startsWith("### `production/three-tier`: 22 observed flows judged");
    assertThat(
            md.out().lines().filter(l -> l.startsWith("| tier ") || l.startsWith("| monitoring/")))
        .hasSize(5);
  }

  @Test
  void aMissingFlowFileIsAOneLineError() {
    Cli.Result r = Cli.run("audit", "--flows", "no/such.json", "-f", SAMPLE);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: no/such.json: no such flow file\n");
  }
}
