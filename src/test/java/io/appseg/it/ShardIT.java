package io.appseg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scale-out (issue 13 item 7): two operators share the cluster by shard, each with its namespaces
 * and its own Lease; every app is reconciled by exactly one of them.
 */
class ShardIT extends KubeIT {
  private static final String SHARD_LABEL = "appseg-it/shard";

  @Test
  void twoShardsEachReconcileExactlyTheAppsOfTheirNamespaces() {
    String leases = kube.createUniqueNamespace("shard-leases");
    List<String> east =
        List.of(kube.createUniqueNamespace("east"), kube.createUniqueNamespace("east"));
    List<String> west =
        List.of(kube.createUniqueNamespace("west"), kube.createUniqueNamespace("west"));
    try (RunningOperator a = shard("east", east, leases);
        RunningOperator b = shard("west", west, leases)) {
      for (String ns : List.of(east.get(0), east.get(1), west.get(0), west.get(1))) {
        a.create(AppSegmentations.withTiers(ns, "app", "web", "db"));
      }
      for (String ns : List.of(east.get(0), east.get(1), west.get(0), west.get(1))) {
        a.awaitReady(ns, "app", "True", "Reconciled");
      }

      assertThat(a.writes("networkpolicies")).as("3 policies per app of its own").isEqualTo(6);
      assertThat(b.writes("networkpolicies")).as("3 policies per app of its own").isEqualTo(6);
      for (String ns : east) {
        assertThat(appliedBy(a, ns)).containsExactly("east-0");
      }
      for (String ns : west) {
        assertThat(appliedBy(b, ns)).containsExactly("west-0");
      }
      assertThat(holder(leases, "appseg-operator-leader-east")).isEqualTo("east-0");
      assertThat(holder(leases, "appseg-operator-leader-west")).isEqualTo("west-0");
    }
  }

  /**
   * Shards by label: b starts with no namespace of its own, takes one when it is labelled, and a
   * namespace relabelled from a to b is released by a at once and taken by b after the hand-over,
   * so an edit made in between is applied by b alone.
   */
  @Test
  void shardsByLabelHandANamespaceOverWithoutBothWriting() {
    String leases = kube.createUniqueNamespace("shard-leases");
    String one = kube.createUniqueNamespace("label-a");
    String two = kube.createUniqueNamespace("label-b");
    String moving = kube.createUniqueNamespace("label-move");
    label(one, leases + "-a");
    label(moving, leases + "-a");
    try (RunningOperator a = labelled("a", leases);
        RunningOperator b = labelled("b", leases)) {
      label(two, leases + "-b");
      for (String ns : List.of(one, two, moving)) {
        a.create(AppSegmentations.withTiers(ns, "app", "web", "db"));
      }
      for (String ns : List.of(one, two, moving)) {
        a.awaitReady(ns, "app", "True", "Reconciled");
      }
      assertThat(a.writes("networkpolicies")).as("3 policies per app of its own").isEqualTo(6);
      assertThat(b.writes("networkpolicies")).as("3 policies per app of its own").isEqualTo(3);
      assertThat(appliedBy(a, one)).containsExactly("a-0");
      assertThat(appliedBy(a, moving)).containsExactly("a-0");
      assertThat(appliedBy(b, two)).containsExactly("b-0");
      assertThat(holder(leases, "appseg-operator-leader-b")).isEqualTo("b-0");

      double aBefore = a.writes("networkpolicies");
      double bBefore = b.writes("networkpolicies");
      label(moving, leases + "-b");
      // Edited once a has released the namespace (it does so when it sees the label, an edit seen
      // before would still be its own) and before b takes it.
      await("a released " + moving)
          .atMost(RunningOperator.TIMEOUT)
          .until(() -> !a.operator().scope().namespaces().contains(moving));
      a.edit(
          moving,
          "app",
          seg -> {
            seg.getSpec().setFlows(List.of(AppSegmentations.flow("web", "db")));
            return seg;
          });
      a.awaitReady(moving, "app", "True", "Reconciled");

      assertThat(a.writes("networkpolicies")).as("a released the namespace").isEqualTo(aBefore);
      assertThat(b.writes("networkpolicies")).as("b took it").isGreaterThan(bBefore);
      assertThat(appliedBy(b, moving)).containsExactlyInAnyOrder("a-0", "b-0");
    }
  }

  private static RunningOperator labelled(String name, String leases) {
    return shard(
        name,
        leases,
        Map.of(
            "APPSEG_SHARD_SELECTOR",
            SHARD_LABEL + "=" + leases + "-" + name,
            "APPSEG_SHARD_HANDOVER",
            "5s"));
  }

  private static void label(String namespace, String shard) {
    client
        .namespaces()
        .withName(namespace)
        .edit(
            ns -> {
              ns.getMetadata().getLabels().put(SHARD_LABEL, shard);
              return ns;
            });
  }

  private static RunningOperator shard(String name, List<String> namespaces, String leases) {
    return shard(name, leases, Map.of("APPSEG_WATCH_NAMESPACES", String.join(",", namespaces)));
  }

  /** A shard's operator: its Lease in {@code leases}, its namespaces as {@code selection} says. */
  private static RunningOperator shard(String name, String leases, Map<String, String> selection) {
    Map<String, String> env = new HashMap<>(selection);
    env.putAll(
        Map.of("APPSEG_SHARD", name, "APPSEG_LEASE_NAMESPACE", leases, "POD_NAME", name + "-0"));
    return RunningOperator.start(client, client.getConfiguration(), env);
  }

  /** Which replicas reported applying the app's policies. */
  private static List<String> appliedBy(RunningOperator op, String namespace) {
    return op.events(namespace, "app", "Applied").stream()
        .map(Event::getReportingInstance)
        .distinct()
        .toList();
  }

  private static String holder(String namespace, String lease) {
    Lease l = client.leases().inNamespace(namespace).withName(lease).get();
    return l.getSpec().getHolderIdentity();
  }
}
