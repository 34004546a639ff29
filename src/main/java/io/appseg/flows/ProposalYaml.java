package io.appseg.flows;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.plan.Manifests;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A proposal as YAML for people: the AppSegmentation as the serializer writes it, with a comment
 * before each flow (and before DNS and monitoring) saying how many observations it admits. The
 * comments hold only numbers and fixed words, so nothing from a flow record reaches them.
 */
public final class ProposalYaml {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ProposalYaml() {}

  public static String write(Proposer.Proposal p, String header) {
    AppSegmentation seg = SERIALIZATION.clone(p.segmentation());
    List<Flow> flows = seg.getSpec().getFlows();
    seg.getSpec().setFlows(new ArrayList<>());
    String yaml = Manifests.toYaml(seg);
    StringBuilder flowsYaml = new StringBuilder("  flows:\n");
    for (int i = 0; i < flows.size(); i++) {
      flowsYaml
          .append("  # ")
          .append(backing(p.observations(), "spec.flows[" + i + "]"))
          .append('\n');
      flowsYaml.append(item(Manifests.toYaml(flows.get(i))));
    }
    String out =
        yaml.replace("  flows: []\n", flows.isEmpty() ? "  flows: []\n" : flowsYaml.toString());
    out =
        out.contains("  dns:\n")
            ? comment(out, "  dns:\n", p.observations(), "spec.dns")
            : out.replace(
                "  tiers:\n",
                "  # spec.dns (on by default): "
                    + backing(p.observations(), "spec.dns")
                    + "\n  tiers:\n");
    out = comment(out, "  monitoring:\n", p.observations(), "spec.monitoring");
    return "# " + header + "\n" + (out.endsWith("\n") ? out : out + "\n");
  }

  private static String comment(
      String yaml, String line, Map<String, Long> observations, String field) {
    return observations.containsKey(field)
        ? yaml.replace(line, "  # " + backing(observations, field) + "\n" + line)
        : yaml;
  }

  private static String backing(Map<String, Long> observations, String field) {
    long n = observations.getOrDefault(field, 0L);
    return n == 0 ? "not observed in these flows" : n + " observation" + (n == 1 ? "" : "s");
  }

  /** A mapping written as one list item, indented under {@code flows:}. */
  private static String item(String mapping) {
    StringBuilder out = new StringBuilder();
    String prefix = "  - ";
    for (String line : mapping.split("\n")) {
      out.append(prefix).append(line).append('\n');
      prefix = "    ";
    }
    return out.toString();
  }
}
