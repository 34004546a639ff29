package io.appseg.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.netpol.Protocol;
import io.appseg.testing.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each flow format read from its hand-written fixture, and bad lines counted, never fatal. */
class FlowReaderTest {
  static final Path DIR = Samples.BASE.resolve("src/test/resources/flows");

  record Read(List<Observation> observations, ReadStats stats) {}

  static Read read(String file) throws IOException {
    List<Observation> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
      return new Read(out, FlowReader.read(file, in, out::add));
    }
  }

  static Read readText(String text) {
    List<Observation> out = new ArrayList<>();
    return new Read(
        out,
        FlowReader.read(
            "text", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out::add));
  }

  @Test
  void hubbleFlowsCarryLabelsNamespaceLabelsAndWorkloadAndSkipRepliesIcmpAndNodeStatus()
      throws IOException {
    Read r = read("hubble.json");
    assertThat(r.stats().lines()).isEqualTo(27);
    assertThat(r.stats().observations()).isEqualTo(23);
    assertThat(r.stats().skipped())
        .containsOnlyKeys("reply", "no port (ICMP or no layer 4)", "not a flow record");
    assertThat(r.stats().skipped().get("reply").firstLine()).isEqualTo(4);
    assertThat(r.stats().broken()).containsOnlyKeys("not JSON");
    assertThat(r.stats().broken().get("not JSON").firstLine()).isEqualTo(16);

    Observation first = r.observations().get(0);
    assertThat(first.source().key())
        .isEqualTo("ingress-nginx/ingress-nginx-controller-5b6c7d8f9-tzv8k");
    assertThat(first.source().ip()).isEqualTo("10.0.9.5");
    assertThat(first.source().labels())
        .isEqualTo(
            Map.of("app.kubernetes.io/name", "ingress-nginx", "pod-template-hash", "5b6c7d8f9"));
    assertThat(first.source().namespaceLabels())
        .containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
    assertThat(first.source().workload()).isEqualTo("ingress-nginx-controller");
    assertThat(first.destination().key()).isEqualTo("production/frontend-6d8f7b9c4d-x7k2p");
    assertThat(first.port()).isEqualTo(8080);
    assertThat(first.protocol()).isEqualTo(Protocol.TCP);
    assertThat(first.first()).isEqualTo(Instant.parse("2026-11-30T10:00:01Z"));
    assertThat(r.observations())
        .filteredOn(o -> o.destination().ip().startsWith("198.51.100."))
        .allSatisfy(o -> assertThat(o.destination().isPod()).isFalse())
        .hasSize(2);
    assertThat(r.observations())
        .filteredOn(o -> o.source().pod() != null && o.source().pod().equals("prometheus-0"))
        .first()
        .satisfies(
            o -> assertThat(o.source().namespaceLabels()).containsEntry("purpose", "monitoring"));
  }

  @Test
  void calicoFlowsInProtoAndCamelCaseSpellingAreAggregatesWithCountsAndWindows()
      throws IOException {
    Read r = read("calico.json");
    assertThat(r.stats().observations()).isEqualTo(10);
    assertThat(
            r.stats()
                .skipped()
                .get("an end that is not a pod (Goldmane gives networks no address)")
                .lines())
        .isEqualTo(3);
    assertThat(r.stats().skipped()).containsKey("no port (ICMP or no layer 4)");
    assertThat(r.stats().broken().keySet())
        .singleElement()
        .asString()
        .startsWith("Key.source_namespace: \"Production!\" at most 63 lowercase letters");

    Observation first = r.observations().get(0);
    assertThat(first.source().key()).isEqualTo("ingress-nginx/ingress-nginx-controller-5b6c7d8f9");
    assertThat(first.destination().labels()).containsEntry("tier", "frontend");
    assertThat(first.count()).isEqualTo(3);
    assertThat(first.first()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
    assertThat(first.last()).isEqualTo(Instant.parse("2026-11-30T10:10:00Z"));
    Observation camel = r.observations().get(1);
    assertThat(camel.source().key()).isEqualTo(first.source().key());
    assertThat(camel.port()).isEqualTo(8080);
    assertThat(camel.count()).isEqualTo(1);
  }

  @Test
  void csvEndsArePodsByNameOrAddressesAndBadLinesSayWhatIsWrong() throws IOException {
    Read r = read("flows.csv");
    assertThat(r.stats().observations()).isEqualTo(23);
    assertThat(r.stats().broken())
        .containsOnlyKeys("8 columns, expected 9 (" + CsvLine.HEADER + ")", "port: not a number");
    assertThat(r.observations().get(2).source().isPod()).isFalse();
    assertThat(r.observations().get(2).source().ip()).isEqualTo("10.0.9.5");
    assertThat(r.observations().get(1).source().key())
        .isEqualTo("ingress-nginx/ingress-nginx-controller-5b6c7d8f9-tzv8k");
  }

  @Test
  void hostileOrUnknownLinesAreCountedWithTheFieldAndNeverStopTheRead() {
    Read r =
        readText(
            String.join(
                "\n",
                "2026-11-30T10:00:00Z,prod,web-1,,prod,api\u001b[31m,,8080,TCP",
                "2026-11-30T10:00:00Z,prod,web-1,,prod,api-1,,70000,TCP",
                "yesterday,prod,web-1,,prod,api-1,,80,TCP",
                "2026-11-30T10:00:00Z,,,10.0.0.300,prod,api-1,,80,TCP",
                "2026-11-30T10:00:00Z,prod,web-1,,prod,api-1,,80,ICMP",
                "{\"flow\":{\"IP\":{\"source\":\"10.0.0.1\",\"destination\":\"10.0.0.2\"},"
                    + "\"l4\":{\"TCP\":{\"destination_port\":80}},\"time\":\"2026-11-30T10:00:00Z\","
                    + "\"source\":{\"namespace\":\"prod\",\"pod_name\":\"web-1\","
                    + "\"labels\":[\"k8s:app=we b\"]}}}",
                "{\"something\":\"else\"}",
                "[1,2]",
                "{oops",
                "2026-11-30T10:00:00Z,prod,web-1,,prod,api-1,,80,udp"));
    assertThat(r.stats().lines()).isEqualTo(10);
    assertThat(r.stats().observations()).isEqualTo(1);
    assertThat(r.observations().get(0).protocol()).isEqualTo(Protocol.UDP);
    assertThat(r.stats().broken().keySet())
        .containsExactlyInAnyOrder(
            "dst.pod: \"api\\u001b[31m\" at most 253 lowercase letters, digits, '-' and '.', each"
                + " dot-separated part starting and ending with a letter or digit",
            "port: 70000 is outside 1-65535",
            "time: not an RFC 3339 time",
            "src_ip: \"10.0.0.300\" is not an IP address",
            "unknown protocol 'ICMP' (expected TCP, UDP or SCTP)",
            "source.labels app: \"we b\" at most 63 letters, digits, '-', '_' and '.', starting and"
                + " ending with a letter or digit",
            "2 columns, expected 9 (" + CsvLine.HEADER + ")",
            "not JSON");
    assertThat(r.stats().skipped()).containsOnlyKeys("not a flow record");
  }

  @Test
  void aFileReadInChunksOnManyThreadsGivesTheLogAndCountsOfOneThreadReadingInOrder()
      throws IOException {
    List<String> fixture = Files.readAllLines(DIR.resolve("hubble.json"));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      // ~5 MB: many chunks, so lines are numbered and merged across chunk boundaries.
      fixture.forEach(l -> text.append(l).append('\n'));
    }
    text.append("{oops\n").append(fixture.get(0));
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    FlowLog inOrder = new FlowLog(1_000_000);
    ReadStats one = FlowReader.read("one", new ByteArrayInputStream(bytes), inOrder::add);
    FlowLog parallel = new FlowLog(1_000_000);
    ReadStats many = FlowReader.read("many", new ByteArrayInputStream(bytes), parallel, 3);

    assertThat(many.lines()).isEqualTo(one.lines()).isEqualTo(400L * fixture.size() + 2);
    assertThat(many.observations()).isEqualTo(one.observations());
    assertThat(many.skipped()).isEqualTo(one.skipped());
    assertThat(many.broken()).isEqualTo(one.broken());
    assertThat(many.broken().get("not JSON").lines()).isEqualTo(401);
    assertThat(parallel.connections()).isEqualTo(inOrder.connections()).isNotEmpty();
    assertThat(parallel.connections().get(0).count())
        .isEqualTo(inOrder.connections().get(0).count())
        .isGreaterThan(400);
  }
}
