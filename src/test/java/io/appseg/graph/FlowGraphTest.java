package io.appseg.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.PlanDefaults;
import org.junit.jupiter.api.Test;

class FlowGraphTest {
  private static final String SEG =
      """
      apiVersion: appseg.io/v1alpha1
      kind: AppSegmentation
      metadata: {name: shop, namespace: shop}
      spec:
        tiers:
          - {name: web, namespace: front, podSelector: {matchLabels: {tier: web}}, ports: [{port: 8080}]}
          - {name: db, podSelector: {matchLabels: {tier: db}}, ports: [{port: 5432}], metricsPort: 9187}
        flows:
          - {from: {tier: web}, to: {tier: db}}
          - {from: {anywhere: true}, to: {tier: web}, ports: [{port: 443}, {port: 30000, endPort: 30010, protocol: UDP}]}
          - {from: {tier: db}, to: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}
        dns: {to: [{cidr: 169.254.20.10/32}], ports: [{port: 53, protocol: UDP}]}
        monitoring: {enabled: true, from: [{namespace: monitoring, podSelector: {matchLabels: {app: "say \\"hi\\""}}}]}
      """;

  private static FlowGraph graph() throws Exception {
    return new FlowGraphBuilder(PlanDefaults.STANDARD)
        .build(new YAMLMapper().readValue(SEG, AppSegmentation.class));
  }

  @Test
  void mermaidGroupsTiersByNamespaceAndLabelsEveryFlow() throws Exception {
    assertThat(GraphWriter.mermaid(graph()))
        .isEqualTo(
            """
        flowchart LR
          subgraph ns0["namespace front"]
            tier_web["web"]
          end
          subgraph ns1["namespace shop"]
            tier_db["db"]
          end
          anywhere(["anywhere"])
          ext1(["10.0.0.0/8 except 10.1.0.0/16"])
          dns(["DNS: 169.254.20.10/32"])
          monitoring(["metrics scraper: namespace monitoring, pods app=say #34;hi#34;"])
          tier_web -->|"5432/TCP"| tier_db
          anywhere -->|"443/TCP, 30000-30010/UDP"| tier_web
          tier_db -->|"all ports"| ext1
          tier_web -->|"53/UDP"| dns
          tier_db -->|"53/UDP"| dns
          monitoring -->|"metrics/TCP"| tier_web
          monitoring -->|"9187/TCP"| tier_db
        """);
  }

  @Test
  void dotHasAClusterPerNamespaceAndWritesQuotesAsEntities() throws Exception {
    String dot = GraphWriter.dot(graph());
    assertThat(dot)
        .startsWith("digraph \"shop/shop\" {")
        .contains(
            "subgraph cluster_0 {\n    label=\"namespace front\";\n    tier_web [label=\"web\", shape=box];")
        .contains("tier_web -> tier_db [label=\"5432/TCP\"];")
        .contains("pods app=say &#34;hi&#34;\"")
        .endsWith("}\n");
  }
}
