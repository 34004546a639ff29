package io.appseg.it.bench;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.it.AppSegmentations;
import io.appseg.operator.events.EventReason;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.status.Outcome;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The operator's protocol sent by a bare client: per app, each policy's dry run and its server-side
 * apply, one status apply (the status the operator writes for a reconciled plan) and one event,
 * from as many threads as the operator reconciles with, step by step. What the API server spends on
 * these requests is what the operator's converge cannot go below; the rest is the operator's own.
 */
final class ProtocolFloor {
  private static final String MANAGER = "bench-protocol";
  private static final PatchContext STATUS_APPLY =
      new PatchContext.Builder()
          .withPatchType(PatchType.SERVER_SIDE_APPLY)
          .withFieldManager(MANAGER)
          .withForce(true)
          .build();

  private final KubernetesClient client;
  private final int threads;
  private final Planner planner = new Planner(PlanDefaults.STANDARD);
  private final StatusFactory statuses = new StatusFactory(Clock.systemUTC());
  private final EventRecorder events;

  ProtocolFloor(KubernetesClient client, int threads) {
    this.client = client;
    this.threads = threads;
    this.events = EventRecorder.of(client, Clock.systemUTC(), MANAGER);
  }

  /**
   * The protocol's steps for {@code apps} (which exist and have none of their policies yet), in the
   * operator's order, each over all apps before the next so that each is measured apart.
   */
  List<Step> steps(List<AppSegmentation> apps) {
    return List.of(
        new Step("dry runs", () -> eachPolicy(apps, this::dryRun)),
        new Step("applies", () -> eachPolicy(apps, this::apply)),
        new Step("status applies", () -> Parallel.each(threads, apps, this::status)),
        new Step("events", () -> Parallel.each(threads, apps, this::event)));
  }

  /** One step of the protocol, over every app. */
  record Step(String name, Runnable work) {}

  /** Deletes what the steps wrote (the apps go with their policies' owner references). */
  void clean(List<AppSegmentation> apps) {
    eachPolicy(apps, np -> client.resource(np).delete());
  }

  private void eachPolicy(List<AppSegmentation> apps, Consumer<NetworkPolicy> request) {
    Parallel.each(threads, apps, app -> plan(app).policies().forEach(request));
  }

  private void dryRun(NetworkPolicy np) {
    client.resource(np).dryRun().fieldManager(MANAGER).serverSideApply();
  }

  private void apply(NetworkPolicy np) {
    client.resource(np).fieldManager(MANAGER).serverSideApply();
  }

  private void status(AppSegmentation app) {
    AppSegmentation status = new AppSegmentation();
    status.setMetadata(
        new ObjectMetaBuilder()
            .withName(app.getMetadata().getName())
            .withNamespace(app.getMetadata().getNamespace())
            .build());
    status.setStatus(statuses.build(app, Outcome.reconciled(plan(app))));
    AppSegmentations.typed(client)
        .resource(status)
        .subresource("status")
        .patch(STATUS_APPLY, status);
  }

  private void event(AppSegmentation app) {
    events.record(
        app, EventReason.Applied, plan(app).policies().size() + " NetworkPolicies applied");
  }

  private Plan plan(AppSegmentation app) {
    try {
      return planner.plan(app);
    } catch (InvalidSpecException e) {
      throw new IllegalStateException("generated app is invalid: " + e.getMessage(), e);
    }
  }
}
