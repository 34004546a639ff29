package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.TestYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The image cannot be built here (no registry for the base image), so this pins what the `image`
 * profile produces to what the chart expects: the tag the chart deploys, the user its
 * securityContext runs as, the entrypoint; and that the default build does not run Jib.
 */
class ImageProfileTest {
  private static XPath xpath;
  private static Document pom;

  @BeforeAll
  static void parse() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    pom = f.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    xpath = XPathFactory.newInstance().newXPath();
  }

  @Test
  void jibRunsOnlyInTheImageProfile() throws Exception {
    assertThat(
            count(
                "/*[local-name()='project']/*[local-name()='build']//*[local-name()='artifactId'][.='jib-maven-plugin']"))
        .as("Jib in the default build would need a registry")
        .isZero();
    assertThat(jib("../../../*[local-name()='id']")).isEqualTo("image");
    assertThat(jib("*[local-name()='executions']//*[local-name()='goal']")).isEqualTo("buildTar");
  }

  @Test
  void imageRunsTheOperatorAsTheChartsNumericUser() throws Exception {
    assertThat(
            jib(
                "*[local-name()='configuration']/*[local-name()='container']/*[local-name()='mainClass']"))
        .isEqualTo("io.appseg.cli.AppsegCommand");
    assertThat(
            jib(
                "*[local-name()='configuration']/*[local-name()='container']/*[local-name()='args']/*"))
        .isEqualTo("operator");
    Map<String, Object> values =
        TestYaml.map(Files.readString(ChartFixture.CHART.resolve("values.yaml")));
    @SuppressWarnings("unchecked")
    Map<String, Object> psc = (Map<String, Object>) values.get("podSecurityContext");
    assertThat(
            jib(
                "*[local-name()='configuration']/*[local-name()='container']/*[local-name()='user']"))
        .isEqualTo(psc.get("runAsUser") + ":" + psc.get("runAsGroup"));
  }

  @Test
  void imageTagIsTheChartsAppVersion() throws Exception {
    Map<String, Object> chart =
        TestYaml.map(Files.readString(ChartFixture.CHART.resolve("Chart.yaml")));
    String tag =
        xpath.evaluate(
            "//*[local-name()='profile'][*[local-name()='id']='image']"
                + "/*[local-name()='properties']/*[local-name()='appseg.image.tag']",
            pom);
    assertThat(tag).isEqualTo(chart.get("appVersion"));
    Map<String, Object> values =
        TestYaml.map(Files.readString(ChartFixture.CHART.resolve("values.yaml")));
    @SuppressWarnings("unchecked")
    Map<String, Object> image = (Map<String, Object>) values.get("image");
    assertThat(
            xpath.evaluate(
                "//*[local-name()='profile'][*[local-name()='id']='image']"
                    + "/*[local-name()='properties']/*[local-name()='appseg.image']",
                pom))
        .isEqualTo(image.get("repository") + ":${appseg.image.tag}");
    assertThat(List.of(chart.get("version"), chart.get("apiVersion")))
        .containsExactly("0.1.0", "v2");
  }

  /** Text of a node relative to the jib-maven-plugin element of the image profile. */
  private static String jib(String relative) throws Exception {
    return xpath.evaluate(
        "//*[local-name()='profile']//*[local-name()='plugin'][*[local-name()='artifactId']"
            + "='jib-maven-plugin']/"
            + relative,
        pom);
  }

  private static int count(String expr) throws Exception {
    return ((NodeList) xpath.evaluate(expr, pom, XPathConstants.NODESET)).getLength();
  }
}
