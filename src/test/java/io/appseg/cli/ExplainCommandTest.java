package io.appseg.cli;

import static io.appseg.cli.Fixtures.THREE_TIER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.ManifestLoader;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.Verdict;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appseg explain} in-process over files and a mock API server: verdicts, explanations, JSON,
 * --expect.
 */
@EnableKubernetesMockClient(crud = true)
class ExplainCommandTest {
  KubernetesClient client;
  @TempDir Path tmp;
  Fixtures.Files in;

  @BeforeEach
  void files() throws IOException {
    in = Fixtures.Files.writeTo(tmp);
  }

  private Cli.Result explain(String from, String to, String port, String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("explain", "--from", from, "--to", to, "--port", port));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void allowedNamesTheAdmittingRuleOnTheIsolatedSideAndTheOpenSide() {
    Cli.Result r =
        explain(
            "production/api",
            "production/db",
            "5432",
            "-f",
            in.pods().toString(),
            "-f",
            in.dbPolicy().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        ALLOWED production/api -> production/db:5432/TCP
        egress from production/api: allowed
          not isolated: no NetworkPolicy of namespace production selects it for Egress
        ingress to production/db: allowed
          isolated by production/db-from-api
          admitted by production/db-from-api ingress[0] from[1] ports[0]
        """);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void deniedSaysNoRuleAdmitsIt() {
    Cli.Result r =
        explain(
            "production/web",
            "production/db",
            "5432",
            "-f",
            in.pods().toString(),
            "-f",
            in.dbPolicy().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith("DENIED production/web -> production/db:5432/TCP\n")
        .endsWith(
            """
            ingress to production/db: denied
              isolated by production/db-from-api
              no ingress rule of these policies admits it
            """);
  }

  @Test
  void whatIfRendersTheAppSegmentationOnTopOfTheFilesAndReplacesPoliciesOfTheSameName()
      throws IOException {
    // A hand-written policy with the name the planner gives the database tier's policy, admitting
    // everyone:
    // the rendered one replaces it, as the operator would.
    Fixtures.write(
        tmp,
        "stale.yaml",
        Fixtures.DB_POLICY
            .replace("db-from-api", "three-tier.database")
            .replace(
                "ingress:\n    - from: [", "ingress:\n    - from: [{namespaceSelector: {}}, "));

    Cli.Result r =
        explain(
            "production/web",
            "production/db",
            "5432",
            "-f",
            tmp.toString(),
            "-f",
            THREE_TIER.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        DENIED production/web -> production/db:5432/TCP
        egress from production/web: denied
          isolated by production/three-tier.default-deny, production/three-tier.frontend
          no egress rule of these policies admits it
        ingress to production/db: denied
          isolated by production/db-from-api, production/three-tier.database, production/three-tier.default-deny
          no ingress rule of these policies admits it
        """);
    assertThat(r.err())
        .isEqualTo(
            "note: "
                + THREE_TIER
                + ": what-if: AppSegmentation production/three-tier adds 4 NetworkPolicies\n");
  }

