package io.appseg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.CrdConstants;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's kubectl commands, taken from README.md and run word for word, in its order, against
 * a control plane without the CRD: the "Running the operator" block (the operator itself aside) and
 * the kustomize install of "Install in a cluster". Each must succeed and leave what it promises.
 */
@RealKubeApi(installCrd = false)
class ReadmeInstallIT extends KubeIT {
  private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern INLINE_KUBECTL = Pattern.compile("`(kubectl apply [^`]+)`");

  @Test
  void theReadmesKubectlCommandsWorkWordForWord() throws Exception {
    String readme = Files.readString(ProjectFiles.root().resolve("README.md"));
    List<String> commands =
        new ArrayList<>(kubectlLines(section(readme, "## Running the operator")));
    Matcher install = INLINE_KUBECTL.matcher(section(readme, "## Install in a cluster"));
    while (install.find()) {
      commands.add(install.group(1));
    }

    assertThat(commands)
        .containsExactly(
            "kubectl apply --server-side -k crds/",
            "kubectl create namespace production",
            "kubectl apply -f samples/01-three-tier.yaml",
            "kubectl get appseg -A",
            "kubectl apply --server-side -k config/default");
    for (String command : commands) {
      Kubectl.Result result =
          kube.kubectl().run(command.substring("kubectl ".length()).split(" +"));
      assertThat(result.exitCode()).as(command + "\n" + result.stdout() + result.stderr()).isZero();
    }

    assertThat(
            Crds.isEstablished(
                client
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(CrdConstants.CRD_NAME)
                    .get()))
        .isTrue();
    assertThat(
            AppSegmentations.typed(client).inNamespace("production").withName("three-tier").get())
        .isNotNull();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("appseg-system")
                .withName("appseg-operator")
                .get())
        .isNotNull();
    assertThat(client.rbac().clusterRoles().withName("appseg-operator").get()).isNotNull();
  }

  /** The text from a heading to the next heading of the same level. */
  private static String section(String readme, String heading) {
    int start = readme.indexOf("\n" + heading + "\n");
    assertThat(start).as("README section " + heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + heading.length() + 2);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** The kubectl lines of the section's bash blocks, without trailing comments. */
  private static List<String> kubectlLines(String section) {
    List<String> lines = new ArrayList<>();
    Matcher block = BASH_BLOCK.matcher(section);
    while (block.find()) {
      block
          .group(1)
          .lines()
          .map(l -> l.replaceFirst("\\s+#.*$", "").trim())
          .filter(l -> l.startsWith("kubectl "))
          .forEach(lines::add);
    }
    return lines;
  }
}
