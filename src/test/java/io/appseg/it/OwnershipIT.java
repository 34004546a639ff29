package io.appseg.it;

import static io.appseg.it.RunningOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Isolation;
import io.appseg.plan.Labels;
import io.appseg.plan.NamespaceFacts;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ownership nobody can spoof and grants that give exactly what they say (P4, P5, P8 of
 * docs/design.md), tried as a tenant would, with the operator running as its shipped ServiceAccount
 * (config/rbac): labels alone never make an object the operator's, it writes only where the app is
 * granted, a grant isolates only the app's pods unless the namespace accepts more, a revoked grant
 * takes our policies out in safe order, objects of earlier versions are migrated in place, a
 * Conflict clears when the foreign object goes, and an orphan left by a stripped finalizer is
 * removed after a restart.
 */
class OwnershipIT extends KubeIT {
  /** A Conflict must clear within seconds of the cause going, not at the next resync. */
  private static final Duration SECONDS = Duration.ofSeconds(15);

  private static Config asOperator;
  private static RunningOperator op;

  @BeforeAll
  static void startOperatorAsItsServiceAccount() {
    asOperator = ShippedRbac.install(kube).getConfiguration();
    op = start();
  }

  @AfterAll
  static void stopOperator() {
    if (op != null) {
      op.close();
    }
  }

