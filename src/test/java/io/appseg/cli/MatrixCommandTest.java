package io.appseg.cli;

import static io.appseg.cli.Fixtures.THREE_TIER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.ManifestLoader;
import io.appseg.netpol.Matrix;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.Port;
import io.appseg.netpol.Protocol;
import io.appseg.testing.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appseg matrix} in-process: pod tables, JSON, named ports, and tier tables of
 * AppSegmentations.
 */
class MatrixCommandTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;
  Fixtures.Files in;

  @BeforeEach
  void files() throws IOException {
    in = Fixtures.Files.writeTo(tmp);
  }

  @Test
  void podTableIsAlignedWithNumberedColumnsAndTheDiagonalMarked() {
    Cli.Result r =
        Cli.run(
            "matrix", "-f", in.pods().toString(), "-f", in.dbPolicy().toString(), "--port", "5432");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        port 5432/TCP: Y = allowed, . = denied, - = the pod itself; rows are sources, columns destinations
                         1 2 3
        1 production/api - Y Y
        2 production/db  Y - Y
        3 production/web Y . -
        """);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void tenPodsWidenEveryColumnSoHeadersStayAligned() throws IOException {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      yaml.append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: p")
          .append(i)
          .append(", namespace: \"n\"}\n");
    }
    Path ten = Fixtures.write(tmp, "ten.yaml", yaml.toString());

    List<String> lines =
        Cli.run("matrix", "-f", ten.toString(), "--port", "80").out().lines().toList();

    assertThat(lines).hasSize(12);
    assertThat(lines.get(1)).isEqualTo("         1  2  3  4  5  6  7  8  9 10");
    assertThat(lines.get(2)).isEqualTo(" 1 n/p0  -  Y  Y  Y  Y  Y  Y  Y  Y  Y");
    assertThat(lines.get(11)).isEqualTo("10 n/p9  Y  Y  Y  Y  Y  Y  Y  Y  Y  -");
  }

  @Test
  void whatIfTableOfTheRenderedSample() {
    Cli.Result r =
        Cli.run(
            "matrix", "-f", in.pods().toString(), "-f", THREE_TIER.toString(), "--port", "8080");

    assertThat(r.out())
        .endsWith(
            """
        1 production/api - . .
        2 production/db  . - .
        3 production/web Y . -
        """);
  }

  @Test
  void jsonIsTheEvaluatorsMatrixAndReadsBack() throws IOException {
    Cli.Result r =
        Cli.run(
            "matrix",
            "-f",
            in.pods().toString(),
            "-f",
            THREE_TIER.toString(),
            "--port",
            "http",
            "-o",
            "json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Cluster cluster =
        ManifestLoader.load(List.of(in.pods()))
            .cluster()
            .withPolicies(Samples.plan(THREE_TIER).policies());
    Matrix expected = NetworkPolicyEvaluator.matrix(cluster, Port.named("http"), Protocol.TCP);
    assertThat(JSON.readValue(r.out(), Matrix.class)).isEqualTo(expected);
    assertThat(expected.allowed(Endpoint.parse("production/web"), Endpoint.parse("production/api")))
        .isTrue();
  }

  @Test
  void namedPortMissingOnADestinationIsNotedAndItsColumnDenied() {
    Cli.Result r = Cli.run("matrix", "-f", in.pods().toString(), "--port", "http");

    assertThat(r.out())
        .endsWith(
            """
        1 production/api - . Y
        2 production/db  Y - Y
        3 production/web Y . -
        """);
    assertThat(r.err()).isEqualTo("note: production/db has no TCP container port named 'http'\n");
  }

  @Test
  void namespacesLimitTheTable() throws IOException {
    Fixtures.write(
        tmp,
        "other.yaml",
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: tool, namespace: ops}
        """);
    Cli.Result r = Cli.run("matrix", "-f", tmp.toString(), "--port", "80", "-n", "ops");
    assertThat(r.out()).endsWith("\n1 ops/tool -\n");

    Cli.Result none = Cli.run("matrix", "-f", tmp.toString(), "--port", "80", "-n", "nope");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).isEqualTo("error: no pods to tabulate in [nope]\n");
  }

  @Test
  void tierTableOfTheThreeTierSample() {
    Cli.Result web = Cli.run("matrix", "--tiers", "-f", THREE_TIER.toString(), "--port", "8080");
    Cli.Result db = Cli.run("matrix", "--tiers", "-f", THREE_TIER.toString(), "--port", "5432");

    assertThat(web.exitCode()).as(web.toString()).isZero();
    assertThat(web.out())
        .isEqualTo(
            """
        # AppSegmentation production/three-tier: one pod per tier
        port 8080/TCP: Y = allowed, . = denied; rows are sources, columns destinations
                              1 2 3
        1 production/frontend . Y .
        2 production/backend  . . .
        3 production/database . . .
        """);
    assertThat(db.out())
        .endsWith(
            """
        1 production/frontend . . .
        2 production/backend  . . Y
        3 production/database . . .
        """);
  }

  @Test
  void tierTableAcrossNamespacesAsJson() throws IOException {
    Cli.Result r =
        Cli.run(
            "matrix",
            "--tiers",
            "-f",
            Samples.named("03-cross-namespace.yaml").toString(),
            "--port",
            "80",
            "-o",
            "json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<TierMatrix> tables = JSON.readValue(r.out(), new TypeReference<>() {});
    assertThat(tables)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.segmentation()).isEqualTo("frontend/chain");
              assertThat(t.matrix().pods())
                  .containsExactly(
                      Endpoint.parse("frontend/frontend"),
                      Endpoint.parse("backend/backend"),
                      Endpoint.parse("db/db"));
              assertThat(t.matrix().allowed())
                  .isDeepEqualTo(
                      new boolean[][] {
                        {false, true, false}, {false, false, true}, {false, false, false}
                      });
            });
  }

  private static final String SHOP =
      """
      apiVersion: appseg.io/v1alpha1
      kind: AppSegmentation
      metadata: {name: shop, namespace: shop}
      spec:
        tiers:
          - name: web
            podSelector:
              matchLabels: {app: shop}
              matchExpressions:
                - {key: tier, operator: In, values: [web, edge]}
                - {key: canary, operator: DoesNotExist}
            ports: [{name: http, port: 8080}]
          - name: api
            podSelector:
              matchExpressions:
                - {key: tier, operator: Exists}
                - {key: tier, operator: NotIn, values: [web, any]}
            ports: [{port: grpc}]
        flows:
          - {from: {tier: web}, to: {tier: api}}
          - {from: {tier: api}, to: {tier: api}}
      """;

  @Test
  void tierPodsSatisfyMatchExpressionsAndTheDiagonalIsTwoPodsOfATier() throws IOException {
    Path shop = Fixtures.write(tmp, "shop.yaml", SHOP);

    Cli.Result grpc = Cli.run("matrix", "--tiers", "-f", shop.toString(), "--port", "grpc");

    assertThat(grpc.exitCode()).as(grpc.toString()).isZero();
    assertThat(grpc.out())
        .endsWith(
            """
        1 shop/web . Y
        2 shop/api . Y
        """);
    assertThat(grpc.err())
        .isEqualTo("note: shop/shop: shop/web has no TCP container port named 'grpc'\n");
    // A numeric query stands for the named tier port (the pod's grpc port gets that number); web
    // serves 8080.
    assertThat(Cli.run("matrix", "--tiers", "-f", shop.toString(), "--port", "8080").out())
        .endsWith(
            """
        1 shop/web . Y
        2 shop/api . Y
        """);
    assertThat(Cli.run("matrix", "--tiers", "-f", shop.toString(), "--port", "9090").out())
        .endsWith(
            """
        1 shop/web . Y
        2 shop/api . Y
        """);
  }

  @Test
  void selectorsNoPodCanMatchAreAnError() throws IOException {
    Path bad =
        Fixtures.write(
            tmp,
            "bad.yaml",
            SHOP.replace("operator: DoesNotExist", "operator: Exists")
                .replace("{app: shop}", "{app: shop, canary: 'no'}")
                .replace("values: [web, edge]", "values: [edge]")
                .replace(
                    "key: canary, operator: Exists", "key: tier, operator: NotIn, values: [edge]"));

    Cli.Result r = Cli.run("matrix", "--tiers", "-f", bad.toString(), "--port", "80");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "error: AppSegmentation shop/shop: tier web: no pod can match its podSelector: "
                + "label tier has no value that every requirement accepts\n");
    Cli.assertNoStackTrace(r);
  }

  @Test
  void tiersNeedAnAppSegmentationAndNoLiveCluster() {
    Cli.Result none = Cli.run("matrix", "--tiers", "-f", in.pods().toString(), "--port", "80");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err())
        .endsWith(
            "error: no AppSegmentation found in the input (--tiers tabulates "
                + "AppSegmentations)\n");

    Cli.Result live =
        Cli.run("matrix", "--tiers", "--live", "-f", THREE_TIER.toString(), "--port", "80");
    assertThat(live.exitCode()).isEqualTo(2);
    assertThat(live.err())
        .startsWith(
            "--tiers reads AppSegmentations from files only; it takes neither --live nor -n");
  }
}
