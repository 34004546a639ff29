package io.appseg.local;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes control plane on loopback: etcd + kube-apiserver (started by fabric8
 * kube-api-test from the cached binaries, offline) and kube-controller-manager (garbage collector
 * and namespace controller, which kube-api-test does not start). {@link #close()} stops everything.
 */
public final class LocalControlPlane implements AutoCloseable {

  /**
   * Keeps the API server on loopback. A loopback advertise address is refused by the endpoint
   * reconciler (it publishes the address as the kubernetes Service's endpoint, for pods), and no
   * pod runs here: turn it off.
   */
  private static final List<String> BASE_API_SERVER_FLAGS =
      List.of(
          "--bind-address",
          "127.0.0.1",
          "--advertise-address",
          "127.0.0.1",
          "--endpoint-reconciler-type",
          "none");

  /** The field manager of what {@code appseg local} and the test tier apply. */
  public static final String FIELD_MANAGER = "appseg-local";

  private final KubeAPIServer apiServer;
  private final ControlPlaneBinaries binaries;
  private final Path workDir;
  private final Path kubeconfig;
  private final KubernetesClient client;
  private ControllerManager controllerManager;
  private boolean closed;

  private LocalControlPlane(KubeAPIServer apiServer, ControlPlaneBinaries binaries, Path workDir) {
    this.apiServer = apiServer;
    this.binaries = binaries;
    this.workDir = workDir;
    this.kubeconfig = write(workDir.resolve("kubeconfig.yaml"), apiServer.getKubeConfigYaml());
    this.client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
            .build();
  }

  /**
   * Starts the control plane in {@code workDir}. CRDs are installed before kube-controller-manager
   * starts, so its garbage collector discovers them at once (it re-discovers new resources only
   * every 30 s).
   */
  public static LocalControlPlane start(
      ControlPlaneBinaries binaries,
      Path workDir,
      List<InputStream> crds,
      List<String> extraApiServerFlags) {
    binaries.requireInstalled();
    KubeAPIServer apiServer = startApiServer(binaries, extraApiServerFlags);
    LocalControlPlane plane;
    try {
      plane = new LocalControlPlane(apiServer, binaries, workDir);
    } catch (RuntimeException e) {
      stopAfterFailedStart(apiServer, e);
      throw e;
    }
    try {
      crds.forEach(plane::installCrd);
      plane.controllerManager =
          ControllerManager.start(
              binaries.binary("kube-controller-manager"),
              plane.kubeconfig,
              workDir.resolve("kube-controller-manager.log"));
      return plane;
    } catch (IOException | RuntimeException e) {
      plane.close();
      throw new IllegalStateException("cannot start the control plane: " + e.getMessage(), e);
    }
  }

  private static KubeAPIServer startApiServer(
      ControlPlaneBinaries binaries, List<String> extraFlags) {
    List<String> flags = new ArrayList<>(BASE_API_SERVER_FLAGS);
    flags.addAll(extraFlags);
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(binaries.testDir().toString())
                .withApiServerVersion(ControlPlaneBinaries.VERSION)
                .withOfflineMode(true)
                .withApiServerFlags(flags)
                .build());
    try {
      server.start();
      return server;
    } catch (RuntimeException e) {
      IllegalStateException failure =
          new IllegalStateException(
              "kube-apiserver "
                  + ControlPlaneBinaries.VERSION
                  + " from "
                  + binaries.binDir()
                  + " did not start: "
                  + e.getMessage()
                  + ". If the binaries are broken or "
                  + "stale, "
                  + ControlPlaneBinaries.SETUP_HINT
                  + ".",
              e);
      stopAfterFailedStart(server, failure);
      throw failure;
    }
  }

  /**
   * kube-api-test may already have stopped itself (a process died): a second stop must not hide the
   * cause.
   */
  private static void stopAfterFailedStart(KubeAPIServer server, Exception failure) {
    try {
      server.stop();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Server-side applies the CRD (as {@code kubectl apply --server-side} would) and returns it once
   * the API server serves it (Established).
   */
  public CustomResourceDefinition installCrd(InputStream yaml) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition crd = crds.load(yaml).item();
    crds.resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    return crds.withName(crd.getMetadata().getName())
        .waitUntilCondition(LocalControlPlane::isEstablished, 30, TimeUnit.SECONDS);
  }

  public static boolean isEstablished(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Client authenticated as cluster admin (system:masters). */
  public KubernetesClient client() {
    return client;
  }

  public String kubeConfigYaml() {
    return apiServer.getKubeConfigYaml();
  }

  /** The admin kubeconfig as a file, for kubectl and other processes. */
  public Path kubeconfigFile() {
    return kubeconfig;
  }

  /** The kubectl built with this control plane (same release, so no version-skew warning). */
  public Path kubectlBinary() {
    return binaries.binary("kubectl");
  }

  public Path workDir() {
    return workDir;
  }

  /** Throws if kube-controller-manager has died, pointing at its log. */
  public void requireControllerManagerAlive() {
    controllerManager.requireAlive();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    client.close();
    if (controllerManager != null) {
      try {
        controllerManager.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    apiServer.stop();
  }

  private static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
