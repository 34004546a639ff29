package io.appseg.operator.events;

import io.appseg.operator.status.Reason;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events (core/v1) on an AppSegmentation. Callers emit only on change (a new write, a
 * new problem), so quiet reconciles emit nothing. Two reconciles can still see the same change (the
 * second one before the first one's status patch reached the cache): an event identical to the last
 * one on the same object within {@link #REPEAT_WINDOW} is therefore recorded once, as Kubernetes'
 * own event correlator folds repeats. A failed event write is logged, never fails the reconcile.
 * The source component is the operator's one name, {@link Labels#MANAGER}, as in its managed-by
 * label and field manager.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);
  private static final int REMEMBERED = 4096;
  private final Consumer<Event> sink;
  private final Map<String, Last> last =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Last> eldest) {
          return size() > REMEMBERED;
        }
      };

  private record Last(String message, Instant at) {}

  private final Clock clock;
  private final String instance;

  /**
   * @param sink where built events go: the API server in production, a list in unit tests
   */
  public EventRecorder(Consumer<Event> sink, Clock clock, String instance) {
    this.sink = sink;
    this.clock = clock;
    this.instance = instance == null ? Labels.MANAGER : instance;
  }

  /** Events written to the API server. */
  public static EventRecorder of(KubernetesClient client, Clock clock, String instance) {
    return new EventRecorder(event -> create(client, event), clock, instance);
  }

  public void record(HasMetadata about, EventReason reason, String message) {
    emit(about, reason.warning() ? "Warning" : "Normal", reason.name(), message);
  }

  /** A Warning naming the reason the Ready condition now gives. */
  public void problem(HasMetadata about, Reason reason, String message) {
    emit(about, "Warning", reason.name(), message);
  }

  private void emit(HasMetadata about, String type, String reason, String message) {
    if (repeated(about, reason, message)) {
      return;
    }
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String ns = about.getMetadata().getNamespace();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(
                about.getMetadata().getName()
                    + "."
                    + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT))
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(about.getApiVersion())
                    .withKind(about.getKind())
                    .withNamespace(ns)
                    .withName(about.getMetadata().getName())
                    .withUid(about.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(truncate(message))
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(Labels.MANAGER)
            .endSource()
            .withReportingComponent(Labels.MANAGER)
            .withReportingInstance(instance)
            .build();
    sink.accept(event);
  }

  private synchronized boolean repeated(HasMetadata about, String reason, String message) {
    String key = about.getMetadata().getUid() + "/" + about.getMetadata().getName() + "/" + reason;
    Instant at = clock.instant();
    Last before = last.get(key);
    if (before != null
        && before.message().equals(message)
        && before.at().plus(REPEAT_WINDOW).isAfter(at)) {
      return true;
    }
    last.put(key, new Last(message, at));
    return false;
  }

  private static void create(KubernetesClient client, Event event) {
    try {
      client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not record event {} on {}: {}",
          event.getReason(),
          event.getInvolvedObject().getName(),
          e.getMessage());
    }
  }

  private static String truncate(String message) {
    return message.length() <= 1024 ? message : message.substring(0, 1021) + "...";
  }
}
