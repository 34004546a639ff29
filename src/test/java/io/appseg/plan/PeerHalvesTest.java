package io.appseg.plan;

import static io.appseg.plan.Specs.names;
import static io.appseg.plan.Specs.policy;
import static io.appseg.plan.Specs.seg;
import static io.appseg.plan.Specs.specYaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.testing.Samples;
import io.appseg.verify.PlanVerifier;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the planner gives a pods peer its half of a flow (P11, {@link PeerHalves}): exactly when the
 * peer is pods of a tier namespace whose direction something already isolates for all of them; and
 * a tier its rules in a direction the app leaves open but others isolate.
 */
class PeerHalvesTest {
  private static final String DB_FROM_API =
      """
      tiers:
        - {name: db, podSelector: {matchLabels: {app: db}}, ports: [{port: 5432}]}
      flows:
        - from: {podSelector: {matchLabels: {app: api}}}
          to: {tier: db}
      dns: {enabled: false}
      """;

  private static final String PEER_HALF =
      """
      egress:
      - ports:
        - port: 5432
          protocol: TCP
        to:
        - podSelector:
            matchLabels:
              app: db
      podSelector:
        matchLabels:
          app: api
      policyTypes:
      - Egress
      """;

  @Test
  void theAppsOwnNamespaceDefaultDenyIsolatesThePeerSoThePeerGetsItsEgressHalf() {
    Plan plan = plan(seg(DB_FROM_API), Isolation.NONE);
    String name = peerName(plan);
    assertThat(names(plan))
        .containsExactly("shop/shop.default-deny", "shop/shop.db", "shop/" + name);
    assertThat(name).matches("shop\\.[a-z2-7]{10}\\.peer");
    assertThat(specYaml(policy(plan, "shop", name))).isEqualTo(PEER_HALF);
    assertThat(policy(plan, "shop", name).getMetadata().getLabels())
        .containsEntry(Labels.COMPONENT, Labels.ROLE_PEER)
        .doesNotContainKey(Labels.TIER);
    assertExact(seg(DB_FROM_API), plan);
  }

  @Test
  void underScopeTiersAloneThePeerIsNotIsolatedAndGetsNothing() {
    Plan plan = plan(seg(DB_FROM_API + "defaultDeny: {scope: Tiers}"), Isolation.NONE);
    assertThat(names(plan)).containsExactly("shop/shop.db");
  }

  @Test
  void anotherAppsDefaultDenyIsolatesThePeerSoThePeerGetsItsEgressHalf() {
    AppSegmentation seg = seg(DB_FROM_API + "defaultDeny: {scope: Tiers}");
    Plan plan =
        plan(seg, Isolation.of(List.of(denyAll("shop", "other.default-deny")), "shop", "shop"));
    assertThat(names(plan)).containsExactly("shop/shop.db", "shop/" + peerName(plan));
    assertThat(specYaml(policy(plan, "shop", peerName(plan)))).isEqualTo(PEER_HALF);
  }

  @Test
  void aPolicyCountsOnlyWhenItSelectsEveryPodOfThePeerInTheDirection() {
    AppSegmentation seg = seg(DB_FROM_API + "defaultDeny: {scope: Tiers}");
    for (NetworkPolicy narrower :
        List.of(
            selecting("shop", Map.of("app", "api", "version", "2"), "Egress"),
            selecting("shop", Map.of("app", "web"), "Egress"),
            selecting("shop", Map.of("app", "api"), "Ingress"),
            selecting("elsewhere", Map.of(), "Egress"))) {
      Plan plan = plan(seg, Isolation.of(List.of(narrower), "shop", "shop"));
      assertThat(names(plan)).as("isolated by %s", narrower).containsExactly("shop/shop.db");
    }
    for (NetworkPolicy broader :
        List.of(
            selecting("shop", Map.of("app", "api"), "Egress"),
            selecting("shop", Map.of(), "Ingress", "Egress"))) {
      Plan plan = plan(seg, Isolation.of(List.of(broader), "shop", "shop"));
      assertThat(names(plan)).as("isolated by %s", broader).hasSize(2);
    }
  }

