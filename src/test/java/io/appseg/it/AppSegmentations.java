package io.appseg.it;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.plan.Names;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * AppSegmentation objects for ITs: typed ones, and untyped ones that can hold what the Java types
 * forbid.
 */
public final class AppSegmentations {

  /** Explicit, so untyped requests need no discovery round trip. */
  public static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup(CrdConstants.GROUP)
          .withVersion(CrdConstants.VERSION)
          .withKind(CrdConstants.KIND)
          .withPlural(CrdConstants.PLURAL)
          .withNamespaced(true)
          .build();

  private AppSegmentations() {}

  public static MixedOperation<AppSegmentation, ?, Resource<AppSegmentation>> typed(
      KubernetesClient client) {
    return client.resources(AppSegmentation.class);
  }

  public static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      untyped(KubernetesClient client, String namespace) {
    return client.genericKubernetesResources(CONTEXT).inNamespace(namespace);
  }

  /**
   * Parses YAML into an untyped object, e.g. one carrying a value the OpenAPI schema must reject.
   */
  public static GenericKubernetesResource parse(KubernetesClient client, String yaml) {
    return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
  }

  /** A valid AppSegmentation with one tier per name, each selecting pods labelled tier=<name>. */
  public static AppSegmentation withTiers(String namespace, String name, String... tierNames) {
    AppSegmentation app = new AppSegmentation();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    AppSegmentationSpec spec = new AppSegmentationSpec();
    spec.setTiers(List.of(tierNames).stream().map(AppSegmentations::tier).toList());
    app.setSpec(spec);
    return app;
  }

  /** The name of {@link #shop}'s web tier policy, in its granted namespace. */
  public static String shopWeb(String namespace, String webNamespace) {
    return Names.tierPolicy(namespace, "shop", webNamespace, "web");
  }

  /** The name of {@link #shop}'s default-deny in the web tier's namespace. */
  public static String shopWebDeny(String namespace, String webNamespace) {
    return Names.defaultDenyPolicy(namespace, "shop", webNamespace);
  }

  /**
   * The scenario app: tiers web (in {@code webNamespace}, which must grant {@code namespace}), api
   * and db (in {@code namespace}); flows web -> api -> db. Five policies: a default deny and a tier
   * policy per namespace/tier.
   */
  public static AppSegmentation shop(String namespace, String webNamespace) {
    AppSegmentation app = withTiers(namespace, "shop", "web", "api", "db");
    List<Tier> tiers = new ArrayList<>(app.getSpec().getTiers());
    tiers.forEach(
        t -> t.setPorts(new ArrayList<>(List.of(new PortSpec(new IntOrString(8080), null, null)))));
    tiers.get(0).setNamespace(webNamespace);
    app.getSpec().setTiers(tiers);
    app.getSpec().setFlows(new ArrayList<>(List.of(flow("web", "api"), flow("api", "db"))));
    return app;
  }

  public static Flow flow(String from, String to) {
    return new Flow(Endpoint.tier(from), Endpoint.tier(to), null);
  }

  private static Tier tier(String name) {
    Tier tier = new Tier();
    tier.setName(name);
    tier.setPodSelector(new LabelSelectorBuilder().addToMatchLabels("tier", name).build());
    return tier;
  }
}
