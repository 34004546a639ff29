package io.appseg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scale-out (issue 13 item 7): two operators share the cluster by shard, each with its namespaces
 * and its own Lease; every app is reconciled by exactly one of them.
 */
class ShardIT extends KubeIT {

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

  private static RunningOperator shard(String name, List<String> namespaces, String leases) {
    return RunningOperator.start(
        client,
        client.getConfiguration(),
        Map.of(
            "APPSEG_SHARD",
            name,
            "APPSEG_WATCH_NAMESPACES",
            String.join(",", namespaces),
            "APPSEG_LEASE_NAMESPACE",
            leases,
            "POD_NAME",
            name + "-0"));
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
