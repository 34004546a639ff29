package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.testing.Samples;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacks of a hostile pull request, one by one: each is refused by name, or shown escaped. */
class OutputSafetyTest {
  private static final String BINDING =
      "\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
          + "metadata: {name: pwn}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n";

  @TempDir Path tmp;

  private Path sampleWith(String from, String to) throws IOException {
    String text = Files.readString(Samples.named("01-three-tier.yaml")).replace(from, to);
    assertThat(text).contains(to);
    return Files.writeString(tmp.resolve("app.yaml"), text);
  }

  private static String yamlString(String s) {
    return "\""
        + s.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\u001b", "\\e")
        + "\"";
  }

  @Test
  void aNamespaceCarryingADocumentIsRefusedAndNothingIsPrinted() throws IOException {
    Path app = sampleWith("namespace: production", "namespace: " + yamlString("team" + BINDING));
    Cli.Result r = Cli.run("render", "-f", app.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("metadata.namespace: \"team\\n---\\napiVersion: rbac")
        .contains("is not a valid name")
        .doesNotContain("\n---");
  }

  @Test
  void aNameCarryingADocumentOrAnUnderscoreIsRefused() throws IOException {
    for (String name : new String[] {"shop" + BINDING, "Shop_1", "a".repeat(64)}) {
      Path app = sampleWith("name: three-tier", "name: " + yamlString(name));
      Cli.Result r = Cli.run("render", "-f", app.toString());
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).contains("metadata.name: ").contains("is not a valid name");
    }
  }

  @Test
  void aFileNameIsShownEscapedInTheRenderedComment() throws IOException {
    Path file =
        Files.copy(
            Samples.named("01-three-tier.yaml"),
            tmp.resolve("x\n---\nkind: Secret\n#\u001b[2J.yaml"));
    Cli.Result r = Cli.run("render", "-f", file.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("x\\n---\\nkind: Secret\\n#\\u001b[2J.yaml")
        .doesNotContain("kind: Secret\n")
        .doesNotContain("\u001b");
  }

  @Test
  void terminalEscapesInAPodNameAreRefusedAndShownEscaped() throws IOException {
    Path pods =
        Files.writeString(
            tmp.resolve("pods.yaml"),
            Fixtures.PODS.replace("{name: web,", "{name: " + yamlString("web\u001b[2J") + ","));
    Cli.Result r =
        Cli.run(
            "explain",
            "-f",
            pods.toString(),
            "--from",
            "production/api",
            "--to",
            "production/db",
            "--port",
            "5432");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains("metadata.name: \"web\\u001b[2J\" is not a valid name")
        .doesNotContain("\u001b");
  }

  @Test
  void anEnumTakesExactlyItsSpellingAsTheCrdDoes() throws IOException {
    for (String mode : new String[] {"1", "\"Enforce \"", "\"Enforce\\u0000\"", "enforce"}) {
      Path app = sampleWith("spec:\n", "spec:\n  mode: " + mode + "\n");
      Cli.Result r = Cli.run("render", "-f", app.toString());
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).contains("spec.mode: invalid value").contains("allowed: Enforce, Audit");
    }
  }

  @Test
  void theWriterEscapesWhatEverGetsToIt() {
    StringWriter sink = new StringWriter();
    var out = VisibleWriter.wrap(sink);
    out.print("ok\tline\n\u001b[31mred\u0007\u202e\r");
    out.flush();
    assertThat(sink.toString()).isEqualTo("ok\tline\n\\u001b[31mred\\u0007\\u202e\\r");
  }
}
