package io.appseg.flows;

import static io.appseg.flows.ScannedLines.byJackson;
import static io.appseg.flows.ScannedLines.byReader;
import static io.appseg.flows.ScannedLines.byScanner;
import static io.appseg.flows.ScannedLines.bytes;
import static io.appseg.flows.ScannedLines.describe;
import static io.appseg.flows.ScannedLines.jackson;
import static io.appseg.flows.ScannedLines.scanned;
import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.netpol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner rule by rule: what it reads gives what Jackson's reader gives, and what it cannot
 * read with certainty it leaves to Jackson (null), so the reader's result never changes.
 */
class HubbleScannerTest {
  /** A Hubble line with a wrapped flow: pod to pod, TCP 8080, labels and workloads. */
  static final String FLOW =
      "{\"flow\":{\"time\":\"2026-11-30T10:00:01Z\",\"verdict\":\"FORWARDED\","
          + "\"ethernet\":{\"source\":\"6a:1f:00:00:00:01\",\"destination\":\"6a:1f:00:00:00:02\"},"
          + "\"IP\":{\"source\":\"10.0.9.5\",\"destination\":\"10.0.1.10\",\"ipVersion\":\"IPv4\"},"
          + "\"l4\":{\"TCP\":{\"source_port\":40007,\"destination_port\":8080,"
          + "\"flags\":{\"SYN\":true}}},"
          + "\"source\":{\"ID\":2120,\"identity\":20303,\"namespace\":\"ingress\","
          + "\"labels\":[\"k8s:app=web\",\"k8s:io.kubernetes.pod.namespace=ingress\"],"
          + "\"pod_name\":\"web-5b6c7d8f9-tzv8k\",\"workloads\":[{\"name\":\"web\",\"kind\":\"Deployment\"}]},"
          + "\"destination\":{\"ID\":2008,\"namespace\":\"production\",\"labels\":[\"k8s:tier=api\"],"
          + "\"pod_name\":\"api-6d8f7b9c4d-x7k2p\"},"
          + "\"Type\":\"L3_L4\",\"is_reply\":false,\"Summary\":\"TCP Flags: SYN\"},"
          + "\"node_name\":\"kind-worker\",\"time\":\"2026-11-30T10:00:01Z\"}";

  /** Read by the scanner, with the same fields and result as Jackson's reader. */
  static void assertScannedAsJackson(String line) throws IOException {
    byte[] b = bytes(line);
    assertThat(describe(b, scanned(b))).as(line).isEqualTo(describe(b, jackson(b)));
    assertScannedWithJacksonsResult(line);
  }

  /**
   * Read by the scanner with Jackson's result, for values whose span Jackson marks differently (a
   * string as labels: Jackson's span stops after the opening quote), which no result depends on.
   */
  static void assertScannedWithJacksonsResult(String line) {
    byte[] b = bytes(line);
    assertThat(scanned(b)).as(line).isNotNull();
    assertThat(byScanner(b)).as(line).isEqualTo(byJackson(b));
    if (byScanner(b) != HubbleLine.CALICO) {
      assertThat(byReader(b)).as(line).isEqualTo(byScanner(b));
    }
  }

  /** Left to Jackson by the scanner, so the reader's result is Jackson's. */
  static void assertLeftToJackson(String line) {
    byte[] b = bytes(line);
    assertThat(scanned(b)).as(line).isNull();
    assertThat(byReader(b)).as(line).isEqualTo(byJackson(b));
  }

  static String with(String old, String replacement) {
    assertThat(FLOW).contains(old);
    return FLOW.replace(old, replacement);
  }

