package io.appseg.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where hack/setup-kube-apiserver.sh caches the control plane, in kube-api-test's layout ({@code
 * <dir>/k8s/<version>-linux-amd64/}). Used by the real-API test tier (which fails loudly when they
 * are missing: a test that silently skips proves nothing) and by {@code appseg local}.
 */
public final class ControlPlaneBinaries {

  /**
   * Kubernetes release of the control plane: hack/setup-kube-apiserver.sh KUBE_VERSION (a test
   * keeps them equal).
   */
  public static final String VERSION = "1.37.2";

  public static final String SETUP_HINT =
      "run hack/setup-kube-apiserver.sh (or `mvn -B verify`, which runs it)";
  private static final List<String> REQUIRED =
      List.of("kube-apiserver", "kube-controller-manager", "etcd", "kubectl");

  private final Path testDir;

  private ControlPlaneBinaries(Path testDir) {
    this.testDir = testDir;
  }

  /**
   * The cache dir: system property appseg.kube.test.dir (set by failsafe), else APPSEG_KUBE_DIR,
   * else default.
   */
  public static ControlPlaneBinaries locate() {
    String dir = System.getProperty("appseg.kube.test.dir", System.getenv("APPSEG_KUBE_DIR"));
    if (dir == null || dir.isBlank()) {
      dir = Path.of(System.getProperty("user.home"), ".cache", "appseg", "kubeapitest").toString();
    }
    return at(Path.of(dir));
  }

  public static ControlPlaneBinaries at(Path testDir) {
    return new ControlPlaneBinaries(testDir);
  }

  public Path testDir() {
    return testDir;
  }

  public Path binDir() {
    return testDir.resolve("k8s").resolve(VERSION + "-linux-amd64");
  }

  public Path binary(String name) {
    return binDir().resolve(name);
  }

  public boolean isInstalled() {
    return REQUIRED.stream().allMatch(b -> Files.isExecutable(binary(b)));
  }

  /**
   * Throws with the fix when a binary is missing, instead of letting kube-api-test try a download.
   */
  public ControlPlaneBinaries requireInstalled() {
    List<String> missing = REQUIRED.stream().filter(b -> !Files.isExecutable(binary(b))).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Kubernetes "
              + VERSION
              + " control-plane binaries missing in "
              + binDir()
              + ": "
              + missing
              + ". To fix: "
              + SETUP_HINT
              + ".");
    }
    return this;
  }
}
