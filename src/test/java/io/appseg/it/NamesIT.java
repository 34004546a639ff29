package io.appseg.it;

import static io.appseg.it.RunningOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.plan.Labels;
import io.appseg.plan.Names;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.Watch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated names on a real API server (P3): apps of the same name from two namespaces share a
 * granted namespace, and policies under the names of an earlier version (no owner namespace in a
 * granted one) are renamed with the new object in place before the old one goes.
 */
class NamesIT extends KubeIT {
  private static final Map<String, String> ENV = Map.of("APPSEG_LEADER_ELECTION", "false");

  @Test
  void sameNamedAppsOfTwoNamespacesBothPlaceATierInASharedGrantedNamespace() {
    String a = kube.createUniqueNamespace("names-a");
    String b = kube.createUniqueNamespace("names-b");
    String shared = sharedNamespaceGranting(a + "," + b);
    try (RunningOperator op = RunningOperator.start(client, client.getConfiguration(), ENV)) {
      op.create(AppSegmentations.shop(a, shared));
      op.create(AppSegmentations.shop(b, shared));

      op.awaitReady(a, "shop", "True", "Reconciled");
      op.awaitReady(b, "shop", "True", "Reconciled");
      assertThat(namesIn(shared))
          .containsExactlyInAnyOrder(
              AppSegmentations.shopWeb(a, shared),
              AppSegmentations.shopWebDeny(a, shared),
              AppSegmentations.shopWeb(b, shared),
              AppSegmentations.shopWebDeny(b, shared));
      assertThat(op.policiesOf(a, "shop")).containsKey(a + "/shop.api");
      assertThat(op.policiesOf(b, "shop")).containsKey(b + "/shop.api");
    }
  }

  /**
   * The web tier's policy carries the UID label (what the previous version wrote); the default-deny
   * has none (older still): both are the app's own, neither is a Conflict, and both are renamed.
   */
  @Test
  void policiesUnderEarlierNamesAreRenamedNewFirstOldLast() {
    String ns = kube.createUniqueNamespace("rename");
    String shared = sharedNamespaceGranting(ns);
    String web = AppSegmentations.shopWeb(ns, shared);
    String deny = AppSegmentations.shopWebDeny(ns, shared);
    String oldWeb = Names.tierPolicy(shared, "shop", shared, "web");
    String oldDeny = Names.defaultDenyPolicy(shared, "shop", shared);
    try (RunningOperator op = RunningOperator.start(client, client.getConfiguration(), ENV)) {
      op.create(AppSegmentations.shop(ns, shared));
      op.awaitReady(ns, "shop", "True", "Reconciled");
    }
    asEarlierVersion(shared, web, oldWeb, true);
    asEarlierVersion(shared, deny, oldDeny, false);
    assertThat(namesIn(shared)).containsExactlyInAnyOrder(oldWeb, oldDeny);

    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    // From now on: a watch without a resource version starts with an ADDED per existing object.
    String now =
        client
            .network()
            .v1()
            .networkPolicies()
            .inNamespace(shared)
            .list()
            .getMetadata()
            .getResourceVersion();
    try (Watch watch =
            client
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(shared)
                .watch(
                    new ListOptionsBuilder().withResourceVersion(now).build(),
                    SafeTransitionsIT.recorder(seen));
        RunningOperator op = RunningOperator.start(client, client.getConfiguration(), ENV)) {
      await("renamed").atMost(TIMEOUT).until(() -> seen.size() >= 4);
      op.awaitReady(ns, "shop", "True", "Reconciled");
      assertThat(seen)
          .as("the new allow, then the new default-deny, then the old names")
          .containsExactly(
              "ADDED " + web, "ADDED " + deny, "DELETED " + oldDeny, "DELETED " + oldWeb);
      assertThat(namesIn(shared)).containsExactlyInAnyOrder(web, deny);
    }
  }

  private static String sharedNamespaceGranting(String namespaces) {
    String shared = Namespaces.uniqueName("names-shared");
    kube.createNamespace(
        shared,
        Map.of(Labels.GRANT_ANNOTATION, namespaces, Labels.NAMESPACE_DENY_ANNOTATION, namespaces));
    return shared;
  }

  /**
   * Moves a generated policy to the name an earlier version gave it, written by our field manager
   * as that version did, with or without the owner UID label.
   */
  private static void asEarlierVersion(String namespace, String name, String old, boolean uid) {
    NetworkPolicy current =
        client.network().v1().networkPolicies().inNamespace(namespace).withName(name).get();
    NetworkPolicy earlier =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(old)
            .withLabels(current.getMetadata().getLabels())
            .endMetadata()
            .withSpec(current.getSpec())
            .build();
    if (!uid) {
      earlier.getMetadata().getLabels().remove(Labels.SEGMENTATION_UID);
    }
    client.resource(earlier).fieldManager(Labels.MANAGER).forceConflicts().serverSideApply();
    client.resource(current).delete();
    await("moved")
        .atMost(TIMEOUT)
        .until(
            () ->
                client.network().v1().networkPolicies().inNamespace(namespace).withName(name).get()
                    == null);
  }

  private static List<String> namesIn(String namespace) {
    return client.network().v1().networkPolicies().inNamespace(namespace).list().getItems().stream()
        .map(np -> np.getMetadata().getName())
        .toList();
  }
}
