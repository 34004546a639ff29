package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.TestYaml;
import io.appseg.local.ControlPlaneBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes release we claim is the one the real-API tier runs: hack/setup-kube-apiserver.sh
 * builds KUBE_VERSION, the tier and `appseg local` start it, the chart's kubeVersion and the
 * README's statement name its minor release. A bump changes all four or fails here.
 */
class SupportedKubernetesTest {
  private static final Pattern SCRIPT_VERSION =
      Pattern.compile("(?m)^KUBE_VERSION=(\\d+)\\.(\\d+)\\.(\\d+)\\b");

  @Test
  void theClaimedReleaseIsTheTestedOne() throws IOException {
    Matcher built =
        SCRIPT_VERSION.matcher(Files.readString(Path.of("hack", "setup-kube-apiserver.sh")));
    assertThat(built.find()).as("KUBE_VERSION in hack/setup-kube-apiserver.sh").isTrue();
    String minor = built.group(1) + "." + built.group(2);
    String next = built.group(1) + "." + (Integer.parseInt(built.group(2)) + 1);

    assertThat(ControlPlaneBinaries.VERSION).isEqualTo(minor + "." + built.group(3));
    assertThat(TestYaml.map(Files.readString(Path.of("helm", "appseg-operator", "Chart.yaml"))))
        .containsEntry("kubeVersion", ">=" + minor + ".0-0 <" + next + ".0-0");
    assertThat(Files.readString(Path.of("README.md")))
        .contains("**Supported Kubernetes: " + minor + "**")
        .contains("Kubernetes " + ControlPlaneBinaries.VERSION);
  }
}