  @Test
  void whatIfAllowsTheDeclaredFlowByANamedPort() {
    Cli.Result r =
        explain(
            "production/api",
            "production/db",
            "postgres",
            "-f",
            THREE_TIER.toString(),
            "-f",
            in.pods().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        ALLOWED production/api -> production/db:postgres/TCP (container port 5432)
        egress from production/api: allowed
          isolated by production/three-tier.backend, production/three-tier.default-deny
          admitted by production/three-tier.backend egress[0] to[0] ports[0]
        ingress to production/db: allowed
          isolated by production/three-tier.database, production/three-tier.default-deny
          admitted by production/three-tier.database ingress[0] from[0] ports[0]
        """);
  }

  @Test
  void externalAddressesAreNotGovernedAndUdpIsAskedSeparately() {
    Cli.Result r =
        explain(
            "production/web",
            "203.0.113.7",
            "53",
            "--protocol",
            "udp",
            "-f",
            THREE_TIER.toString(),
            "-f",
            in.pods().toString());

    assertThat(r.out())
        .isEqualTo(
            """
        DENIED production/web -> 203.0.113.7:53/UDP
        egress from production/web: denied
          isolated by production/three-tier.default-deny, production/three-tier.frontend
          no egress rule of these policies admits it
        ingress to 203.0.113.7: allowed
          an external address: no NetworkPolicy applies to it
        """);
  }

  @Test
  void jsonIsTheEvaluatorsVerdictAndReadsBack() throws IOException {
    Cli.Result r =
        explain(
            "production/web",
            "production/api",
            "http",
            "-o",
            "json",
            "-f",
            THREE_TIER.toString(),
            "-f",
            in.pods().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    ObjectMapper json = JsonMapper.builder().build();
    Verdict parsed = json.readValue(r.out(), Verdict.class);
    Cluster cluster =
        ManifestLoader.load(List.of(in.pods()))
            .cluster()
            .withPolicies(Samples.plan(THREE_TIER).policies());
    Connection question =
        new Connection(
            Endpoint.parse("production/web"),
            Endpoint.parse("production/api"),
            io.appseg.netpol.Port.named("http"),
            io.appseg.netpol.Protocol.TCP);
    assertThat(parsed).isEqualTo(NetworkPolicyEvaluator.evaluate(cluster, question));
    assertThat(parsed.allowed()).isTrue();
    assertThat(parsed.ingress().admittedBy()).hasSize(1);
  }

  @Test
  void expectSetsTheExitCodeForCi() {
    String[] files = {"-f", THREE_TIER.toString(), "-f", in.pods().toString()};
    assertThat(
            explain(
                    "production/web",
                    "production/api",
                    "8080",
                    concat(files, "--expect", "allowed"))
                .exitCode())
        .isZero();
    assertThat(
            explain("production/web", "production/db", "5432", concat(files, "--expect", "denied"))
                .exitCode())
        .isZero();

    Cli.Result wrong =
        explain("production/web", "production/db", "5432", concat(files, "--expect", "allowed"));
    assertThat(wrong.exitCode()).isEqualTo(3);
    assertThat(wrong.out()).startsWith("DENIED ");
    assertThat(wrong.err())
        .endsWith(
            "expectation failed: expected ALLOWED, but "
                + "production/web -> production/db:5432/TCP is DENIED\n");

    Cli.Result wrongJson =
        explain(
            "production/web",
            "production/api",
            "8080",
            concat(files, "--expect", "DENIED", "-o", "json"));
    assertThat(wrongJson.exitCode()).isEqualTo(3);
    assertThat(wrongJson.out()).contains("\"decision\" : \"ALLOWED\"");
  }

  private static String[] concat(String[] a, String... b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
        .toArray(String[]::new);
  }

  @Test
  void userMistakesAreOneLineEachWithExitOne() {
    String f = in.pods().toString();
    assertError(
        explain("production/nope", "production/db", "5432", "-f", f),
        "error: unknown pod production/nope\n");
    assertError(
        explain("production/web", "production/db", "http", "-f", f),
        "error: pod production/db has no TCP container port named 'http'\n");
    assertError(
        explain("production/web", "10.0.0.300", "80", "-f", f),
        "error: --to 10.0.0.300: '10.0.0.300' is not an IP address (expected NAMESPACE/POD or an IP)\n");
    assertError(
        explain("production/web", "production/db", "70000", "-f", f),
        "error: --port 70000: port 70000 is outside 1-65535\n");
    assertError(
        explain(
            "production/web", "production/db", "80", "-f", tmp.resolve("missing.yaml").toString()),
        "error: " + tmp.resolve("missing.yaml") + ": no such file or directory\n");
  }

  @Test
  void invalidManifestsAndAppSegmentationsAreReportedWithTheirFile() throws IOException {
    Path bad =
        Fixtures.write(
            tmp,
            "bad.yaml",
            Fixtures.DB_POLICY.replace(
                "ports: [{port: 5432}]", "ports: [{port: 5432, protocol: HTTP}]"));
    Cli.Result r =
        explain(
            "production/api",
            "production/db",
            "5432",
            "-f",
            in.pods().toString(),
            "-f",
            bad.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + bad
                + ": NetworkPolicy production/db-from-api: "
                + "spec.ingress[0].ports[0].protocol: 'HTTP' is not TCP, UDP or SCTP\n");
    assertThat(r.out()).isEmpty();
    Cli.assertNoStackTrace(r);

    Path seg =
        Fixtures.write(
            tmp,
            "seg.yaml",
            "apiVersion: appseg.io/v1alpha1\nkind: AppSegmentation\n"
                + "metadata: {name: x}\nspec: {tierz: []}\n");
    Cli.Result s =
        explain(
            "production/api",
            "production/db",
            "5432",
            "-f",
            in.pods().toString(),
            "-f",
            seg.toString());
    assertThat(s.exitCode()).isEqualTo(1);
    assertThat(s.err())
        .startsWith("error: " + seg + ": spec.tierz: unknown field \"tierz\"")
        .endsWith("error: 1 invalid AppSegmentation(s); nothing evaluated\n");
  }

  private static void assertError(Cli.Result r, String err) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).isEqualTo(err);
    assertThat(r.out()).isEmpty();
    Cli.assertNoStackTrace(r);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(Cli.run("explain", "--from", "a/b", "--to", "a/c", "--port", "80").exitCode())
        .isEqualTo(2);
    assertThat(explain("a/b", "a/c", "80", "-f", in.pods().toString(), "-n", "a").err())
        .contains("-n limits what --live reads; it needs --live");
    assertThat(explain("a/b", "a/c", "80", "-f", in.pods().toString(), "--context", "x").exitCode())
        .isEqualTo(2);
    assertThat(
            explain("a/b", "a/c", "80", "-f", in.pods().toString(), "--protocol", "ICMP")
                .exitCode())
        .isEqualTo(2);
  }

  private Path seedLiveCluster() throws IOException {
    for (String yaml : List.of(Fixtures.PODS, Fixtures.DB_POLICY)) {
      for (HasMetadata o :
          client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
        client.resource(o).create();
      }
    }
    return Cli.kubeconfig(tmp, client.getConfiguration());
  }

  @Test
  void liveReadsTheClusterThroughTheGivenKubeconfigAndContext() throws IOException {
    Path kubeconfig = seedLiveCluster();

    Cli.Result r =
        explain(
            "production/api",
            "production/db",
            "postgres",
            "--live",
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            "mock",
            "-n",
            "production");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        ALLOWED production/api -> production/db:postgres/TCP (container port 5432)
        egress from production/api: allowed
          not isolated: no NetworkPolicy of namespace production selects it for Egress
        ingress to production/db: allowed
          isolated by production/db-from-api
          admitted by production/db-from-api ingress[0] from[1] ports[0]
        """);
  }

