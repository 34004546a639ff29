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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  private Path kubeconfig;
  private KubernetesClient client;
  private ControllerManager controllerManager;
  private boolean closed;
  private final Set<Long> expectedStops = ConcurrentHashMap.newKeySet();

  private LocalControlPlane(
      ControlPlaneBinaries binaries, Path workDir, List<String> extraApiServerFlags) {
    List<String> flags = new ArrayList<>(BASE_API_SERVER_FLAGS);
    flags.addAll(extraApiServerFlags);
    this.apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(binaries.testDir().toString())
                .withApiServerVersion(ControlPlaneBinaries.VERSION)
                .withOfflineMode(true)
                .withApiServerFlags(flags)
                .build()) {
          /** kube-api-test stops everything, etcd's data included, when one process dies. */
          @Override
          public void processStopped(Process process) {
            if (!expectedStops.remove(process.pid())) {
              super.processStopped(process);
            }
          }
        };
    this.binaries = binaries;
    this.workDir = workDir;
  }

  /**
   * A control plane in {@code workDir} with nothing started yet, so that whoever must stop it (a
   * shutdown hook) holds it before the first process exists; {@link #start} starts it.
   */
  public static LocalControlPlane prepare(
      ControlPlaneBinaries binaries, Path workDir, List<String> extraApiServerFlags) {
    binaries.requireInstalled();
    return new LocalControlPlane(binaries, workDir, extraApiServerFlags);
  }

  /** {@link #prepare} and {@link #start}; stopped again when the start fails. */
  public static LocalControlPlane start(
      ControlPlaneBinaries binaries,
      Path workDir,
      List<InputStream> crds,
      List<String> extraApiServerFlags) {
    LocalControlPlane plane = prepare(binaries, workDir, extraApiServerFlags);
    plane.start(crds);
    return plane;
  }

  /**
   * Starts etcd and kube-apiserver, installs {@code crds}, then starts kube-controller-manager.
   * CRDs come first so its garbage collector discovers them at once (it re-discovers new resources
   * only every 30 s). A failed start stops what did start.
   */
  public void start(List<InputStream> crds) {
    try {
      startApiServer();
      kubeconfig = write(workDir.resolve("kubeconfig.yaml"), apiServer.getKubeConfigYaml());
      client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
              .build();
      crds.forEach(this::installCrd);
      controllerManager =
          ControllerManager.start(
              binaries.binary("kube-controller-manager"),
              kubeconfig,
              workDir.resolve("kube-controller-manager.log"));
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof ApiServerFailure f
          ? f
          : new IllegalStateException("cannot start the control plane: " + e.getMessage(), e);
    }
  }

  private void startApiServer() {
    try {
      apiServer.start();
    } catch (RuntimeException e) {
      throw new ApiServerFailure(
          "kube-apiserver "
              + ControlPlaneBinaries.VERSION
              + " from "
              + binaries.binDir()
              + " did not start: "
              + e.getMessage()
              + ". If the binaries are broken or stale, "
              + ControlPlaneBinaries.SETUP_HINT
              + ".",
          e);
    }
  }

  /** kube-apiserver or etcd did not come up: the message says what to do. */
  private static final class ApiServerFailure extends IllegalStateException {
    ApiServerFailure(String message, Throwable cause) {
      super(message, cause);
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

  /**
   * Declares that process {@code pid} of this control plane (kube-apiserver) is about to be killed
   * on purpose, to be started again by the caller: its exit then leaves etcd and its data running.
   * The fault tests restart the API server this way.
   */
  public void expectStop(long pid) {
    expectedStops.add(pid);
  }

  /** Throws if kube-controller-manager has died, pointing at its log. */
  public void requireControllerManagerAlive() {
    controllerManager.requireAlive();
  }

  /**
   * Stops kube-controller-manager, kube-apiserver and etcd and removes etcd's data, whatever was
   * started; safe to call again, and from a shutdown hook while {@link #start} runs. A second stop
   * inside kube-api-test (a process it saw die, or nothing started yet) must not hide the rest.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (client != null) {
      client.close();
    }
    if (controllerManager != null) {
      try {
        controllerManager.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      apiServer.stop();
    } catch (RuntimeException e) {
      // nothing was started, or kube-api-test already stopped itself after a process died
    }
  }

  private static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