  @Test
  void theAppsOwnPoliciesAndEveryGeneratedPeerHalfNeverCountAsIsolation() {
    AppSegmentation seg = seg(DB_FROM_API + "defaultDeny: {scope: Tiers}");
    NetworkPolicy own = labelled(denyAll("shop", "shop.default-deny"), "shop", "default-deny");
    NetworkPolicy othersPeerHalf = labelled(denyAll("shop", "other.x.peer"), "other", "peer");
    Plan plan = plan(seg, Isolation.of(List.of(own, othersPeerHalf), "shop", "shop"));
    assertThat(names(plan)).containsExactly("shop/shop.db");
  }

  @Test
  void aFlowFromATierToAnIsolatedPeerGivesThePeerItsIngressHalfWithTheFlowsPorts() {
    AppSegmentation seg =
        seg(
            """
            tiers:
              - {name: web, podSelector: {matchLabels: {app: web}}}
            flows:
              - from: {tier: web}
                to: {podSelector: {matchLabels: {app: cache}}}
                ports: [{port: 6379}]
            dns: {enabled: false}
            """);
    Plan plan = plan(seg, Isolation.NONE);
    assertThat(specYaml(policy(plan, "shop", peerName(plan))))
        .isEqualTo(
            """
            ingress:
            - from:
              - podSelector:
                  matchLabels:
                    app: web
              ports:
              - port: 6379
                protocol: TCP
            podSelector:
              matchLabels:
                app: cache
            policyTypes:
            - Ingress
            """);
    assertExact(seg, plan);
  }