  @Test
  void liveWithAnAppSegmentationFromAFileIsAWhatIf() throws IOException {
    Path kubeconfig = seedLiveCluster();
    String[] live = {"--live", "--kubeconfig", kubeconfig.toString(), "--context", "mock"};

    assertThat(explain("production/web", "production/api", "8080", live).out())
        .startsWith("ALLOWED ");
    Cli.Result r =
        explain(
            "production/web",
            "production/api",
            "8080",
            concat(live, "-f", THREE_TIER.toString(), "--expect", "allowed"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("admitted by production/three-tier.frontend egress[0] to[0] ports[0]");
    Cli.Result denied =
        explain(
            "production/api", "production/web", "8080", concat(live, "-f", THREE_TIER.toString()));
    assertThat(denied.out()).startsWith("DENIED ");
  }

  @Test
  void liveRefusesPodsFromFilesAndUnknownNamespaces() throws IOException {
    Path kubeconfig = seedLiveCluster();
    String[] live = {"--live", "--kubeconfig", kubeconfig.toString(), "--context", "mock"};

    Cli.Result pods =
        explain(
            "production/api", "production/db", "5432", concat(live, "-f", in.pods().toString()));
    assertThat(pods.exitCode()).isEqualTo(1);
    assertThat(pods.err())
        .hasLineCount(4)
        .startsWith(
            "error: "
                + in.pods()
                + " (document 1): Namespace in a file: "
                + "with --live, pods and namespaces come from the cluster; files may add NetworkPolicies and AppSegmentations");

    assertError(
        explain("production/api", "production/db", "5432", concat(live, "-n", "nope")),
        "error: namespace nope not found (server "
            + client.getConfiguration().getMasterUrl()
            + ")\n");
    assertError(
        explain(
            "production/api",
            "production/db",
            "5432",
            "--live",
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            "mock2"),
        "error: context mock2 not found in " + kubeconfig + "\n");
    assertError(
        explain("production/api", "production/db", "5432", "--live", "--kubeconfig", tmp + "/none"),
        "error: " + tmp + "/none: no such kubeconfig file\n");
  }
}
