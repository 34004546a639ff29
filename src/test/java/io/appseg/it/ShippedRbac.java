package io.appseg.it;

import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** config/rbac as shipped, and a client acting as its ServiceAccount. */
final class ShippedRbac {
  static final String SYSTEM_NS = "appseg-system";
  static final String SA = "appseg-operator";

  /**
   * Installs config/rbac (namespaced objects into appseg-system, as kustomize does) and returns a
   * client holding a TokenRequest token of the ServiceAccount.
   */
  static KubernetesClient install(KubeControlPlane kube) {
    KubernetesClient admin = kube.client();
    if (admin.namespaces().withName(SYSTEM_NS).get() == null) {
      kube.createNamespace(SYSTEM_NS);
    }
    for (Path file : Samples.yamlFiles(ProjectFiles.root().resolve("config/rbac"))) {
      apply(admin, file);
    }
    return kube.serviceAccountClient(SYSTEM_NS, SA);
  }

  private static void apply(KubernetesClient admin, Path file) {
    if (file.getFileName().toString().equals("kustomization.yaml")) {
      return;
    }
    try (InputStream in = Files.newInputStream(file)) {
      for (HasMetadata item : admin.load(in).items()) {
        if (item instanceof Namespaced) {
          item.getMetadata().setNamespace(SYSTEM_NS);
        }
        admin.resource(item).serverSideApply();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ShippedRbac() {}
}
