package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.apply.ApplyResult;
import io.appseg.operator.apply.PlanDifference;
import io.appseg.operator.apply.PolicyApply;
import io.appseg.operator.status.Outcome;
import io.appseg.plan.Plan;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The apply step as a stub: the check before writes, then a canned answer (or a failure), the plans
 * that passed the check, no cluster.
 */
final class FakePolicyApply implements PolicyApply {
  private final Supplier<ApplyResult> answer;
  final List<Plan> plans = new ArrayList<>();
  final List<AppSegmentation> removed = new ArrayList<>();
  final List<String> withdrawn = new ArrayList<>();

  /** What {@link #preview} answers: by default, that the plan is in place. */
  PlanDifference difference = PlanDifference.none();

  FakePolicyApply(Supplier<ApplyResult> answer) {
    this.answer = answer;
  }

  static FakePolicyApply answering(ApplyResult result) {
    return new FakePolicyApply(() -> result);
  }

  static FakePolicyApply failing(RuntimeException e) {
    return new FakePolicyApply(
        () -> {
          throw e;
        });
  }

  @Override
  public ApplyResult apply(AppSegmentation seg, Plan plan, BeforeWrites before) {
    Optional<Outcome> held = before.check();
    if (held.isPresent()) {
      return new ApplyResult.Held(held.get());
    }
    plans.add(plan);
    return answer.get();
  }

  @Override
  public PlanDifference preview(AppSegmentation seg, Plan plan) {
    return difference;
  }

  @Override
  public void withdraw(AppSegmentation seg, Collection<String> namespaces) {
    withdrawn.addAll(namespaces);
  }

  @Override
  public void remove(AppSegmentation seg) {
    removed.add(seg);
  }

  @Override
  public List<NetworkPolicy> policiesIn(Collection<String> namespaces) {
    throw new UnsupportedOperationException("the unit tier's context comes from FixedContext");
  }

  @Override
  public EventSource<NetworkPolicy, AppSegmentation> eventSource(
      EventSourceContext<AppSegmentation> ctx,
      BiConsumer<String, Set<ResourceID>> namespaceChanged) {
    throw new UnsupportedOperationException("the unit tier starts no informers");
  }
}
