package io.appseg.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kube-controller-manager as a child process. kube-api-test starts only etcd and the API server, so
 * without it nothing garbage-collects ownerReferences or finishes namespace deletion.
 */
public final class ControllerManager implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ControllerManager(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts it against the admin kubeconfig; secure port 0 = it serves nothing, so nothing binds
   * beyond loopback.
   */
  public static ControllerManager start(Path binary, Path kubeconfig, Path log) throws IOException {
    List<String> command =
        List.of(
            binary.toString(),
            "--kubeconfig=" + kubeconfig,
            "--controllers=garbagecollector,namespace",
            "--leader-elect=false",
            "--use-service-account-credentials=false",
            "--secure-port=0");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
    return new ControllerManager(process, log);
  }

  /** Fails fast with the log location if the process died (e.g. a bad flag). */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "kube-controller-manager exited with " + process.exitValue() + "; see " + log);
    }
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