  @Test
  void aHubbleLineGivesItsObservation() throws IOException {
    assertScannedAsJackson(FLOW);
    Observation o = byScanner(bytes(FLOW)).observation();
    assertThat(o.source().key()).isEqualTo("ingress/web-5b6c7d8f9-tzv8k");
    assertThat(o.source().labels()).containsOnlyKeys("app");
    assertThat(o.source().workload()).isEqualTo("web");
    assertThat(o.destination().ip()).isEqualTo("10.0.1.10");
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.protocol()).isEqualTo(Protocol.TCP);
  }

  @Test
  void everyJsonLineOfTheFixturesIsScannedButTheOneThatIsNotJson() throws IOException {
    for (String file : List.of("hubble.json", "hubble-more.json", "calico.json")) {
      for (String line : Files.readAllLines(FlowReaderTest.DIR.resolve(file))) {
        if (byJackson(bytes(line)).equals(LineResult.broken("not JSON"))) {
          assertLeftToJackson(line);
        } else {
          assertScannedAsJackson(line);
        }
      }
    }
  }

  @Test
  void escapesInSkippedStringsAreSkippedWithTheQuotesAndBracketsTheyHide() throws IOException {
    String escaped = "a \\\"}]{[\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\\u26A1 \\\\";
    assertScannedAsJackson(with("\"TCP Flags: SYN\"", "\"" + escaped + "\""));
    assertScannedAsJackson(with("\"L3_L4\"", "\"\\\\\""));
    assertThat(byScanner(bytes(with("\"L3_L4\"", "\"" + escaped + "\""))))
        .isEqualTo(byScanner(bytes(FLOW)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\x", "\\u12G4", "\\u00", "\\'", "\\U00e9", "\\\u00e9"})
  void anEscapeJacksonRefusesIsLeftToItAndTheLineIsNotJson(String escape) {
    String line = with("TCP Flags", "TCP " + escape + " Flags");
    assertLeftToJackson(line);
    assertThat(byReader(bytes(line))).isEqualTo(LineResult.broken("not JSON"));
  }

  @Test
  void anEscapeInANeededFieldIsLeftToJacksonWhichDecodesIt() {
    String line = with("\"production\"", "\"pro\\u0064uction\"");
    assertLeftToJackson(line);
    assertThat(byReader(bytes(line))).isEqualTo(byScanner(bytes(FLOW)));
    assertLeftToJackson(with("\"is_reply\":false", "\"is_reply\":\"tru\\u0065\""));
    assertLeftToJackson(with("\"destination_port\":8080", "\"destination_port\":\"80\\u0038\""));
    assertLeftToJackson(with("\"labels\":[", "\"lab\\u0065ls\":["));
  }

  @Test
  void nestedObjectsAndArraysAreSkippedWholeAndTooDeepOnesLeftToJackson() throws IOException {
    String nested = "{\"a\":[[],{},[{\"b\":[1,-2.5e3,true,false,null,\"]\"]}],{\"c\":{}}],\"d\":0}";
    assertScannedAsJackson(with("\"flags\":{\"SYN\":true}", "\"flags\":" + nested));
    assertScannedAsJackson(with("\"Type\":", "\"deep\":" + deep(25) + ",\"Type\":"));
    String deeper = with("\"Type\":", "\"deep\":" + deep(40) + ",\"Type\":");
    assertLeftToJackson(deeper);
    assertThat(byReader(bytes(deeper))).isEqualTo(byScanner(bytes(FLOW)));
  }

  private static String deep(int levels) {
    return "[{\"x\":".repeat(levels) + "1" + "}]".repeat(levels);
  }

  @Test
  void membersInAnyOrderGiveTheSameFields() throws IOException {
    String reordered =
        "{\"time\":\"2026-11-30T10:00:01Z\",\"flow\":{\"is_reply\":false,"
            + "\"destination\":{\"pod_name\":\"api-6d8f7b9c4d-x7k2p\",\"labels\":[\"k8s:tier=api\"],"
            + "\"namespace\":\"production\",\"ID\":2008},"
            + "\"source\":{\"workloads\":[{\"kind\":\"Deployment\",\"name\":\"web\"}],"
            + "\"pod_name\":\"web-5b6c7d8f9-tzv8k\","
            + "\"labels\":[\"k8s:app=web\",\"k8s:io.kubernetes.pod.namespace=ingress\"],"
            + "\"namespace\":\"ingress\",\"identity\":20303},"
            + "\"l4\":{\"TCP\":{\"flags\":{\"SYN\":true},\"destination_port\":8080}},"
            + "\"IP\":{\"destination\":\"10.0.1.10\",\"ipVersion\":\"IPv4\",\"source\":\"10.0.9.5\"},"
            + "\"verdict\":\"FORWARDED\",\"time\":\"2026-11-30T10:00:01Z\"}}";
    assertScannedAsJackson(reordered);
    assertThat(byScanner(bytes(reordered))).isEqualTo(byScanner(bytes(FLOW)));
  }

  @Test
  void missingFieldsAreSkippedOrBrokenAsJacksonSaysWithTheField() throws IOException {
    String noL4 =
        with("\"l4\":{\"TCP\":{\"source_port\":40007,", "\"l5\":{\"TCP\":{\"source_port\":40007,");
    assertScannedAsJackson(noL4);
    assertThat(byScanner(bytes(noL4))).isEqualTo(LineResult.skip("no port (ICMP or no layer 4)"));
    String noTime = FLOW.replace("\"time\":", "\"clock\":");
    assertScannedAsJackson(noTime);
    assertThat(byScanner(bytes(noTime))).isEqualTo(LineResult.broken("time: missing"));
    String noPort = with("\"destination_port\":8080,", "");
    assertScannedAsJackson(noPort);
    assertThat(byScanner(bytes(noPort)).broken()).isEqualTo("l4.TCP.destination_port: missing");
    String noSourceAtAll =
        with("\"source\":\"10.0.9.5\",", "").replace("\"source\":{", "\"src\":{");
    assertScannedAsJackson(noSourceAtAll);
    assertThat(byScanner(bytes(noSourceAtAll)).broken()).isEqualTo("IP.source: missing");
    assertScannedAsJackson("{\"node_status\":{\"state\":\"NODE_CONNECTED\"},\"time\":\"x\"}");
    assertScannedAsJackson("{}");
  }

  @Test
  void valuesOfOtherTypesGiveJacksonsResultScannedOrLeftToIt() throws IOException {
    assertScannedAsJackson(with("8080,", "\"8080\","));
    assertScannedAsJackson(with("8080,", "\"80x\","));
    assertScannedAsJackson(with("8080,", "80.0,"));
    assertScannedAsJackson(with("8080,", "8e3,"));
    assertScannedAsJackson(with("8080,", "null,"));
    assertScannedAsJackson(with("8080,", "-80,"));
    assertScannedAsJackson(with("8080,", "{\"port\":80},"));
    assertScannedAsJackson(with("8080,", "999999999999999999,"));
    assertLeftToJackson(with("8080,", "99999999999999999999,"));
    assertScannedAsJackson(with("\"is_reply\":false", "\"is_reply\":\"TRUE\""));
    assertScannedAsJackson(with("\"is_reply\":false", "\"is_reply\":[true]"));
    assertScannedAsJackson(with("\"is_reply\":false", "\"reply\":true"));
    assertScannedWithJacksonsResult(
        with("\"labels\":[\"k8s:tier=api\"]", "\"labels\":\"k8s:tier=api\""));
    assertScannedAsJackson(with("\"labels\":[\"k8s:tier=api\"]", "\"labels\":[1,null,{},[]]"));
    assertScannedAsJackson(with("\"pod_name\":\"api-6d8f7b9c4d-x7k2p\"", "\"pod_name\":null"));
    assertScannedAsJackson(with("\"pod_name\":\"api-6d8f7b9c4d-x7k2p\"", "\"pod_name\":{}"));
    assertScannedAsJackson(with("\"pod_name\":\"api-6d8f7b9c4d-x7k2p\"", "\"pod_name\":\"\""));
    assertScannedAsJackson(with("\"namespace\":\"production\"", "\"namespace\":[\"x\"]"));
    assertScannedAsJackson(with("\"IP\":{", "\"IP\":[{").replace(",\"ipVersion\":\"IPv4\"}", "}]"));
    assertScannedAsJackson(FLOW.replace("\"source\":{\"ID\"", "\"source\":[],\"x\":{\"ID\""));
    assertScannedAsJackson(with("{\"TCP\":", "{\"ICMPv4\":{\"type\":8},\"SCTP\":{},\"TCP\":"));
    assertLeftToJackson(FLOW.replace("\"2026-11-30T10:00:01Z\"", "1764496801"));
    assertLeftToJackson(FLOW.replace("\"2026-11-30T10:00:01Z\"", "true"));
  }

  @Test
  void aTruncatedLineIsLeftToJacksonAndIsNotJson() {
    byte[] b = bytes(FLOW);
    for (int n = 1; n < b.length; n++) {
      byte[] prefix = Arrays.copyOf(b, n);
      assertThat(scanned(prefix)).as(n + " bytes").isNull();
      assertThat(byReader(prefix)).as(n + " bytes").isEqualTo(byJackson(prefix));
    }
  }

  @Test
  void utf8InSkippedStringsIsCheckedAsJacksonChecksIt() throws IOException {
    assertScannedAsJackson(with("TCP Flags", "TCP é ⚡ 𝄞 Flags"));
    for (String bad : List.of("\u0080", "\u00c3x", "\u00e2\u0082", "\u00f8\u0088\u0080\u0080")) {
      byte[] b = bytes(with("TCP Flags", "TCP " + "\u0000" + " Flags"));
      byte[] line = splice(b, bad);
      assertThat(scanned(line)).as(bad).isNull();
      assertThat(byReader(line)).as(bad).isEqualTo(LineResult.broken("not JSON"));
    }
  }

  /** The line with its NUL byte replaced by these bytes (Latin-1 code points as bytes). */
  private static byte[] splice(byte[] line, String bytes) {
    int at = 0;
    while (line[at] != 0) {
      at++;
    }
    byte[] insert = bytes.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[line.length - 1 + insert.length];
    System.arraycopy(line, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(line, at + 1, out, at + insert.length, line.length - at - 1);
    return out;
  }

  @Test
  void beyondAsciiInANeededFieldIsLeftToJacksonWhichNamesIt() {
    String line = with("\"production\"", "\"prodüction\"");
    assertLeftToJackson(line);
    assertThat(byReader(bytes(line)).broken()).startsWith("destination.namespace: \"prodüction\"");
    assertLeftToJackson(with("\"labels\":[", "\"labéls\":["));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"ID\":2120,|\"ID\":02120,",
        "\"ID\":2120,|\"ID\":+2120,",
        "\"ID\":2120,|\"ID\":.5,",
        "\"ID\":2120,|\"ID\":1.,",
        "\"ID\":2120,|\"ID\":1e,",
        "\"ID\":2120,|\"ID\":-,",
        "\"ID\":2120,|\"ID\":NaN,",
        "\"ID\":2120,|\"ID\":truex,",
        "\"ID\":2120,|\"ID\":nul,",
        "\"ID\":2120,|\"ID\":'x',",
        "\"ID\":2120,|\"ID\":2120,,",
        "\"ID\":2120,|\"ID\" 2120,",
        "\"ID\":2120,|ID:2120,",
        "\"ID\":2120,|\"ID\":2120 /* c */,",
        "\"SYN\":true}|\"SYN\":true,}",
        "\"SYN\":true}|\"SYN\":[true,]}",
        "\"SYN\":true}|\"SYN\":[true}}",
        "\"SYN\":true}|\"SYN\":true]",
        "TCP Flags|TCP\tFlags",
        "\"Type\"|\"Ty\u0001pe\""
      })
  void jsonJacksonRefusesIsLeftToItAndIsNotJson(String edit) {
    String[] parts = edit.split("\\|");
    String line = with(parts[0], parts[1]);
    assertLeftToJackson(line);
    assertThat(byReader(bytes(line))).isEqualTo(LineResult.broken("not JSON"));
  }

  @Test
  void whitespaceBetweenTokensIsJsonsAndANewlineEndsTheLine() throws IOException {
    assertScannedAsJackson(spaced(FLOW, " \t\r "));
    byte[] two = bytes(FLOW.replace(",\"Type\"", "\n,\"Type\""));
    assertThat(HubbleScanner.read(two, 0, two.length)).isNull();
  }

  /** The line with {@code space} after every bracket, comma and colon outside strings. */
  static String spaced(String line, String space) {
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      out.append(c);
      if (inString && c == '\\') {
        out.append(line.charAt(++i));
      } else if (c == '"') {
        inString = !inString;
      } else if (!inString && "{[,:".indexOf(c) >= 0) {
        out.append(space);
      }
    }
    return out.toString();
  }

  @Test
  void whatFollowsTheObjectIsNotReadAsJacksonDoesNot() throws IOException {
    assertScannedAsJackson(FLOW + " }{ not json");
    byte[] b = bytes(FLOW + "  trailing");
    assertThat(scanned(b).end).isEqualTo(FLOW.length());
  }

  @Test
  void repeatedMembersAreReadAsJacksonReadsThem() throws IOException {
    String second =
        FLOW.replace(
            "\"node_name\":\"kind-worker\"", "\"flow\":{\"IP\":{\"source\":\"10.0.0.1\"}}");
    assertScannedAsJackson(second);
    assertThat(byScanner(bytes(second))).isEqualTo(LineResult.skip("no port (ICMP or no layer 4)"));
    assertScannedAsJackson(
        with(
            "\"pod_name\":\"api-6d8f7b9c4d-x7k2p\"}",
            "\"pod_name\":\"api-1\"},\"destination\":{\"namespace\":\"other\"}"));
    assertScannedAsJackson(with("\"is_reply\":false", "\"is_reply\":true,\"reply\":false"));
    assertScannedAsJackson(
        with("\"destination_port\":8080", "\"destination_port\":8080,\"destination_port\":9"));
    assertScannedAsJackson(
        FLOW.replace("\"pod_name\":\"api-", "\"podName\":\"x\",\"pod_name\":\"api-"));
    assertScannedAsJackson(
        FLOW.replace("\"pod_name\":\"api-", "\"pod_name\":\"\",\"podName\":\"api-"));
  }
}
