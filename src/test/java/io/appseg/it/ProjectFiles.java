package io.appseg.it;

import io.appseg.api.v1alpha1.CrdConstants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the checkout; failsafe sets basedir, an IDE run uses the working directory. */
public final class ProjectFiles {

  private ProjectFiles() {}

  public static Path root() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  }

  /** The committed CRD (crds/), i.e. what users install, not the freshly generated copy. */
  public static Path appSegmentationCrd() {
    return root().resolve("crds").resolve(CrdConstants.CRD_FILE);
  }

  /** A fresh directory under target/kube-it for one control plane's kubeconfig and logs. */
  static Path newWorkDir() {
    try {
      Path parent = Files.createDirectories(root().resolve("target").resolve("kube-it"));
      return Files.createTempDirectory(parent, "control-plane-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
