package io.appseg.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One application's network segmentation: tiers, the flows allowed between them, DNS and monitoring. */
@Group(CrdConstants.GROUP)
@Version(CrdConstants.VERSION)
@Kind(CrdConstants.KIND)
@Plural(CrdConstants.PLURAL)
@ShortNames(CrdConstants.SHORT_NAME)
@Categories(CrdConstants.SHORT_NAME)
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Mode", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.mode")
@AdditionalPrinterColumn(name = "Tiers", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.tiers")
@AdditionalPrinterColumn(name = "Policies", type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.policies")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Reason", type = AdditionalPrinterColumn.Type.STRING, priority = 1,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "Message", type = AdditionalPrinterColumn.Type.STRING, priority = 1,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].message")
public class AppSegmentation extends CustomResource<AppSegmentationSpec, AppSegmentationStatus>
    implements Namespaced {

  @Override
  public String toString() {
    return "AppSegmentation " + getMetadata().getNamespace() + "/" + getMetadata().getName();
  }
}
