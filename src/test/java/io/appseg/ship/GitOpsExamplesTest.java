package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD Application and the Flux Kustomization under docs/gitops point at what this
 * repository ships: the chart with values its schema accepts, config/default with the image name
 * its Deployment uses.
 */
class GitOpsExamplesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DOCS = Path.of("docs", "gitops");

  @Test
  void argoCdInstallsTheChartWithValuesItsSchemaAccepts() throws IOException {
    JsonNode app = documents(DOCS.resolve("argocd-application.yaml")).get(0);
    assertThat(app.at("/kind").asText()).isEqualTo("Application");
    JsonNode source = app.at("/spec/source");

    assertThat(Path.of(source.at("/path").asText())).isEqualTo(ChartFixture.CHART);
    assertThat(app.at("/spec/destination/namespace").asText()).isEqualTo(ChartFixture.NAMESPACE);
    @SuppressWarnings("unchecked")
    Map<String, Object> values = YAML.convertValue(source.at("/helm/valuesObject"), Map.class);
    Rendered rendered = ChartFixture.render(values); // throws when the schema refuses a value
    assertThat(operatorImage(rendered.one("Deployment", Deployment.class)))
        .startsWith(source.at("/helm/valuesObject/image/repository").asText() + ":");
  }

  @Test
  void fluxBuildsConfigDefaultAndRenamesItsImage() throws IOException {
    List<JsonNode> docs = documents(DOCS.resolve("flux-kustomization.yaml"));
    JsonNode repo = docs.get(0);
    JsonNode kustomization = docs.get(1);
    assertThat(kustomization.at("/spec/sourceRef/name").asText())
        .isEqualTo(repo.at("/metadata/name").asText());

    Path path = Path.of(kustomization.at("/spec/path").asText()).normalize();
    assertThat(path.resolve("kustomization.yaml")).exists();
    Rendered built = new Rendered(ChartFixture.parse(Kustomize.build(path)));
    String image = operatorImage(built.one("Deployment", Deployment.class));
    assertThat(image.substring(0, image.lastIndexOf(':')))
        .isEqualTo(kustomization.at("/spec/images/0/name").asText());
    assertThat(kustomization.at("/spec/wait").asBoolean()).as("waits through kstatus").isTrue();
  }

  private static String operatorImage(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(Files.readString(file))) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(out::add);
    }
    return out;
  }
}