  @Test
  void aTierIsolatedByOthersInADirectionTheAppLeavesOpenGetsItsRulesThereToo() {
    AppSegmentation seg =
        seg(
            """
            defaultDeny: {egress: false, scope: Tiers}
            tiers:
              - {name: web, podSelector: {matchLabels: {app: web}}, ports: [{port: 80}]}
            flows:
              - {from: {tier: web}, to: {cidr: 203.0.113.0/24}, ports: [{port: 443}]}
            """);
    assertThat(policy(plan(seg, Isolation.NONE), "shop", "shop.web").getSpec().getPolicyTypes())
        .containsExactly("Ingress");
    Plan isolated = plan(seg, Isolation.of(List.of(denyAll("shop", "lockdown")), "shop", "shop"));
    NetworkPolicy web = policy(isolated, "shop", "shop.web");
    assertThat(web.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(specYaml(web)).contains("cidr: 203.0.113.0/24").contains("k8s-app: kube-dns");
    Plan nothingDenied =
        plan(
            seg(
                """
                defaultDeny: {ingress: false, egress: false}
                tiers: [{name: web, podSelector: {matchLabels: {app: web}}}]
                """),
            Isolation.of(List.of(selecting("shop", Map.of(), "Ingress")), "shop", "shop"));
    assertThat(names(nothingDenied)).containsExactly("shop/shop.web");
    assertThat(policy(nothingDenied, "shop", "shop.web").getSpec().getPolicyTypes())
        .containsExactly("Ingress");
  }

  @Test
  void peersOutsideTheTierNamespacesAndPeersByNamespaceSelectorOrAddressGetNothing() {
    AppSegmentation seg =
        seg(
            """
            tiers:
              - {name: db, podSelector: {matchLabels: {app: db}}, ports: [{port: 5432}]}
            flows:
              - {from: {namespace: ops, podSelector: {matchLabels: {app: api}}}, to: {tier: db}}
              - {from: {namespaceSelector: {matchLabels: {team: a}}}, to: {tier: db}}
              - {from: {cidr: 10.0.0.0/8}, to: {tier: db}}
              - {from: {anywhere: true}, to: {tier: db}}
            """);
    Isolation everywhere =
        Isolation.of(List.of(denyAll("ops", "x"), denyAll("shop", "y")), "shop", "shop");
    assertThat(names(plan(seg, everywhere)))
        .containsExactly("shop/shop.default-deny", "shop/shop.db");
  }

  @Test
  void onePolicyPerPeerWithItsRulesInFlowOrderAndItsNameStableWhenFlowsMove() {
    String tiers =
        """
        tiers:
          - {name: db, podSelector: {matchLabels: {app: db}}, ports: [{port: 5432}]}
          - {name: cache, podSelector: {matchLabels: {app: cache}}, ports: [{port: 6379}]}
        dns: {enabled: false}
        """;
    String toDb = "  - {from: {podSelector: {matchLabels: {app: api}}}, to: {tier: db}}\n";
    String toCache = "  - {from: {podSelector: {matchLabels: {app: api}}}, to: {tier: cache}}\n";
    Plan plan = plan(seg(tiers + "flows:\n" + toDb + toCache), Isolation.NONE);
    Plan moved =
        plan(
            seg(tiers + "flows:\n  - {from: {tier: db}, to: {tier: cache}}\n" + toDb + toCache),
            Isolation.NONE);
    assertThat(peerName(plan)).isEqualTo(peerName(moved));
    NetworkPolicy half = policy(plan, "shop", peerName(plan));
    assertThat(half.getSpec().getEgress()).hasSize(2);
    assertThat(half.getSpec().getEgress().get(0).getTo().get(0).getPodSelector().getMatchLabels())
        .containsEntry("app", "db");
  }

  @Test
  void samples01And02TogetherGive02sPeerItsHalfAndNothingElseChanges() throws Exception {
    Plan threeTier = plan(Samples.load(Samples.named("01-three-tier.yaml")), Isolation.NONE);
    AppSegmentation postgres = Samples.load(Samples.named("02-database-isolation.yaml"));
    Plan alone = plan(postgres, Isolation.NONE);
    Plan together = plan(postgres, Isolation.of(threeTier.policies(), "production", "postgresql"));
    List<NetworkPolicy> added = new ArrayList<>(together.policies());
    added.removeAll(alone.policies());
    assertThat(together.policies()).containsAll(alone.policies());
    assertThat(added).hasSize(1);
    assertThat(specYaml(added.get(0)))
        .contains("app: api-server")
        .contains("app: postgresql")
        .contains("port: 5432");
  }

  private static Plan plan(AppSegmentation seg, Isolation isolation) {
    try {
      return new Planner(PlanDefaults.STANDARD).plan(seg, Map.of(), isolation);
    } catch (InvalidSpecException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static void assertExact(AppSegmentation seg, Plan plan) {
    assertThat(new PlanVerifier(PlanDefaults.STANDARD).verify(seg, plan).summary(5)).isEmpty();
  }

  private static String peerName(Plan plan) {
    return plan.policies().stream()
        .filter(p -> Labels.ROLE_PEER.equals(p.getMetadata().getLabels().get(Labels.COMPONENT)))
        .map(p -> p.getMetadata().getName())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no peer half in " + names(plan)));
  }

  private static NetworkPolicy denyAll(String namespace, String name) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .endSpec()
        .build();
  }

  private static NetworkPolicy selecting(
      String namespace, Map<String, String> labels, String... types) {
    return new NetworkPolicyBuilder(denyAll(namespace, "hand-written"))
        .editSpec()
        .withNewPodSelector()
        .withMatchLabels(labels)
        .endPodSelector()
        .withPolicyTypes(types)
        .endSpec()
        .build();
  }

  private static NetworkPolicy labelled(NetworkPolicy p, String segName, String role) {
    return new NetworkPolicyBuilder(p)
        .editMetadata()
        .withLabels(Labels.forPolicy("shop", segName, role, null))
        .endMetadata()
        .build();
  }
}
