package io.appseg.api;

import io.appseg.api.v1alpha1.CrdConstants;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Build step after fabric8's CRD generator, which sorts printer columns by JSON path. kubectl shows
 * them in CRD order, so this puts them back in the order users read: READY MODE TIERS POLICIES AGE
 * REASON MESSAGE.
 */
public final class CrdColumnOrder {
  static final List<String> ORDER =
      List.of("Ready", "Mode", "Tiers", "Policies", "Age", "Reason", "Message");

  public static void main(String[] args) throws IOException {
    Path crdFile = Path.of(args[0], CrdConstants.CRD_FILE);
    CustomResourceDefinition crd =
        Serialization.unmarshal(Files.readString(crdFile), CustomResourceDefinition.class);
    crd.getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns().sort(byOrder()));
    Files.writeString(crdFile, Serialization.asYaml(crd));
  }

  private static Comparator<CustomResourceColumnDefinition> byOrder() {
    return Comparator.comparingInt(
        c -> {
          int i = ORDER.indexOf(c.getName());
          return i < 0 ? ORDER.size() : i;
        });
  }

  private CrdColumnOrder() {}
}
