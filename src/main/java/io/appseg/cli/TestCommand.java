package io.appseg.cli;

import io.appseg.api.v1alpha1.Tier;
import io.appseg.diff.World;
import io.appseg.diff.WorldBuilder;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.InvalidInputException;
import io.appseg.plan.PlanDefaults;
import io.appseg.text.Escape;
import io.appseg.verify.PlanVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appseg test}: a file of expected connections, all answered in one process. The cluster is
 * the manifests (or the live cluster) with the AppSegmentations rendered on top, as for {@code
 * explain}; each AppSegmentation also brings the self-check's synthesized pods, so tiers and peers
 * need no real pods.
 *
 * <pre>
 * $ appseg test -f samples/expectations/01-three-tier.yaml -f samples/01-three-tier.yaml
 * 8 expectations: 8 passed, 0 failed
 * </pre>
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Check ConnectivityExpectations (allowed or denied connections) against the policies.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every expectation held",
      "1:invalid input (errors on stderr)",
      "2:usage error",
      "3:some expectation failed"
    })
public final class TestCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Mixin ClusterOptions input;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write the outcomes as JUnit XML here.")
  Path junit;

  @Override
  public Integer call() {
    input.validate();
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    long start = System.nanoTime();
    try {
      byte[] stdin = Stdin.once(input.inputs).readAllBytes();
      List<ExpectationRunner.Outcome> outcomes = run(stdin, err);
      long failed = outcomes.stream().filter(o -> !o.passed()).count();
      outcomes.stream()
          .filter(o -> !o.passed())
          .forEach(
              o ->
                  out.println(
                      "FAIL "
                          + Escape.visible(o.expectation().where())
                          + ": "
                          + Escape.visible(o.failure())));
      out.printf(
          "%d expectations: %d passed, %d failed%n",
          outcomes.size(), outcomes.size() - failed, failed);
      out.flush();
      if (junit != null) {
        JunitReport.write(junit, outcomes, (System.nanoTime() - start) / 1e9);
      }
      return failed > 0 ? 3 : 0;
    } catch (InputException e) {
      e.print(err);
      return 1;
    } catch (InvalidInputException e) {
      new InputException(e.problems()).print(err);
      return 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
  }

  private List<ExpectationRunner.Outcome> run(byte[] stdin, PrintWriter err) throws InputException {
    List<Document> expectationDocs = new ArrayList<>();
    List<Document> segmentations = new ArrayList<>();
    ClusterOptions manifests = manifests(stdin, expectationDocs, segmentations);
    List<Expectation> expectations = ExpectationsReader.read(expectationDocs);
    if (expectations.isEmpty()) {
      throw new InputException(
          "no expectations in the input (a " + ExpectationsReader.KIND + " document)");
    }
    Cluster cluster = ClusterInput.load(manifests, new ByteArrayInputStream(stdin), err);
    WorldBuilder world = new WorldBuilder().context(cluster);
    Map<String, ExpectationRunner.TierPlace> tiers = new LinkedHashMap<>();
    PlanVerifier verifier = new PlanVerifier(PlanDefaults.STANDARD);
    // ClusterInput has reported any invalid AppSegmentation already
    for (Segmentations.Planned p : Segmentations.plan(segmentations, "default", silent()).valid()) {
      world.population(verifier.population(p.segmentation()));
      for (Tier t : p.segmentation().getSpec().getTiers()) {
        tiers.put(
            p.plan().segName() + "/" + t.getName(),
            new ExpectationRunner.TierPlace(t.namespaceOr(p.plan().segNamespace()), t));
      }
    }
    World built = world.build();
    ExpectationRunner runner =
        new ExpectationRunner(built, built.cluster(cluster.policies()), tiers);
    List<String> unresolved = runner.unresolved(expectations);
    if (!unresolved.isEmpty()) {
      throw new InputException(unresolved);
    }
    return expectations.stream().map(runner::run).toList();
  }

  /**
   * The inputs without the files that hold only expectations, for {@link ClusterInput}; the
   * expectation and AppSegmentation documents of every input are collected on the way.
   */
  private ClusterOptions manifests(
      byte[] stdin, List<Document> expectations, List<Document> segmentations)
      throws InputException {
    ClusterOptions manifests = new ClusterOptions();
    manifests.live = input.live;
    manifests.kubeconfig = input.kubeconfig;
    manifests.context = input.context;
    manifests.namespaces = input.namespaces;
    for (String path : input.inputs) {
      List<Document> documents =
          new InputReader(new ByteArrayInputStream(stdin)).read(List.of(path));
      documents.stream().filter(ExpectationsReader::isExpectations).forEach(expectations::add);
      documents.stream().filter(SegmentationLoader::isSegmentation).forEach(segmentations::add);
      if (!documents.stream().allMatch(ExpectationsReader::isExpectations)) {
        manifests.inputs.add(path);
      }
    }
    return manifests;
  }

  private static PrintWriter silent() {
    return new PrintWriter(new StringWriter());
  }
}
