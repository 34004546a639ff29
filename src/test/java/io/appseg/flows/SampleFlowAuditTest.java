package io.appseg.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Resolved;
import io.appseg.testing.Golden;
import io.appseg.testing.Samples;
import io.appseg.verify.Intent;
import io.appseg.verify.Node;
import io.appseg.verify.PlanVerifier;
import io.appseg.verify.Population;
import io.appseg.verify.Probe;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every sample audited against a flow file recorded from its modelled pods (every pair with a tier
 * pod at one end, on every probe, one CSV line each): the audit names exactly the connections the
 * spec does not declare, as the intent says, and the counts per sample are frozen in a golden file.
 */
class SampleFlowAuditTest {
  private static final Golden GOLDEN =
      new Golden(FlowReaderTest.DIR.resolve("proposals"), SampleFlowAuditTest.class);

  @Test
  void everySampleAuditNamesExactlyTheUndeclaredObservedConnections() throws Exception {
    StringBuilder summary = new StringBuilder();
    for (Path sample : Samples.all()) {
      AppSegmentation seg = Samples.load(sample);
      Plan plan = Samples.plan(sample);
      Population population = new PlanVerifier(PlanDefaults.STANDARD).population(seg);
      Intent intent = new Intent(Resolved.of(seg, PlanDefaults.STANDARD));
      StringBuilder csv = new StringBuilder(CsvLine.HEADER + "\n");
      Set<String> expected = new HashSet<>();
      List<Node> nodes = population.nodes();
      for (Node s : nodes) {
        for (Node d : nodes) {
          if (s.equals(d) || !(intent.isTierMember(s) || intent.isTierMember(d))) {
            continue;
          }
          for (Probe p : population.probes()) {
            csv.append("2026-12-01T10:00:00Z,")
                .append(end(s))
                .append(',')
                .append(end(d))
                .append(',')
                .append(p.port())
                .append(',')
                .append(p.protocol())
                .append('\n');
            if (!intent.allows(s, d, p.port(), p.protocol())) {
              expected.add(s.id() + " -> " + d.id() + " " + p.port() + "/" + p.protocol());
            }
          }
        }
      }
      FlowLog log = new FlowLog(1_000_000);
      ReadStats stats =
          FlowReader.read(
              sample.toString(),
              new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
              log::add);
      assertThat(stats.broken()).as(sample.toString()).isEmpty();
      ObservedCluster world = ObservedCluster.of(population.cluster(List.of()), log);
      FlowAudit.Report report = new FlowAudit(PlanDefaults.STANDARD).audit(seg, plan, world, log);
      assertThat(report.deniedObservations()).as(sample.toString()).isEqualTo(expected.size());
      for (FlowAudit.Denied d : report.denied()) {
        for (String example : d.examples()) {
          assertThat(expected)
              .as(sample.toString())
              .contains(example + " " + d.port() + "/" + d.protocol());
        }
      }
      summary
          .append(sample.getFileName())
          .append(": ")
          .append(report.judged())
          .append(" observed connections judged, ")
          .append(report.deniedObservations())
          .append(" would be denied in ")
          .append(report.denied().size())
          .append(" groups, never observed: ")
          .append(
              report.neverObserved().isEmpty() ? "none" : String.join("; ", report.neverObserved()))
          .append('\n');
    }
    GOLDEN.check("samples-audit.txt", summary.toString());
  }

  private static String end(Node n) {
    return n.isPod() ? n.namespace() + "," + n.name() + "," : ",," + n.ip();
  }
}
