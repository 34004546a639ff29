package io.appseg.it;

import static org.awaitility.Awaitility.await;

import io.appseg.local.LocalControlPlane;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Installs CRDs the way the README tells users to (server-side apply of the YAML) and waits until
 * the API server serves them.
 */
public final class Crds {

  private static final Duration ESTABLISHED_TIMEOUT = Duration.ofSeconds(30);

  private Crds() {}

  /**
   * Server-side applies the CRD in {@code file} and returns it once its Established condition is
   * True.
   */
  public static CustomResourceDefinition install(KubernetesClient client, Path file) {
    CustomResourceDefinition crd = load(client, file);
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(crd)
        .fieldManager(LocalControlPlane.FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
    return awaitEstablished(client, crd.getMetadata().getName());
  }

  public static CustomResourceDefinition awaitEstablished(KubernetesClient client, String name) {
    var crds = client.apiextensions().v1().customResourceDefinitions().withName(name);
    await("CRD " + name + " Established")
        .atMost(ESTABLISHED_TIMEOUT)
        .until(() -> isEstablished(crds.get()));
    return crds.get();
  }

  static boolean isEstablished(CustomResourceDefinition crd) {
    return LocalControlPlane.isEstablished(crd);
  }

  private static CustomResourceDefinition load(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.apiextensions().v1().customResourceDefinitions().load(in).item();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD " + file, e);
    }
  }
}
