package io.appseg.it;

import static io.appseg.it.RunningOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.operator.config.OperatorConfig;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * config/rbac (which the Helm chart's RBAC equals, ChartMatchesConfigTest) is enough and no more:
 * the operator runs as the ServiceAccount appseg-operator with a TokenRequest token, leader
 * election on (Lease in appseg-system), through a cross-namespace scenario; SubjectAccessReviews
 * pin every verb it needs and some it must never have. JOSDK stops start-up on an informer 403, and
 * a write the role lacks fails the scenario.
 */
class RbacIT extends KubeIT {

  private static final String SYSTEM_NS = ShippedRbac.SYSTEM_NS;
  private static final String SA = ShippedRbac.SA;
  private static final String USER = "system:serviceaccount:" + SYSTEM_NS + ":" + SA;
  private static final String POD = "appseg-operator-rbac-it";

  private static RunningOperator op;

  @BeforeAll
  static void installRbacAndStartOperatorAsItsServiceAccount() {
    KubernetesClient asOperator = ShippedRbac.install(kube);
    op =
        RunningOperator.start(
            client,
            asOperator.getConfiguration(),
            Map.of(
                "APPSEG_LEADER_ELECTION",
                "true",
                "APPSEG_LEASE_NAMESPACE",
                SYSTEM_NS,
                "POD_NAME",
                POD));
  }

  @AfterAll
  static void stopOperator() {
    if (op != null) {
      op.close();
    }
  }

  @Test
  void operatorRunsACrossNamespaceAppWithOnlyItsServiceAccountsPermissions() {
    String ns = kube.createUniqueNamespace("rbac-shop");
    String webNs = Namespaces.uniqueName("rbac-shop-web");
    kube.createNamespace(webNs, Map.of(Labels.GRANT_ANNOTATION, ns));

    op.create(AppSegmentations.shop(ns, webNs));
    op.awaitReady(ns, "shop", "True", "Reconciled");
    assertThat(op.policiesOf(ns, "shop")).as("no namespace-wide default-deny in webNs").hasSize(4);
    assertThat(op.events(ns, "shop", "Applied")).as("events create").isNotEmpty();
    Lease lease = client.leases().inNamespace(SYSTEM_NS).withName(OperatorConfig.LEASE_NAME).get();
    assertThat(lease).as("leader election through the Lease role").isNotNull();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(POD);
    await("Lease renewed (fabric8 renews with PATCH)")
        .atMost(TIMEOUT)
        .until(
            () ->
                !lease
                    .getSpec()
                    .getRenewTime()
                    .equals(
                        client
                            .leases()
                            .inNamespace(SYSTEM_NS)
                            .withName(OperatorConfig.LEASE_NAME)
                            .get()
                            .getSpec()
                            .getRenewTime()));

    NetworkPolicy api = op.policy(ns, "shop.api");
    client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(ns)
        .withName("shop.api")
        .edit(
            np ->
                new NetworkPolicyBuilder(np)
                    .editSpec()
                    .withPodSelector(
                        new LabelSelectorBuilder().addToMatchLabels("tier", "everything").build())
                    .endSpec()
                    .build());
    client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(webNs)
        .withName(AppSegmentations.shopWeb(ns, webNs))
        .delete();
    await("drift repaired as the ServiceAccount")
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(op.policy(ns, "shop.api").getSpec()).isEqualTo(api.getSpec());
              assertThat(op.policy(webNs, AppSegmentations.shopWeb(ns, webNs))).isNotNull();
              assertThat(op.events(ns, "shop", "DriftCorrected")).isNotEmpty();
            });

    AppSegmentations.typed(client).inNamespace(ns).withName("shop").delete();
    await("finalizer ran as the ServiceAccount")
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(op.get(ns, "shop")).isNull();
              assertThat(op.policiesOf(ns, "shop")).isEmpty();
            });
  }

  /** group, resource (with subresource), verb, namespace (null: cluster-wide). */
  static Stream<Arguments> needed() {
    return Stream.of(
        access("appseg.io", "appsegmentations", "list", null),
        access("appseg.io", "appsegmentations", "watch", null),
        access("appseg.io", "appsegmentations", "get", "any"),
        access("appseg.io", "appsegmentations", "patch", "any"),
        access("appseg.io", "appsegmentations/status", "patch", "any"),
        access("appseg.io", "appsegmentations/finalizers", "update", "any"),
        access("networking.k8s.io", "networkpolicies", "list", null),
        access("networking.k8s.io", "networkpolicies", "watch", null),
        access("networking.k8s.io", "networkpolicies", "get", "any"),
        access("networking.k8s.io", "networkpolicies", "create", "any"),
        access("networking.k8s.io", "networkpolicies", "patch", "any"),
        access("networking.k8s.io", "networkpolicies", "update", "any"),
        access("networking.k8s.io", "networkpolicies", "delete", "any"),
        access("", "namespaces", "list", null),
        access("", "namespaces", "watch", null),
        access("", "events", "create", "any"),
        access("coordination.k8s.io", "leases", "get", SYSTEM_NS),
        access("coordination.k8s.io", "leases", "create", SYSTEM_NS),
        access("coordination.k8s.io", "leases", "update", SYSTEM_NS),
        // fabric8's LeaseLock renews with PATCH: without it the leader loses the Lease after one
        // term
        access("coordination.k8s.io", "leases", "patch", SYSTEM_NS));
  }

  static Stream<Arguments> forbidden() {
    return Stream.of(
        access("", "namespaces", "delete", null),
        access("", "namespaces", "update", null),
        access("", "namespaces", "patch", null),
        access("", "secrets", "get", "any"),
        access("", "secrets", "list", null),
        access("", "configmaps", "get", "any"),
        access("", "pods", "list", null),
        access("appseg.io", "appsegmentations", "create", "any"),
        access("appseg.io", "appsegmentations", "delete", "any"),
        access("coordination.k8s.io", "leases", "update", "default"),
        access("rbac.authorization.k8s.io", "clusterroles", "create", null),
        access("rbac.authorization.k8s.io", "clusterrolebindings", "update", null),
        access("networking.k8s.io", "networkpolicies", "deletecollection", "any"));
  }

  @ParameterizedTest(name = "allowed: {2} {0}/{1} in {3}")
  @MethodSource("needed")
  void everyVerbTheOperatorUsesIsGranted(
      String group, String resource, String verb, String namespace) {
    assertThat(review(group, resource, verb, namespace).getStatus().getAllowed()).isTrue();
  }

  @ParameterizedTest(name = "denied: {2} {0}/{1} in {3}")
  @MethodSource("forbidden")
  void nothingBeyondIsGranted(String group, String resource, String verb, String namespace) {
    assertThat(review(group, resource, verb, namespace).getStatus().getAllowed()).isFalse();
  }

  private static Arguments access(String group, String resource, String verb, String namespace) {
    return Arguments.of(group, resource, verb, namespace);
  }

  private static SubjectAccessReview review(
      String group, String resource, String verb, String namespace) {
    String[] parts = resource.split("/", 2);
    return client
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(
            new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(USER)
                .withGroups(
                    List.of(
                        "system:serviceaccounts",
                        "system:serviceaccounts:" + SYSTEM_NS,
                        "system:authenticated"))
                .withNewResourceAttributes()
                .withGroup(group)
                .withResource(parts[0])
                .withSubresource(parts.length > 1 ? parts[1] : null)
                .withVerb(verb)
                .withNamespace(namespace)
                .endResourceAttributes()
                .endSpec()
                .build());
  }
}
