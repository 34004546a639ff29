package io.appseg.it;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test namespaces; the API server itself labels each with its name (kubernetes.io/metadata.name).
 */
public final class Namespaces {

  /** Selectors (ours and NetworkPolicies') match namespaces by this label. */
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Namespaces() {}

  public static Namespace create(
      KubernetesClient client, String name, Map<String, String> annotations) {
    Namespace ns =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(name)
            .addToAnnotations(annotations)
            .endMetadata()
            .build();
    return client.namespaces().resource(ns).create();
  }

  /** A name unique within this JVM, so tests sharing a control plane do not collide. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + COUNTER.incrementAndGet();
  }
}
