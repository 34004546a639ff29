package io.appseg.bench;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.verify.PlanVerifier;
import io.appseg.verify.VerificationResult;
import io.appseg.verify.WorstCaseSpecs;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the operator's self-check costs per reconcile: plan plus verify, for a small sample, the largest sample
 * (zero trust), a generated 20-tier app over 3 namespaces, and the specs at the CRD's bounds
 * ({@link WorstCaseSpecs}). Run from the project directory (samples are read
 * from samples/), see src/jmh/RESULTS.md for the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlanVerifierBenchmark {
  @Param({"15-frontend-backend-basic", "05-zero-trust-production", "generated-20-tiers", "worst-CIDRS",
      "worst-MESH", "worst-SELECTORS", "worst-TANGLED"})
  public String app;

  private final Planner planner = new Planner(PlanDefaults.STANDARD);
  private final PlanVerifier verifier = new PlanVerifier(PlanDefaults.STANDARD);
  private AppSegmentation seg;

  @Setup
  public void load() throws IOException, InvalidSpecException {
    seg = app.startsWith("generated") ? generated(20, 3)
        : app.startsWith("worst-") ? WorstCaseSpecs.of(WorstCaseSpecs.Shape.valueOf(app.substring(6)))
        : new YAMLMapper().readValue(new File("samples/" + app + ".yaml"), AppSegmentation.class);
    VerificationResult check = verifier.verify(seg, planner.plan(seg));
    // The tangled spec is refused before any question: its score is the cost of that refusal.
    if (!check.ok() && !(app.equals("worst-TANGLED") && check.tooComplex())) {
      throw new IllegalStateException(app + " does not verify: " + check.summary(3));
    }
  }

  @Benchmark
  public Plan planOnly() throws InvalidSpecException {
    return planner.plan(seg);
  }

  @Benchmark
  public VerificationResult planAndVerify() throws InvalidSpecException {
    return verifier.verify(seg, planner.plan(seg));
  }

  /** A chain of {@code tiers} tiers spread over {@code namespaces} namespaces, each calling the next two. */
  static AppSegmentation generated(int tiers, int namespaces) {
    List<Tier> list = new ArrayList<>();
    List<Flow> flows = new ArrayList<>();
    for (int i = 0; i < tiers; i++) {
      Tier t = new Tier();
      t.setName("t" + i);
      t.setNamespace("bench-" + (i % namespaces));
      t.setPodSelector(new LabelSelectorBuilder().addToMatchLabels("tier", "t" + i).build());
      t.setPorts(List.of(new PortSpec(new IntOrString(8000 + i), null, Protocol.TCP)));
      list.add(t);
      for (int next = i + 1; next <= i + 2 && next < tiers; next++) {
        flows.add(new Flow(Endpoint.tier("t" + i), Endpoint.tier("t" + next), null));
      }
    }
    AppSegmentation seg = new AppSegmentation();
    seg.setMetadata(new ObjectMetaBuilder().withName("bench").withNamespace("bench-0").build());
    AppSegmentationSpec spec = new AppSegmentationSpec();
    spec.setTiers(list);
    spec.setFlows(flows);
    seg.setSpec(spec);
    return seg;
  }
}
