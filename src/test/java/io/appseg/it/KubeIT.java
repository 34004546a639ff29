package io.appseg.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;

/**
 * Optional base class for *IT classes: one {@link KubeControlPlane} per class, as static fields.
 * Annotate the subclass with its own {@link RealKubeApi} to change the settings (e.g. {@code
 * installCrd = false}).
 */
@RealKubeApi
public abstract class KubeIT {

  protected static KubeControlPlane kube;
  protected static KubernetesClient client;

  @BeforeAll
  static void connectToControlPlane(KubeControlPlane plane) {
    kube = plane;
    client = plane.client();
  }
}
