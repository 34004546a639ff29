package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One application's network segmentation: tiers, the flows allowed between them, DNS and
 * monitoring.
 */
@Group(CrdConstants.GROUP)
@Version(CrdConstants.VERSION)
@Kind(CrdConstants.KIND)
@Plural(CrdConstants.PLURAL)
@ShortNames(CrdConstants.SHORT_NAME)
@Categories(CrdConstants.SHORT_NAME)
@AdditionalPrinterColumn(
    name = "Ready",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Mode",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.mode")
@AdditionalPrinterColumn(
    name = "Tiers",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.tiers")
@AdditionalPrinterColumn(
    name = "Policies",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.policies")
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(
    name = "Reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Message",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].message")
@ValidationRule(
    value = "size(self.metadata.name) <= 63",
    message =
        "metadata.name must be at most 63 characters: it is the value of the appseg.io/segmentation label")
public class AppSegmentation extends CustomResource<AppSegmentationSpec, AppSegmentationStatus>
    implements Namespaced {

  // Overridden only to document spec and status in the CRD schema.
  @Override
  @JsonPropertyDescription(
      "The desired segmentation: tiers, flows between them and to/from the outside, DNS and monitoring.")
  public AppSegmentationSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "What the operator last did: conditions, the reconciled generation and the policy plan.")
  public AppSegmentationStatus getStatus() {
    return super.getStatus();
  }

  @Override
  public String toString() {
    return "AppSegmentation " + getMetadata().getNamespace() + "/" + getMetadata().getName();
  }
}
