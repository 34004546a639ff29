package io.appseg.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the control-plane binaries when they are missing, by running hack/setup-kube-apiserver.sh (shipped
 * inside the jar) with bash: Debian packages and Debian's Kubernetes source, about 5 minutes once, then cached.
 */
public final class SetupScript {
  static final String RESOURCE = "/appseg/hack/setup-kube-apiserver.sh";

  /** Runs the setup script for {@code binaries}'s cache directory; its summary goes to {@code out}. */
  public static void run(ControlPlaneBinaries binaries, PrintWriter out) throws IOException, InterruptedException {
    Path script = Files.createTempFile("setup-kube-apiserver", ".sh");
    try (InputStream in = SetupScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the jar does not contain " + RESOURCE + "; rebuild it with mvn package");
      }
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
      pb.environment().put("APPSEG_KUBE_DIR", binaries.testDir().toString());
      Process process = pb.start();
      process.getInputStream().transferTo(new java.io.OutputStream() {
        @Override
        public void write(int b) {
          out.write(b);
          if (b == '\n') {
            out.flush();
          }
        }
      });
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IOException("setup-kube-apiserver.sh failed with exit code " + exit);
      }
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private SetupScript() {}
}
