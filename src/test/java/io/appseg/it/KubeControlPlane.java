package io.appseg.it;

import static org.awaitility.Awaitility.await;

import io.appseg.it.bench.ProcStats;
import io.appseg.local.ControlPlaneBinaries;
import io.appseg.local.LocalControlPlane;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The test tier's view of a real Kubernetes control plane ({@link LocalControlPlane}: etcd,
 * kube-apiserver, kube-controller-manager on loopback), with helpers for namespaces, CRDs, kubectl
 * and ServiceAccount clients. Start one per test class, e.g. with {@link RealKubeApi}; {@link
 * #close()} stops everything.
 */
public final class KubeControlPlane implements AutoCloseable {

  private final LocalControlPlane plane;
  private final List<KubernetesClient> otherClients = new ArrayList<>();
  private Process restartedApiServer;

  private KubeControlPlane(LocalControlPlane plane) {
    this.plane = plane;
  }

  /** Starts API server and controller manager, with the project's CRD installed in between. */
  public static KubeControlPlane start() {
    return start(List.of(ProjectFiles.appSegmentationCrd()), List.of());
  }

  /**
   * Starts the control plane with the given CRD files installed before the controller manager
   * starts.
   */
  public static KubeControlPlane start(List<Path> crds, List<String> extraApiServerFlags) {
    List<InputStream> streams = new ArrayList<>();
    try {
      for (Path crd : crds) {
        streams.add(Files.newInputStream(crd));
      }
      return new KubeControlPlane(
          LocalControlPlane.start(
              ControlPlaneBinaries.locate(),
              ProjectFiles.newWorkDir(),
              streams,
              extraApiServerFlags));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      streams.forEach(KubeControlPlane::closeQuietly);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // read-only stream of a local file: nothing to recover
    }
  }

  /** Client authenticated as cluster admin (system:masters). */
  public KubernetesClient client() {
    return plane.client();
  }

  public String kubeConfigYaml() {
    return plane.kubeConfigYaml();
  }

  /** The admin kubeconfig as a file, for child processes (kubectl, an operator jar). */
  public Path kubeconfigFile() {
    return plane.kubeconfigFile();
  }

  /**
   * Directory for this control plane's files (kubeconfig, controller-manager log), under
   * target/kube-it.
   */
  public Path workDir() {
    return plane.workDir();
  }

  public Kubectl kubectl() {
    return new Kubectl(plane.kubeconfigFile(), plane.workDir());
  }

  public Namespace createNamespace(String name) {
    return createNamespace(name, Map.of());
  }

  /**
   * Creates a namespace with the given annotations (the server adds its kubernetes.io/metadata.name
   * label).
   */
  public Namespace createNamespace(String name, Map<String, String> annotations) {
    return Namespaces.create(client(), name, annotations);
  }

  /** Creates a namespace named {@code prefix-<n>}, unique in this JVM; returns its name. */
  public String createUniqueNamespace(String prefix) {
    return createNamespace(Namespaces.uniqueName(prefix)).getMetadata().getName();
  }

  public CustomResourceDefinition installCrd(Path file) {
    return Crds.install(client(), file);
  }

  /**
   * A client authenticated only by a token of {@code namespace/name} (created if missing), for RBAC
   * tests: it has exactly the permissions bound to that ServiceAccount. Closed with the control
   * plane.
   */
  public KubernetesClient serviceAccountClient(String namespace, String name) {
    KubernetesClient saClient = ServiceAccounts.tokenClient(client(), namespace, name);
    otherClients.add(saClient);
    return saClient;
  }

  /** Throws if kube-controller-manager has died, pointing at its log. */
  public void requireControllerManagerAlive() {
    plane.requireControllerManagerAlive();
  }

  /**
   * Kills kube-apiserver with SIGKILL, runs {@code whileDown}, then starts the same binary with the
   * same flags: the same port, certificates and etcd, so every client reconnects to the same
   * address and finds its data. Returns once the new server is ready.
   */
  public synchronized void restartApiServer(Runnable whileDown) {
    long pid = apiServerPid();
    List<String> command = ProcStats.commandLine(pid);
    plane.expectStop(pid);
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    server.destroyForcibly();
    server.onExit().join();
    whileDown.run();
    try {
      restartedApiServer =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(
                      workDir().resolve("kube-apiserver-restarted.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart " + command.get(0), e);
    }
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(this::apiServerReady);
  }

  /**
   * Freezes etcd with SIGSTOP (the API server stays up, and its requests hang until they time out),
   * runs {@code whilePaused}, then resumes it with SIGCONT.
   */
  public void pauseEtcd(Runnable whilePaused) {
    long etcd = etcdPid();
    signal(etcd, "STOP");
    try {
      whilePaused.run();
    } finally {
      signal(etcd, "CONT");
    }
  }

  private boolean apiServerReady() {
    return "ok".equals(client().raw(client().getMasterUrl() + "readyz"));
  }

  private long apiServerPid() {
    String port = Integer.toString(client().getMasterUrl().getPort());
    return ProcStats.find("kube-apiserver", port)
        .orElseThrow(() -> new IllegalStateException("no kube-apiserver on port " + port));
  }

  /**
   * The etcd serving the port of the API server's {@code --etcd-servers} (kube-api-test's etcd
   * wrapper runs the binary etcd-server on 127.0.0.1, whatever address the URL says).
   */
  private long etcdPid() {
    List<String> server = ProcStats.commandLine(apiServerPid());
    String url = server.get(server.indexOf("--etcd-servers") + 1);
    String port = url.substring(url.lastIndexOf(':'));
    return ProcStats.find(
            args ->
                !args.isEmpty()
                    && Path.of(args.get(0)).getFileName().toString().startsWith("etcd")
                    && args.contains("--listen-client-urls")
                    && args.get(args.indexOf("--listen-client-urls") + 1).endsWith(port))
        .orElseThrow(() -> new IllegalStateException("no etcd serving " + url));
  }

  private static void signal(long pid, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    otherClients.forEach(KubernetesClient::close);
    otherClients.clear();
    if (restartedApiServer != null) {
      restartedApiServer.destroyForcibly();
      restartedApiServer.onExit().join();
    }
    plane.close();
  }
}
