package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.it.KubeIT;
import io.appseg.it.Kubectl;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every accepted file of the YAML corpus ({@link YamlCorpus}) through the real path: {@code kubectl
 * apply} to the real API server, then what it stored against what the CLI read. Labels and
 * annotations must be equal (they carry the scalar edge cases), the spec the CLI read must be in
 * the stored one (which adds the CRD's defaults), both specs must be the same AppSegmentationSpec,
 * and {@code render} must print the same NetworkPolicies for the file and for the stored object.
 * Nothing here depends on the Kubernetes version.
 */
class YamlCorpusIT extends KubeIT {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Written by kubectl apply itself, not by the file. */
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  static Stream<Path> accepted() {
    return YamlCorpus.accepted().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void apiServerStoresWhatTheCliRead(Path file) throws Exception {
    List<Document> read =
        new InputReader(InputStream.nullInputStream()).read(List.of(file.toString()));
    String namespace = kube.createUniqueNamespace("yaml");

    Kubectl.Result apply = kube.kubectl().run("apply", "-n", namespace, "-f", file.toString());

    assertThat(apply.exitCode()).as(apply.stderr()).isZero();
    assertThat(read).isNotEmpty();
    for (Document document : read) {
      JsonNode cli = JSON.valueToTree(document.content());
      String name = cli.path("metadata").path("name").asText();
      JsonNode stored = stored(namespace, name);

      assertThat(orEmpty(stored.path("metadata").path("labels")))
          .as(name + " labels")
          .isEqualTo(orEmpty(cli.path("metadata").path("labels")));
      ObjectNode annotations = orEmpty(stored.path("metadata").path("annotations")).deepCopy();
      annotations.remove(LAST_APPLIED);
      assertThat(annotations)
          .as(name + " annotations")
          .isEqualTo(orEmpty(cli.path("metadata").path("annotations")));
      assertContains(stored.path("spec"), cli.path("spec"), name + ".spec");
      assertThat(typed(stored.path("spec")))
          .as(name + " spec as the operator reads it")
          .isEqualTo(typed(cli.path("spec")));
      assertThat(render(namespace, stored, name))
          .as(name + " rendered from the stored object")
          .isEqualTo(render(namespace, cli, name + "-read"));
    }
  }

  private JsonNode stored(String namespace, String name) throws Exception {
    Kubectl.Result get =
        kube.kubectl().run("get", "appsegmentation", "-n", namespace, name, "-o", "json");
    assertThat(get.exitCode()).as(get.stderr()).isZero();
    return JSON.readTree(get.stdout());
  }

  /**
   * Every field the CLI read is stored with the same value; the server may add defaulted fields.
   */
  private static void assertContains(JsonNode stored, JsonNode read, String path) {
    if (read.isObject()) {
      assertThat(stored.isObject()).as(path + " is an object").isTrue();
      for (Iterator<Map.Entry<String, JsonNode>> fields = read.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        assertThat(stored.has(field.getKey())).as(path + "." + field.getKey() + " stored").isTrue();
        assertContains(stored.get(field.getKey()), field.getValue(), path + "." + field.getKey());
      }
    } else if (read.isArray()) {
      assertThat(stored.size()).as(path + " length").isEqualTo(read.size());
      for (int i = 0; i < read.size(); i++) {
        assertContains(stored.get(i), read.get(i), path + "[" + i + "]");
      }
    } else {
      assertThat(stored).as(path).isEqualTo(read);
    }
  }

  private static JsonNode typed(JsonNode spec) throws Exception {
    return JSON.valueToTree(JSON.treeToValue(spec, AppSegmentationSpec.class));
  }

  /** {@code appseg render -o json} of one object, written to a file as the user would pass it. */
  private static String render(String namespace, JsonNode object, String fileName)
      throws Exception {
    Path file =
        Files.writeString(
            kube.workDir().resolve(namespace + "-" + fileName + ".json"), object.toString());
    Cli.Result r = Cli.run("render", "-n", namespace, "-o", "json", "-f", file.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out();
  }

  private static ObjectNode orEmpty(JsonNode node) {
    return node.isObject() ? (ObjectNode) node : JSON.createObjectNode();
  }
}
