package io.appseg.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A real Kubernetes 1.20 control plane on loopback: etcd + kube-apiserver (via fabric8 kube-api-test) and
 * kube-controller-manager (garbage collector, namespace controller). Start one per test class, e.g. with
 * {@link RealKubeApi}; {@link #close()} stops everything.
 */
public final class KubeControlPlane implements AutoCloseable {

  /** Keeps the API server on loopback; 1.20 still has the insecure port flag, make sure it stays off. */
  private static final List<String> BASE_API_SERVER_FLAGS = List.of(
      "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1", "--insecure-port", "0");

  private final KubeAPIServer apiServer;
  private final Path workDir;
  private final Path kubeconfig;
  private final KubernetesClient client;
  private final List<KubernetesClient> otherClients = new ArrayList<>();
  private ControllerManager controllerManager;
  private boolean closed;

  private KubeControlPlane(KubeAPIServer apiServer, Path workDir) {
    this.apiServer = apiServer;
    this.workDir = workDir;
    this.kubeconfig = writeKubeconfig(workDir, apiServer.getKubeConfigYaml());
    this.client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml())).build();
  }

  /** Starts API server and controller manager, with the project's CRD installed in between. */
  public static KubeControlPlane start() {
    return start(List.of(ProjectFiles.appSegmentationCrd()), List.of());
  }

  /**
   * Starts the control plane. CRDs are installed before kube-controller-manager starts, so its garbage
   * collector discovers them at once (it re-discovers new resources only every 30 s).
   */
  public static KubeControlPlane start(List<Path> crds, List<String> extraApiServerFlags) {
    ControlPlaneBinaries binaries = ControlPlaneBinaries.locate().requireInstalled();
    Path workDir = ProjectFiles.newWorkDir();
    KubeAPIServer apiServer = startApiServer(binaries, extraApiServerFlags);
    KubeControlPlane plane;
    try {
      plane = new KubeControlPlane(apiServer, workDir);
    } catch (RuntimeException e) {
      stopAfterFailedStart(apiServer, e);
      throw e;
    }
    try {
      crds.forEach(plane::installCrd);
      plane.startControllerManager(binaries);
      return plane;
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  private static KubeAPIServer startApiServer(ControlPlaneBinaries binaries, List<String> extraFlags) {
    List<String> flags = new ArrayList<>(BASE_API_SERVER_FLAGS);
    flags.addAll(extraFlags);
    KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(binaries.testDir().toString())
        .withApiServerVersion(ControlPlaneBinaries.VERSION)
        .withOfflineMode(true)
        .withApiServerFlags(flags)
        .build());
    try {
      server.start();
      return server;
    } catch (RuntimeException e) {
      IllegalStateException failure = new IllegalStateException("kube-apiserver " + ControlPlaneBinaries.VERSION
          + " from " + binaries.binDir() + " did not start: " + e.getMessage() + ". Its and etcd's output is in"
          + " the test output (target/failsafe-reports/*-output.txt). If the binaries are broken or stale, "
          + ControlPlaneBinaries.SETUP_HINT + ".", e);
      stopAfterFailedStart(server, failure);
      throw failure;
    }
  }

  /** kube-api-test may already have stopped itself (a process died): a second stop must not hide the cause. */
  private static void stopAfterFailedStart(KubeAPIServer server, Exception failure) {
    try {
      server.stop();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private void startControllerManager(ControlPlaneBinaries binaries) {
    try {
      controllerManager = ControllerManager.start(binaries.binary("kube-controller-manager"), kubeconfig,
          workDir.resolve("kube-controller-manager.log"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start kube-controller-manager; " + ControlPlaneBinaries.SETUP_HINT, e);
    }
  }

  private static Path writeKubeconfig(Path dir, String yaml) {
    try {
      return Files.writeString(dir.resolve("kubeconfig.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Client authenticated as cluster admin (system:masters). */
  public KubernetesClient client() {
    return client;
  }

  public String kubeConfigYaml() {
    return apiServer.getKubeConfigYaml();
  }

  /** The admin kubeconfig as a file, for child processes (kubectl, an operator jar). */
  public Path kubeconfigFile() {
    return kubeconfig;
  }

  /** Directory for this control plane's files (kubeconfig, controller-manager log), under target/kube-it. */
  public Path workDir() {
    return workDir;
  }

  public Kubectl kubectl() {
    return new Kubectl(kubeconfig, workDir);
  }

  public Namespace createNamespace(String name) {
    return createNamespace(name, Map.of());
  }

  /** Creates a namespace with the kubernetes.io/metadata.name label and the given annotations. */
  public Namespace createNamespace(String name, Map<String, String> annotations) {
    return Namespaces.create(client, name, annotations);
  }

  /** Creates a namespace named {@code prefix-<n>}, unique in this JVM; returns its name. */
  public String createUniqueNamespace(String prefix) {
    return createNamespace(Namespaces.uniqueName(prefix)).getMetadata().getName();
  }

  public CustomResourceDefinition installCrd(Path file) {
    return Crds.install(client, file);
  }

  /**
   * A client authenticated only by a token of {@code namespace/name} (created if missing), for RBAC tests:
   * it has exactly the permissions bound to that ServiceAccount. Closed with the control plane.
   */
  public KubernetesClient serviceAccountClient(String namespace, String name) {
    KubernetesClient saClient = ServiceAccounts.tokenClient(client, namespace, name);
    otherClients.add(saClient);
    return saClient;
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
    otherClients.forEach(KubernetesClient::close);
    client.close();
    stopControllerManager();
    apiServer.stop();
  }

  private void stopControllerManager() {
    if (controllerManager == null) {
      return;
    }
    try {
      controllerManager.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
