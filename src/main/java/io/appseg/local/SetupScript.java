package io.appseg.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Builds the control-plane binaries when they are missing, by running hack/setup-kube-apiserver.sh
 * (shipped inside the jar with the wrapper module it completes) with bash: Kubernetes and etcd from
 * Go modules, once, then cached.
 */
public final class SetupScript {
  static final String SCRIPT = "setup-kube-apiserver.sh";
  static final List<String> RESOURCES = List.of(SCRIPT, "control-plane/go.mod");
  private static final String PREFIX = "/appseg/hack/";
  private static final Duration PROGRESS_PERIOD = Duration.ofMinutes(1);

  /**
   * Runs the setup script, extracted into {@code scratch}, for {@code binaries}'s cache directory;
   * its progress lines go to {@code out}.
   */
  public static void run(ControlPlaneBinaries binaries, Path scratch, PrintWriter out)
      throws IOException, InterruptedException {
    Path hack = scratch.resolve("hack");
    try {
      for (String name : RESOURCES) {
        extract(name, hack.resolve(name));
      }
      ProcessBuilder pb =
          new ProcessBuilder("bash", hack.resolve(SCRIPT).toString()).redirectErrorStream(true);
      pb.environment().put("APPSEG_KUBE_DIR", binaries.testDir().toString());
      Process process = pb.start();
      try (Progress progress = new Progress(out, "building the control plane", PROGRESS_PERIOD)) {
        process
            .getInputStream()
            .transferTo(
                new OutputStream() {
                  @Override
                  public void write(int b) {
                    out.write(b);
                    if (b == '\n') {
                      out.flush();
                    }
                  }
                });
      }
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IOException(SCRIPT + " failed with exit code " + exit);
      }
    } finally {
      Cleanup.deleteRecursively(hack);
    }
  }

  private static void extract(String name, Path target) throws IOException {
    try (InputStream in = SetupScript.class.getResourceAsStream(PREFIX + name)) {
      if (in == null) {
        throw new IOException(
            "the jar does not contain " + PREFIX + name + "; rebuild it with mvn package");
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private SetupScript() {}
}
