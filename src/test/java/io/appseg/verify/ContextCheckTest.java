package io.appseg.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.netpol.Cluster;
import io.appseg.netpol.ManifestLoader;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.testing.Samples;
import io.appseg.verify.ContextCheck.Gap;
import io.appseg.verify.ContextCheck.Kind;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An app judged with everything else in force: other apps' plans, hand-written policies, cluster
 * tiers.
 */
class ContextCheckTest {
  private static final ContextCheck CHECK = new ContextCheck(PlanDefaults.STANDARD);
  private static final Plan THREE_TIER = Samples.plan(Samples.named("01-three-tier.yaml"));
  private static final Plan DATABASE = Samples.plan(Samples.named("02-database-isolation.yaml"));

  private static List<Gap> check(Plan plan, String sample, Cluster context) {
    return CHECK.check(Samples.load(Samples.named(sample)), plan, context);
  }

  private static Cluster context(String yaml, Plan... plans) {
    Cluster files =
        yaml.isEmpty() ? Cluster.empty() : ManifestLoader.read("context.yaml", yaml).cluster();
    List<NetworkPolicy> policies = new ArrayList<>(files.policies());
    for (Plan p : plans) {
      policies.addAll(p.policies());
    }
    return files.withPolicies(policies);
  }

  @Test
  void alone_anAppHasNoGaps() {
    assertThat(check(DATABASE, "02-database-isolation.yaml", Cluster.empty())).isEmpty();
    assertThat(check(THREE_TIER, "01-three-tier.yaml", Cluster.empty())).isEmpty();
  }

  @Test
  void enforcingIntoAnEmptyClusterFlipsNoDeclaredConnection() {
    // sample 04: "anywhere -> gateway" also names pods of its namespace whose egress its own
    // default-deny denies; the intent denies those, so they are no declared connection to flip
    Plan gateway = Samples.plan(Samples.named("04-api-gateway.yaml"));
    ContextCheck.Changes changes =
        CHECK.changes(Samples.load(Samples.named("04-api-gateway.yaml")), gateway, Cluster.empty());

    assertThat(changes.flips()).isEmpty();
    assertThat(changes.undeclaredCut()).isPositive();
  }

  @Test
  void anotherAppsNamespaceDefaultDenyCutsADeclaredFlowAndIsNamed() {
    List<Gap> gaps = check(DATABASE, "02-database-isolation.yaml", context("", THREE_TIER));
    assertThat(gaps)
        .filteredOn(g -> g.kind() == Kind.DENIED)
        .isNotEmpty()
        .allSatisfy(g -> assertThat(g.declaredBy()).containsExactly("spec.flows[0]"))
        .allSatisfy(
            g ->
                assertThat(g.responsible())
                    .contains("NetworkPolicy production/three-tier.default-deny"));
    assertThat(gaps.get(0).toString())
        .startsWith("spec.flows[0] production/")
        .contains(" -> production/")
        .contains(":5432/TCP is denied by NetworkPolicy production/three-tier.default-deny");
  }

  @Test
  void aConnectionTheSpecLeavesUnrestrictedIsNotDeclaredSoOthersMayDenyIt() {
    Plan stagingTests = Samples.plan(Samples.named("08-staging-test-client.yaml"));
    List<Gap> alone = check(stagingTests, "08-staging-test-client.yaml", Cluster.empty());
    List<Gap> withThreeTier =
        check(stagingTests, "08-staging-test-client.yaml", context("", THREE_TIER));

    assertThat(alone).isEmpty();
    assertThat(withThreeTier)
        .filteredOn(g -> g.kind() == Kind.DENIED)
        .allSatisfy(g -> assertThat(g.declaredBy()).isNotEmpty());
  }

  @Test
  void aForeignAllowAllOpensTheAppAndIsNamed() {
    String allowAll =
        """
        {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: allow-all, namespace: production},
         spec: {podSelector: {}, ingress: [{}], policyTypes: [Ingress]}}""";
    List<Gap> gaps = check(DATABASE, "02-database-isolation.yaml", context(allowAll));
    assertThat(gaps)
        .isNotEmpty()
        .allSatisfy(
            g -> {
              assertThat(g.kind()).isEqualTo(Kind.EXPOSED);
              assertThat(g.responsible()).containsExactly("NetworkPolicy production/allow-all");
            });
  }

  @Test
  void anAdminTierDenyBlocksADeclaredFlowAndIsNamed() {
    String deny =
        """
        {apiVersion: policy.networking.k8s.io/v1alpha2, kind: ClusterNetworkPolicy, metadata: {name: no-db},
         spec: {tier: Admin, priority: 5, subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: postgresql}}}},
                ingress: [{name: lockdown, action: Deny, from: [{namespaces: {}}]}]}}""";
    List<Gap> gaps = check(DATABASE, "02-database-isolation.yaml", context(deny));
    assertThat(gaps)
        .isNotEmpty()
        .allSatisfy(
            g -> {
              assertThat(g.kind()).isEqualTo(Kind.DENIED);
              assertThat(g.responsible())
                  .containsExactly(
                      "ClusterNetworkPolicy no-db (Admin tier, priority 5) ingress[0] lockdown: Deny");
            });
  }

  @Test
  void theAppsOwnEarlierPoliciesAreReplacedByThePlan() {
    assertThat(check(DATABASE, "02-database-isolation.yaml", context("", DATABASE))).isEmpty();
  }

  /**
   * What the operator keeps a judgement by (ContextView.meaning): policies that differ only by name
   * allow and deny the same connections, so a neighbour's copy of what is in force already finds
   * the same gaps, only with more objects responsible.
   */
  @Test
  void policiesThatDifferOnlyByNameJudgeTheSameConnections() {
    List<String> names =
        List.of("01-three-tier.yaml", "02-database-isolation.yaml", "08-staging-test-client.yaml");
    for (String judged : names) {
      Plan plan = Samples.plan(Samples.named(judged));
      for (String other : names) {
        Plan neighbour = Samples.plan(Samples.named(other));
        Cluster context = context("", neighbour);
        List<NetworkPolicy> more = new ArrayList<>(context.policies());
        more.addAll(renamed(neighbour, "-copy"));
        more.addAll(renamed(plan, "-twin"));
        List<Gap> once = check(plan, judged, context);
        List<Gap> twice = check(plan, judged, context.withPolicies(more));
        assertThat(twice.stream().map(ContextCheckTest::connection))
            .as("%s among %s", judged, other)
            .containsExactlyElementsOf(once.stream().map(ContextCheckTest::connection).toList());
      }
    }
  }

  private static String connection(Gap gap) {
    return gap.kind() + " " + gap.connection();
  }

  /** The plan's policies under other names, owned by nobody. */
  private static List<NetworkPolicy> renamed(Plan plan, String suffix) {
    return plan.policies().stream()
        .map(
            p ->
                new NetworkPolicyBuilder(p)
                    .editMetadata()
                    .withName(p.getMetadata().getName() + suffix)
                    .withLabels(Map.of())
                    .endMetadata()
                    .build())
        .toList();
  }
}
