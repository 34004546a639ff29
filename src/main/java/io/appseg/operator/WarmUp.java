package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.PlanVerifier;
import io.appseg.verify.WorstCaseSpecs;
import io.appseg.verify.WorstCaseSpecs.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The ladder's pure steps (plan, self-check, judgement in context) run once at start-up on small
 * built-in examples, on a fresh install only: there the first app would otherwise pay a cold JVM
 * (bench/warm-up.md: the first worst-case plan, check and judgement took half as long after it).
 * With apps in the cache their own first reconciles (or a standby's preparation) warm the same
 * code, and a restart must not pay for it. Its own planner, verifier and check: nothing the
 * reconciler keeps (verified plans, conclusions) is touched, and nothing is written.
 */
final class WarmUp {
  /**
   * Tiers and flows kept of each shape: more took little more off the first worst-case app for
   * their cost (bench/warm-up.md).
   */
  static final int ENTRIES = 10;

  /** The shapes whose code paths differ: IP blocks with holes, and namespace and pod selectors. */
  private static final List<Shape> SHAPES = List.of(Shape.CIDRS, Shape.SELECTORS);

  /** How a warm-up ended. */
  enum Status {
    /** Every step ran. */
    FINISHED,
    /** An app arrived or the operator closed: its reconcile needs the CPU. */
    STOPPED,
    /** The cache held apps at start. */
    SKIPPED
  }

  /** How it ended, after how many steps (three per example), in how long. */
  record Result(Status status, int steps, long millis) {}

  private final Planner planner;
  private final PlanVerifier verifier;
  private final ContextCheck check;

  WarmUp(PlanDefaults defaults) {
    this.planner = new Planner(defaults);
    this.verifier = new PlanVerifier(defaults);
    this.check = new ContextCheck(defaults);
  }

  /**
   * Runs the warm-up if {@code apps} counts none in the cache, stopping before the next step once
   * it counts one or {@code closing} holds.
   */
  Result atStart(IntSupplier apps, BooleanSupplier closing) {
    if (apps.getAsInt() > 0) {
      return new Result(Status.SKIPPED, 0, 0);
    }
    return run(() -> apps.getAsInt() == 0 && !closing.getAsBoolean());
  }

  /** Every step on every example while {@code proceed} holds before it. */
  Result run(BooleanSupplier proceed) {
    long start = System.nanoTime();
    int steps = 0;
    for (AppSegmentation example : examples()) {
      AtomicReference<Plan> plan = new AtomicReference<>();
      List<Runnable> ladder =
          List.of(
              () -> plan.set(plan(example)),
              () -> verifier.verify(example, plan.get()),
              () -> check.check(example, plan.get(), Cluster.empty()));
      for (Runnable step : ladder) {
        if (!proceed.getAsBoolean()) {
          return new Result(Status.STOPPED, steps, since(start));
        }
        step.run();
        steps++;
      }
    }
    return new Result(Status.FINISHED, steps, since(start));
  }

  /**
   * The first {@value #ENTRIES} tiers and flows of each shape: the same rules, a fraction of the
   * work.
   */
  static List<AppSegmentation> examples() {
    List<AppSegmentation> examples = new ArrayList<>();
    for (Shape shape : SHAPES) {
      AppSegmentation seg = WorstCaseSpecs.of(shape);
      // Flow f goes from tier f: the first flows name only the tiers kept.
      seg.getSpec().setTiers(first(seg.getSpec().getTiers()));
      seg.getSpec().setFlows(first(seg.getSpec().getFlows()));
      examples.add(seg);
    }
    return examples;
  }

  private static <T> List<T> first(List<T> items) {
    return new ArrayList<>(items.subList(0, Math.min(ENTRIES, items.size())));
  }

  private Plan plan(AppSegmentation example) {
    try {
      return planner.plan(example);
    } catch (InvalidSpecException e) {
      throw new IllegalStateException(
          "the built-in warm-up example is invalid: " + e.getMessage(), e);
    }
  }

  private static long since(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