  @Test
  void spoofedOwnerLabelsAreNeverAdoptedChangedOrDeletedInOwnGrantedOrUngrantedNamespaces() {
    Shop shop = newShop(false);
    String ungranted = kube.createUniqueNamespace("spoof-ungranted");
    List<NetworkPolicy> spoofs =
        List.of(
            spoof(shop.ns(), shop.ns(), "spoof-own", null),
            spoof(shop.ns(), shop.webNs(), "spoof-granted", null),
            spoof(shop.ns(), ungranted, "spoof-ungranted-ns", null),
            spoof(
                shop.ns(),
                shop.webNs(),
                "spoof-other-uid",
                "00000000-0000-0000-0000-000000000001"));

    op.create(shop.app());
    op.awaitReady(shop.ns(), "shop", "True", "Reconciled");
    await("one ForeignLabelled event per spoof")
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        op.events(shop.ns(), "shop", "ForeignLabelled").stream()
                            .map(e -> e.getMessage())
                            .collect(Collectors.joining("\n")))
                    .contains(shop.ns() + "/spoof-own", ungranted + "/spoof-ungranted-ns"));
    op.edit(
        shop.ns(),
        "shop",
        s -> {
          s.getSpec().getTiers().removeIf(t -> t.getName().equals("db"));
          s.getSpec().getFlows().removeIf(f -> "db".equals(f.getTo().getTier()));
          return s;
        });
    op.awaitReady(shop.ns(), "shop", "True", "Reconciled");
    AppSegmentations.typed(client).inNamespace(shop.ns()).withName("shop").delete();
    await("app gone").atMost(TIMEOUT).until(() -> op.get(shop.ns(), "shop") == null);

    for (NetworkPolicy spoof : spoofs) {
      NetworkPolicy now =
          op.policy(spoof.getMetadata().getNamespace(), spoof.getMetadata().getName());
      assertThat(now).as(RunningOperator.id(spoof) + " still there").isNotNull();
      assertThat(now.getMetadata().getResourceVersion())
          .as(RunningOperator.id(spoof) + " never written")
          .isEqualTo(spoof.getMetadata().getResourceVersion());
    }
    assertThat(op.events(shop.ns(), "shop", "ForeignLabelled"))
        .as("told once each")
        .hasSizeLessThanOrEqualTo(spoofs.size());
  }

  @Test
  void aPlainGrantIsolatesOnlyTheAppsTierPodsAndTheOptInAddsTheNamespaceWideDeny() {
    Shop shop = newShop(false);
    op.create(shop.app());
    op.awaitReady(shop.ns(), "shop", "True", "Reconciled");
    assertThat(op.policiesOf(shop.ns(), "shop").keySet())
        .containsExactly(
            shop.ns() + "/shop.api",
            shop.ns() + "/shop.db",
            shop.ns() + "/shop.default-deny",
            shop.webNs() + "/" + shop.web());

    annotate(shop.webNs(), Labels.NAMESPACE_DENY_ANNOTATION, shop.ns());
    await("the namespace-wide default-deny arrives with the opt-in")
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(op.policy(shop.webNs(), shop.deny())).isNotNull());
    op.awaitReady(shop.ns(), "shop", "True", "Reconciled");

    annotate(shop.webNs(), Labels.NAMESPACE_DENY_ANNOTATION, null);
    await("and leaves with it")
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(op.policy(shop.webNs(), shop.deny())).isNull());
    assertThat(op.policy(shop.webNs(), shop.web())).isNotNull();
  }

  @Test
  void aTierInAnUngrantedNamespaceOrOneGrantingAnotherNamespaceWritesNothing() {
    String ns = kube.createUniqueNamespace("sec-shop");
    String webNs = Namespaces.uniqueName("sec-web");
    kube.createNamespace(webNs, Map.of(Labels.GRANT_ANNOTATION, "someone-else"));
    double writes = op.writes("networkpolicies");

    op.create(AppSegmentations.shop(ns, webNs));
    op.awaitReady(ns, "shop", "False", "NamespaceNotGranted");
    assertThat(op.policiesOf(ns, "shop")).isEmpty();

    annotate(webNs, Labels.GRANT_ANNOTATION, null);
    op.touchNamespace(webNs, "ungranted");
    op.awaitReady(ns, "shop", "False", "NamespaceNotGranted");
    assertThat(op.policiesOf(ns, "shop")).isEmpty();
    assertThat(client.network().v1().networkPolicies().inNamespace(webNs).list().getItems())
        .isEmpty();
    assertThat(op.writes("networkpolicies")).isEqualTo(writes);
  }

  @Test
  void aGrantRevokedAfterApplyRemovesOurPoliciesThereDefaultDenyFirstAndReportsIt() {
    Shop shop = newShop(true);
    NetworkPolicy spoof = spoof(shop.ns(), shop.webNs(), "spoof-revoked", null);
    op.create(shop.app());
    op.awaitReady(shop.ns(), "shop", "True", "Reconciled");
    Map<String, String> own = ownNamespaceVersions(shop);

    annotate(shop.webNs(), Labels.GRANT_ANNOTATION, null);
    op.awaitReady(shop.ns(), "shop", "False", "NamespaceNotGranted");

    await("our policies withdrawn from the revoking namespace")
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(op.policy(shop.webNs(), shop.web())).isNull();
              assertThat(op.policy(shop.webNs(), shop.deny())).isNull();
            });
    assertThat(op.events(shop.ns(), "shop", "Withdrawn"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .as("reported, default-deny first")
                    .contains(
                        shop.webNs() + "/" + shop.deny() + ", " + shop.webNs() + "/" + shop.web()));
    assertThat(ownNamespaceVersions(shop)).as("fail static at home").isEqualTo(own);
    assertThat(op.policy(shop.webNs(), "spoof-revoked").getMetadata().getResourceVersion())
        .isEqualTo(spoof.getMetadata().getResourceVersion());
  }

  @Test
  void foreignPoliciesOnGeneratedNamesConflictUntilDeletedOrRenamed() {
    Shop shop = newShop(false);
    NetworkPolicy foreign = spoof(shop.ns(), shop.webNs(), shop.web(), null);
    NetworkPolicy plain = tenantPolicy(shop.ns(), "shop.api", Map.of());

    op.create(shop.app());
    op.awaitReady(shop.ns(), "shop", "False", "Conflict");
    assertThat(op.condition(shop.ns(), "shop", "Ready").getMessage())
        .contains(shop.webNs() + "/" + shop.web(), shop.ns() + "/shop.api");
    assertThat(op.policy(shop.webNs(), shop.web()).getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(op.policiesOf(shop.ns(), "shop").keySet())
        .as("nothing of the plan written")
        .containsExactly(shop.webNs() + "/" + shop.web());

    client.resource(foreign).delete();
    await("still a Conflict, now with the unlabelled one only")
        .atMost(SECONDS)
        .untilAsserted(
            () ->
                assertThat(op.condition(shop.ns(), "shop", "Ready").getMessage())
                    .contains(shop.ns() + "/shop.api")
                    .doesNotContain(shop.webNs() + "/" + shop.web()));
    // Renamed: a name the plan needs is watched without our labels.
    client.resource(plain).delete();
    tenantPolicy(shop.ns(), "tenant-renamed", Map.of());
    await("Conflict cleared")
        .atMost(SECONDS)
        .untilAsserted(
            () ->
                assertThat(op.condition(shop.ns(), "shop", "Ready").getReason())
                    .isEqualTo("Reconciled"));
    assertThat(op.policy(shop.webNs(), shop.web()).getMetadata().getLabels())
        .containsEntry(Labels.SEGMENTATION_UID, op.get(shop.ns(), "shop").getMetadata().getUid());

    // Ours by its UID: a stripped managed-by or name label is drift to repair, not a Conflict.
    client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(shop.webNs())
        .withName(shop.web())
        .edit(
            np -> {
              np.getMetadata().getLabels().remove(Labels.MANAGED_BY);
              np.getMetadata().getLabels().remove(Labels.SEGMENTATION);
              return np;
            });
    await("labels restored")
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(op.policy(shop.webNs(), shop.web()).getMetadata().getLabels())
                    .containsEntry(Labels.MANAGED_BY, Labels.MANAGER)
                    .containsEntry(Labels.SEGMENTATION, "shop"));
    assertThat(op.condition(shop.ns(), "shop", "Ready").getReason()).isEqualTo("Reconciled");
    assertThat(op.events(shop.ns(), "shop", "DriftCorrected")).isNotEmpty();
  }

  @Test
  void objectsOfAnEarlierVersionWithoutTheUidLabelAreMigratedInPlace() throws Exception {
    Shop shop = newShop(true);
    op.close();
    AppSegmentation seg = op.create(shop.app());
    Map<String, String> uids = new HashMap<>();
    for (NetworkPolicy np : legacyPolicies(seg)) {
      NetworkPolicy stored =
          client.resource(np).fieldManager(Labels.MANAGER).forceConflicts().serverSideApply();
      uids.put(RunningOperator.id(stored), stored.getMetadata().getUid());
    }
    op = start();

    op.awaitReady(shop.ns(), "shop", "True", "Reconciled");
    await("every object carries the owner UID, none was recreated")
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Map<String, NetworkPolicy> now = op.policiesOf(shop.ns(), "shop");
              assertThat(now.keySet()).containsExactlyInAnyOrderElementsOf(uids.keySet());
              now.forEach(
                  (id, np) -> {
                    assertThat(np.getMetadata().getUid()).as(id).isEqualTo(uids.get(id));
                    assertThat(np.getMetadata().getLabels())
                        .as(id)
                        .containsEntry(Labels.SEGMENTATION_UID, seg.getMetadata().getUid());
                  });
            });
  }

  @Test
  void aFinalizerStrippedWhileTheOperatorIsDownLeavesOrphansThatAreRemovedAfterRestart() {
    Shop shop = newShop(true);
    op.create(shop.app());
    AppSegmentation seg = op.awaitReady(shop.ns(), "shop", "True", "Reconciled");
    NetworkPolicy forged =
        spoof(shop.ns(), shop.webNs(), "forged-orphan", "00000000-0000-0000-0000-0000000000aa");

    op.close();
    op.edit(
        shop.ns(),
        "shop",
        s -> {
          s.getMetadata().setFinalizers(List.of());
          return s;
        });
    AppSegmentations.typed(client).inNamespace(shop.ns()).withName("shop").delete();
    await("deleted without its finalizer")
        .atMost(TIMEOUT)
        .until(() -> op.get(shop.ns(), "shop") == null);
    assertThat(op.policy(shop.webNs(), shop.web())).as("left behind").isNotNull();
    op = start();

    await("orphans removed at start-up")
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(op.policy(shop.webNs(), shop.web())).isNull();
              assertThat(op.policy(shop.webNs(), shop.deny())).isNull();
            });
    assertThat(op.operator().metrics().orphansRemoved()).isGreaterThanOrEqualTo(2);
    assertThat(op.events(shop.webNs(), shop.deny(), "OrphanRemoved"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains(seg.getMetadata().getUid()));
    assertThat(op.policy(shop.webNs(), "forged-orphan").getMetadata().getResourceVersion())
        .as("a UID label alone, not written by us, proves nothing")
        .isEqualTo(forged.getMetadata().getResourceVersion());
  }

  private static RunningOperator start() {
    return RunningOperator.start(client, asOperator, Map.of("APPSEG_LEADER_ELECTION", "false"));
  }

  /** Two fresh namespaces, the web one granting the other (and accepting its namespace deny). */
  private static Shop newShop(boolean acceptNamespaceDeny) {
    String ns = kube.createUniqueNamespace("own");
    String webNs = Namespaces.uniqueName("own-web");
    Map<String, String> annotations = new HashMap<>(Map.of(Labels.GRANT_ANNOTATION, ns));
    if (acceptNamespaceDeny) {
      annotations.put(Labels.NAMESPACE_DENY_ANNOTATION, ns);
    }
    kube.createNamespace(webNs, annotations);
    return new Shop(ns, webNs);
  }

  /**
   * A hand-made policy carrying the owner labels of {@code owner}/shop (and {@code uid} as owner
   * UID, if given).
   */
  private static NetworkPolicy spoof(String owner, String namespace, String name, String uid) {
    Map<String, String> labels =
        new HashMap<>(Labels.forPolicy(owner, "shop", Labels.ROLE_TIER, "x"));
    if (uid != null) {
      labels.put(Labels.SEGMENTATION_UID, uid);
    }
    return tenantPolicy(namespace, name, labels);
  }

  /** A policy a tenant made by hand, with these labels. */
  private static NetworkPolicy tenantPolicy(
      String namespace, String name, Map<String, String> labels) {
    return client
        .resource(
            new NetworkPolicyBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .addToMatchLabels("team", "tenant")
                .endPodSelector()
                .endSpec()
                .build())
        .create();
  }

  /** What an earlier version wrote: the plan with owner labels and ownerReference, no UID label. */
  private static List<NetworkPolicy> legacyPolicies(AppSegmentation seg)
      throws InvalidSpecException {
    String ns = seg.getMetadata().getNamespace();
    Map<String, NamespaceFacts> facts = new HashMap<>();
    for (String name : List.of(seg.getSpec().getTiers().get(0).getNamespace())) {
      Namespace n = client.namespaces().withName(name).get();
      facts.put(
          name,
          new NamespaceFacts(name, n.getMetadata().getLabels(), n.getMetadata().getAnnotations()));
    }
    Plan plan = new Planner(PlanDefaults.STANDARD).plan(seg, facts, Isolation.NONE);
    return plan.policies().stream()
        .map(
            p -> {
              NetworkPolicy np = new NetworkPolicyBuilder(p).build();
              if (ns.equals(np.getMetadata().getNamespace())) {
                np.getMetadata()
                    .setOwnerReferences(
                        List.of(
                            new OwnerReferenceBuilder()
                                .withApiVersion(seg.getApiVersion())
                                .withKind(seg.getKind())
                                .withName(seg.getMetadata().getName())
                                .withUid(seg.getMetadata().getUid())
                                .withController(true)
                                .withBlockOwnerDeletion(true)
                                .build()));
              }
              return np;
            })
        .toList();
  }

  private static void annotate(String namespace, String key, String value) {
    client
        .namespaces()
        .withName(namespace)
        .edit(
            n -> {
              if (value == null) {
                n.getMetadata().getAnnotations().remove(key);
              } else {
                n.getMetadata().getAnnotations().put(key, value);
              }
              return n;
            });
  }

  private static Map<String, String> ownNamespaceVersions(Shop shop) {
    Map<String, String> versions = new HashMap<>(op.resourceVersions(shop.ns(), "shop"));
    versions.keySet().removeIf(id -> !id.startsWith(shop.ns() + "/"));
    return versions;
  }

  private record Shop(String ns, String webNs) {
    AppSegmentation app() {
      return AppSegmentations.shop(ns, webNs);
    }

    String web() {
      return AppSegmentations.shopWeb(ns, webNs);
    }

    String deny() {
      return AppSegmentations.shopWebDeny(ns, webNs);
    }
  }
}
