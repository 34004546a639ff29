package io.appseg.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events (core/v1) on an AppSegmentation. Callers emit only on change (a new write, a new problem), so
 * quiet reconciles emit nothing. A failed event write is logged, never fails the reconcile.
 */
public final class EventRecorder {
  public static final String COMPONENT = "appseg-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;

  public EventRecorder(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance == null ? COMPONENT : instance;
  }

  public void normal(HasMetadata about, String reason, String message) {
    emit(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    emit(about, "Warning", reason, message);
  }

  private void emit(HasMetadata about, String type, String reason, String message) {
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String ns = about.getMetadata().getNamespace();
    Event event = new EventBuilder()
        .withNewMetadata().withNamespace(ns)
        .withName(about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT))
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(about.getApiVersion()).withKind(about.getKind())
            .withNamespace(ns).withName(about.getMetadata().getName()).withUid(about.getMetadata().getUid()).build())
        .withType(type).withReason(reason).withMessage(truncate(message))
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT).withReportingInstance(instance)
        .build();
    try {
      client.v1().events().inNamespace(ns).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}: {}", reason, about.getMetadata().getName(), e.getMessage());
    }
  }

  private static String truncate(String message) {
    return message.length() <= 1024 ? message : message.substring(0, 1021) + "...";
  }
}
