package io.appseg.cli;

import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.Decision;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.Verdict;
import io.appseg.text.Escape;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code appseg explain}: is one connection allowed, and why? Answers from NetworkPolicy semantics
 * alone ({@code io.appseg.netpol}), over manifests, a live cluster, or either with AppSegmentations
 * rendered on top.
 *
 * <pre>
 * $ appseg explain -f samples/01-three-tier.yaml -f pods.yaml --from production/web --to production/db --port 5432
 * DENIED production/web -&gt; production/db:5432/TCP
 * egress from production/web: denied
 *   isolated by production/three-tier.default-deny, production/three-tier.frontend
 *   no egress rule of these policies admits it
 * ingress to production/db: denied
 *   isolated by production/three-tier.database, production/three-tier.default-deny
 *   no ingress rule of these policies admits it
 * </pre>
 *
 * Each side names the policies that select its pod for that direction (it is then isolated) and
 * every rule that admits the connection as {@code policy egress[rule] to[peer] ports[port]}. {@code
 * --expect allowed|denied} turns the answer into an exit code for CI: 0 when it matches, 3 when it
 * does not.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Say whether one connection is allowed by the NetworkPolicies, and which policies and rules decide.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:answered (and as --expect said)",
      "1:invalid input (errors on stderr)",
      "2:usage error",
      "3:the verdict is not what --expect said"
    })
public final class ExplainCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  enum Expectation {
    allowed,
    denied
  }

  @Spec CommandSpec command;

  @Mixin ClusterOptions input;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "NS/POD|IP",
      description = "The source: a pod or an IP.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "NS/POD|IP",
      description = "The destination: a pod or an IP.")
  String to;

  @Mixin PortOptions query;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text (default) or json (the Verdict).")
  Format format;

  @Option(
      names = "--expect",
      paramLabel = "allowed|denied",
      description = "Exit 3, with a one-line message, unless the verdict is this.")
  Expectation expect;

  @Override
  public Integer call() {
    input.validate();
    if (!input.live && !input.namespaces.isEmpty()) {
      throw new ParameterException(
          command.commandLine(), "-n limits what --live reads; it needs --live");
    }
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    try {
      Connection connection = connection();
      Cluster cluster = ClusterInput.load(input, System.in, err);
      Verdict verdict = evaluate(cluster, connection);
      if (format == Format.json) {
        JsonOutput.print(out, verdict);
      } else {
        VerdictText.lines(verdict, cluster).forEach(out::println);
      }
      out.flush();
      return checkExpectation(verdict, err);
    } catch (InputException e) {
      e.print(err);
      return 1;
    }
  }

  private Connection connection() throws InputException {
    return new Connection(
        endpoint("--from", from), endpoint("--to", to), query.port(), query.protocol);
  }

  private static Endpoint endpoint(String option, String text) throws InputException {
    try {
      return Endpoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InputException(
          option
              + " "
              + Escape.visible(text)
              + ": "
              + e.getMessage()
              + " (expected NAMESPACE/POD or an IP)");
    }
  }

  /**
   * The evaluator refuses unknown pods and named ports the destination lacks: user mistakes, not
   * bugs.
   */
  private static Verdict evaluate(Cluster cluster, Connection connection) throws InputException {
    try {
      return NetworkPolicyEvaluator.evaluate(cluster, connection);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage() + knownPods(cluster));
    }
  }

  private static String knownPods(Cluster cluster) {
    return cluster.pods().isEmpty() ? " (the input holds no pods)" : "";
  }

  private int checkExpectation(Verdict verdict, PrintWriter err) {
    if (expect == null) {
      return 0;
    }
    Decision wanted = expect == Expectation.allowed ? Decision.ALLOWED : Decision.DENIED;
    if (verdict.decision() == wanted) {
      return 0;
    }
    err.printf(
        "expectation failed: expected %s, but %s is %s%n",
        wanted, verdict.connection(), verdict.decision());
    err.flush();
    return 3;
  }
}
