package io.appseg.api;

import io.appseg.api.v1alpha1.CrdConstants;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the CRD lives: the committed copy users apply, and the one the build just generated. */
public final class CrdFiles {
  public static final Path COMMITTED = Path.of("crds", CrdConstants.CRD_FILE);
  public static final Path GENERATED =
      Path.of("target", "classes", "META-INF", "fabric8", CrdConstants.CRD_FILE);

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CustomResourceDefinition load(Path file) {
    return Serialization.unmarshal(read(file), CustomResourceDefinition.class);
  }

  /** The openAPIV3Schema of the only version. */
  public static JSONSchemaProps schema(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
  }

  private CrdFiles() {}
}
