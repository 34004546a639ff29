package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationStatus;
import io.appseg.cli.Mutations.Mutation;
import io.appseg.operator.status.Outcome;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Isolation;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.plan.SpecError;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The operator's side of every {@link Mutations mutation}: a document the API server could hand
 * over (it reads as JSON into the resource type, as the informer reads it) goes through the very
 * planner the reconciler calls. It is planned or refused with {@link InvalidSpecException}, never a
 * crash (which JOSDK would retry forever); every error names a field path, and the status the
 * reconciler writes for it is {@code Stalled/InvalidSpec} with that path in the message.
 */
class OperatorValidationProperties {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final Planner PLANNER = new Planner(PlanDefaults.STANDARD);
  private static final StatusFactory STATUS = new StatusFactory(Clock.systemUTC());

  @Property(tries = 3000)
  void everyReadableSpecIsPlannedOrStalledAsInvalidWithAFieldPath(@ForAll("mutations") Mutation m) {
    List<Document> documents;
    try {
      documents = InputReader.parse(m.target().sample(), Mutations.text(m));
    } catch (InputException e) {
      return; // not YAML kubectl would send: it never reaches the API server
    }
    for (Document d : documents) {
      AppSegmentation seg = asTheInformerReadsIt(d.content());
      if (seg != null) {
        assertPlannedOrStalled(m, seg);
      }
    }
  }

  /** Null where the API server's schema refuses the shape (the informer never sees it). */
  private static AppSegmentation asTheInformerReadsIt(Map<String, Object> content) {
    AppSegmentation seg;
    try {
      seg = JSON.convertValue(content, AppSegmentation.class);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (seg.getMetadata() == null) {
      seg.setMetadata(new ObjectMeta());
    }
    if (seg.getMetadata().getName() == null) {
      seg.getMetadata().setName("mutated");
    }
    if (seg.getMetadata().getNamespace() == null) {
      seg.getMetadata().setNamespace("default");
    }
    seg.getMetadata().setGeneration(2L);
    return seg;
  }

  private static void assertPlannedOrStalled(Mutation m, AppSegmentation seg) {
    try {
      PLANNER.plan(seg, Map.of(), Isolation.NONE);
    } catch (InvalidSpecException e) {
      List<SpecError> errors = e.errors();
      assertThat(errors).as(m.toString()).isNotEmpty();
      assertThat(errors).as(m.toString()).allMatch(err -> !err.path().isBlank());
      AppSegmentationStatus status = STATUS.build(seg, Outcome.invalidSpec(errors));
      var stalled = StatusFactory.find(status, StatusFactory.STALLED);
      assertThat(stalled.getStatus()).as(m.toString()).isEqualTo(StatusFactory.TRUE);
      assertThat(stalled.getReason()).as(m.toString()).isEqualTo("InvalidSpec");
      assertThat(stalled.getMessage()).as(m.toString()).contains(errors.get(0).path());
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Mutations.all();
  }
}
