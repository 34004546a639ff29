package io.appseg.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repeats of one event on one object are folded, as Kubernetes' event correlator does. */
class EventRecorderTest {
  private final List<Event> sent = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final EventRecorder events =
      new EventRecorder(
          sent::add,
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          },
          null);

  @Test
  void anIdenticalEventOnTheSameObjectWithinTheWindowIsRecordedOnce() {
    events.record(app("a", "1"), EventReason.Exposed, "x is open");
    events.record(app("a", "1"), EventReason.Exposed, "x is open");
    assertThat(sent).hasSize(1);

    events.record(app("a", "1"), EventReason.Exposed, "y is open");
    events.record(app("b", "2"), EventReason.Exposed, "y is open");
    events.record(app("a", "1"), EventReason.Applied, "y is open");
    assertThat(sent).as("another message, object or reason").hasSize(4);

    now = now.plus(EventRecorder.REPEAT_WINDOW);
    events.record(app("a", "1"), EventReason.Applied, "y is open");
    assertThat(sent).as("after the window").hasSize(5);
  }

  private static AppSegmentation app(String name, String uid) {
    AppSegmentation seg = new AppSegmentation();
    seg.setMetadata(
        new ObjectMetaBuilder().withNamespace("ns").withName(name).withUid(uid).build());
    return seg;
  }
}
