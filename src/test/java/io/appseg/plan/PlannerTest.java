package io.appseg.plan;

import static io.appseg.plan.Specs.names;
import static io.appseg.plan.Specs.plan;
import static io.appseg.plan.Specs.policy;
import static io.appseg.plan.Specs.specYaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.Mode;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per planner rule; expected policies are written as the YAML users would read. */
class PlannerTest {
  private static final String THREE_TIERS =
      """
      tiers:
        - {name: web, podSelector: {matchLabels: {tier: web}}, ports: [{port: 8080}]}
        - {name: api, podSelector: {matchLabels: {tier: api}}, ports: [{port: 9090}]}
        - {name: db, podSelector: {matchLabels: {tier: db}}, ports: [{port: 5432}]}
      dns: {enabled: false}
      """;

  @Nested
  class DefaultDeny {
    @Test
    void namespaceScopeDeniesBothDirectionsForEveryPodOfEachNamespace() {
      Plan plan = plan(THREE_TIERS);
      assertThat(names(plan))
          .containsExactly(
              "shop/shop.default-deny", "shop/shop.web", "shop/shop.api", "shop/shop.db");
      assertThat(specYaml(policy(plan, "shop", "shop.default-deny")))
          .isEqualTo(
              """
          podSelector: {}
          policyTypes:
          - Ingress
          - Egress
          """);
    }

    @Test
    void ingressOnlyListsOnlyIngressAndRendersNoEgressRules() {
      Plan plan =
          plan(
              THREE_TIERS
                  + "defaultDeny: {egress: false}\nflows: [{from: {tier: web}, to: {tier: api}}]");
      assertThat(specYaml(policy(plan, "shop", "shop.default-deny")))
          .contains("- Ingress")
          .doesNotContain("Egress");
      assertThat(specYaml(policy(plan, "shop", "shop.web")))
          .isEqualTo(
              """
          podSelector:
            matchLabels:
              tier: web
          policyTypes:
          - Ingress
          """);
    }

    @Test
    void egressOnlyListsOnlyEgress() {
      Plan plan = plan(THREE_TIERS + "defaultDeny: {ingress: false}");
      assertThat(policy(plan, "shop", "shop.api").getSpec().getPolicyTypes())
          .containsExactly("Egress");
      assertThat(policy(plan, "shop", "shop.api").getSpec().getIngress()).isNullOrEmpty();
    }

    @Test
    void nothingDeniedMeansNothingToGenerate() {
      assertThat(plan(THREE_TIERS + "defaultDeny: {ingress: false, egress: false}").policies())
          .isEmpty();
    }

    @Test
    void tiersScopeIsolatesOnlyTierPodsWithoutANamespaceWidePolicy() {
      Plan plan = plan(THREE_TIERS + "defaultDeny: {scope: Tiers}");
      assertThat(names(plan)).containsExactly("shop/shop.web", "shop/shop.api", "shop/shop.db");
      assertThat(policy(plan, "shop", "shop.db").getSpec().getPolicyTypes())
          .containsExactly("Ingress", "Egress");
    }

    @Test
    void aGrantedNamespaceGetsOnlyTheTierPoliciesWithoutTheNamespaceWideDeny() {
      Plan plan = plan(TWO_NAMESPACES);
      assertThat(names(plan))
          .containsExactly("shop/shop.default-deny", "shop/shop.api", "front/shop.web.shop.ns");
      assertThat(plan.namespaces()).containsExactly("shop", "front");
      assertThat(plan.foreignNamespaces()).containsExactly("front");
      assertThat(plan.namespaceDenyAccepted()).isEmpty();
    }

    @Test
    void aNamespaceAcceptingTheNamespaceWideDenyGetsItsOwnDefaultDeny() {
      Map<String, NamespaceFacts> front =
          Map.of(
              "front",
              new NamespaceFacts(
                  "front",
                  Map.of(),
                  Map.of(
                      Labels.GRANT_ANNOTATION, "shop", Labels.NAMESPACE_DENY_ANNOTATION, "shop")));
      Plan plan = plan(Specs.seg(TWO_NAMESPACES), front);
      assertThat(names(plan))
          .containsExactly(
              "shop/shop.default-deny",
              "shop/shop.api",
              "front/shop.default-deny.shop.ns",
              "front/shop.web.shop.ns");
      assertThat(plan.namespaceDenyAccepted()).containsExactly("front");
    }

    private static final String TWO_NAMESPACES =
        """
        tiers:
          - {name: web, namespace: front, podSelector: {matchLabels: {tier: web}}}
          - {name: api, podSelector: {matchLabels: {tier: api}}}
        """;
  }

  @Nested
  class TierFlows {
    @Test
    void sameNamespaceFlowGetsEgressOnSourceAndIngressOnDestinationWithDestinationPorts() {
      Plan plan = plan(THREE_TIERS + "flows: [{from: {tier: web}, to: {tier: api}}]");
      assertThat(specYaml(policy(plan, "shop", "shop.web")))
          .isEqualTo(
              """
          egress:
          - ports:
            - port: 9090
              protocol: TCP
            to:
            - podSelector:
                matchLabels:
                  tier: api
          podSelector:
            matchLabels:
              tier: web
          policyTypes:
          - Ingress
          - Egress
          """);
      assertThat(specYaml(policy(plan, "shop", "shop.api")))
          .isEqualTo(
              """
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  tier: web
            ports:
            - port: 9090
              protocol: TCP
          podSelector:
            matchLabels:
              tier: api
          policyTypes:
          - Ingress
          - Egress
          """);
    }

    @Test
    void crossNamespaceFlowAndsTheNamespaceNameLabelWithThePodSelectorInOnePeer() {
      Plan plan =
          plan(
              """
          tiers:
            - {name: web, namespace: front, podSelector: {matchLabels: {tier: web}}}
            - {name: api, podSelector: {matchLabels: {tier: api}}, ports: [{port: 9090}]}
          flows: [{from: {tier: web}, to: {tier: api}}]
          dns: {enabled: false}
          """);
      assertThat(specYaml(policy(plan, "front", "shop.web.shop.ns")))
          .contains(
              """
          egress:
          - ports:
            - port: 9090
              protocol: TCP
            to:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: shop
              podSelector:
                matchLabels:
                  tier: api
          """);
      assertThat(specYaml(policy(plan, "shop", "shop.api")))
          .contains(
              """
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: front
              podSelector:
                matchLabels:
                  tier: web
          """);
    }

    @Test
    void flowWithinATierAllowsBothDirectionsOnTheSamePolicy() {
      Plan plan = plan(THREE_TIERS + "flows: [{from: {tier: api}, to: {tier: api}}]");
      var api = policy(plan, "shop", "shop.api").getSpec();
      assertThat(api.getIngress()).hasSize(1);
      assertThat(api.getEgress()).hasSize(1);
      assertThat(api.getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
          .containsEntry("tier", "api");
      assertThat(api.getEgress().get(0).getTo().get(0).getPodSelector().getMatchLabels())
          .containsEntry("tier", "api");
    }

    @Test
    void flowsKeepSpecOrderAsRuleOrder() {
      Plan plan =
          plan(
              THREE_TIERS
                  + """
          flows:
            - {from: {tier: web}, to: {tier: db}}
            - {from: {tier: api}, to: {tier: db}}
          """);
      var ingress = policy(plan, "shop", "shop.db").getSpec().getIngress();
      assertThat(ingress)
          .extracting(r -> r.getFrom().get(0).getPodSelector().getMatchLabels().get("tier"))
          .containsExactly("web", "api");
    }
  }

  @Nested
  class Peers {
    @Test
    void namespaceAndPodSelectorAreAndedInOnePeer() {
      Plan plan =
          plan(
              THREE_TIERS
                  + """
          flows:
            - from: {namespace: ingress-nginx, podSelector: {matchLabels: {app: ingress}}}
              to: {tier: web}
          """);
      assertThat(specYaml(policy(plan, "shop", "shop.web")))
          .startsWith(
              """
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: ingress-nginx
              podSelector:
                matchLabels:
                  app: ingress
            ports:
          """);
    }

    @Test
    void namespaceSelectorPeerKeepsTheUsersSelectorAndAndsThePodSelector() {
      Plan plan =
          plan(
              THREE_TIERS
                  + """
          flows:
            - from: {namespaceSelector: {matchLabels: {team: ops}}, podSelector: {matchLabels: {role: admin}}}
              to: {tier: db}
          """);
      var peer = policy(plan, "shop", "shop.db").getSpec().getIngress().get(0).getFrom();
      assertThat(peer).hasSize(1);
      assertThat(peer.get(0).getNamespaceSelector().getMatchLabels())
          .containsExactly(java.util.Map.entry("team", "ops"));
      assertThat(peer.get(0).getPodSelector().getMatchLabels())
          .containsExactly(java.util.Map.entry("role", "admin"));
    }

    @Test
    void podSelectorAloneMeansPodsOfTheSegmentationsNamespaceEvenInAPolicyElsewhere() {
      Plan plan =
          plan(
              """
          tiers:
            - {name: web, namespace: front, podSelector: {matchLabels: {tier: web}}}
          flows: [{from: {podSelector: {matchLabels: {role: debug}}}, to: {tier: web}}]
          """);
      var peer =
          policy(plan, "front", "shop.web.shop.ns").getSpec().getIngress().get(0).getFrom().get(0);
      assertThat(peer.getNamespaceSelector().getMatchLabels())
          .containsEntry("kubernetes.io/metadata.name", "shop");
      assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("role", "debug");
    }

    @Test
    void wholeNamespacePeerSelectsEveryPodThere() {
      Plan plan = plan(THREE_TIERS + "flows: [{from: {namespace: monitoring}, to: {tier: web}}]");
      var peer = policy(plan, "shop", "shop.web").getSpec().getIngress().get(0).getFrom().get(0);
      assertThat(peer.getNamespaceSelector().getMatchLabels())
          .containsEntry("kubernetes.io/metadata.name", "monitoring");
      assertThat(peer.getPodSelector()).isNull();
    }

    @Test
    void cidrWithExceptWorksForIngressAndEgress() {
      Plan plan =
          plan(
              THREE_TIERS
                  + """
          flows:
            - {from: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 192.168.0.0/16]}, to: {tier: web}, ports: [{port: 443}]}
            - {from: {tier: api}, to: {cidr: 203.0.113.0/24}, ports: [{port: 443}]}
          """);
      assertThat(specYaml(policy(plan, "shop", "shop.web")))
          .startsWith(
              """
          ingress:
          - from:
            - ipBlock:
                cidr: 0.0.0.0/0
                except:
                - 10.0.0.0/8
                - 192.168.0.0/16
            ports:
            - port: 443
              protocol: TCP
          """);
      assertThat(specYaml(policy(plan, "shop", "shop.api")))
          .startsWith(
              """
          egress:
          - ports:
            - port: 443
              protocol: TCP
            to:
            - ipBlock:
                cidr: 203.0.113.0/24
          """);
    }

    @Test
    void anywhereOmitsThePeerListInsteadOfWritingAnEmptyPeer() {
      Plan plan =
          plan(
              THREE_TIERS
                  + """
          flows:
            - {from: {anywhere: true}, to: {tier: web}}
            - {from: {tier: api}, to: {anywhere: true}, ports: [{port: 443}]}
          """);
      var ingress = policy(plan, "shop", "shop.web").getSpec().getIngress().get(0);
      assertThat(ingress.getFrom()).isNullOrEmpty();
      assertThat(ingress.getPorts()).hasSize(1);
      assertThat(specYaml(policy(plan, "shop", "shop.web"))).doesNotContain("from");
      assertThat(policy(plan, "shop", "shop.api").getSpec().getEgress().get(0).getTo())
          .isNullOrEmpty();
    }
  }

  @Nested
  class Ports {
    @Test
    void namedPortsRangesAndProtocolsAreWrittenOutExplicitly() {
      Plan plan =
          plan(
              """
          tiers:
            - {name: game, podSelector: {matchLabels: {app: game}}, ports: [{port: http}, {port: 30000, endPort: 30100, protocol: UDP}, {port: 7000, protocol: SCTP}]}
          flows: [{from: {anywhere: true}, to: {tier: game}}]
          dns: {enabled: false}
          """);
      assertThat(specYaml(policy(plan, "shop", "shop.game")))
          .startsWith(
              """
          ingress:
          - ports:
            - port: http
              protocol: TCP
            - endPort: 30100
              port: 30000
              protocol: UDP
            - port: 7000
              protocol: SCTP
          """);
    }

    @Test
    void explicitFlowPortsOverrideTheDestinationTiersPorts() {
      Plan plan =
          plan(
              THREE_TIERS + "flows: [{from: {tier: web}, to: {tier: api}, ports: [{port: 9443}]}]");
      assertThat(policy(plan, "shop", "shop.api").getSpec().getIngress().get(0).getPorts())
          .extracting(p -> p.getPort().getIntVal())
          .containsExactly(9443);
      assertThat(policy(plan, "shop", "shop.web").getSpec().getEgress().get(0).getPorts())
          .extracting(p -> p.getPort().getIntVal())
          .containsExactly(9443);
    }

    @Test
    void noPortsAnywhereMeansAllPortsWithThePortsFieldOmitted() {
      Plan plan =
          plan(
              """
          tiers:
            - {name: a, podSelector: {matchLabels: {app: a}}}
            - {name: b, podSelector: {matchLabels: {app: b}}}
          flows: [{from: {tier: a}, to: {tier: b}}, {from: {tier: a}, to: {cidr: 10.1.0.0/16}}]
          dns: {enabled: false}
          """);
      assertThat(policy(plan, "shop", "shop.b").getSpec().getIngress().get(0).getPorts())
          .isNullOrEmpty();
      assertThat(policy(plan, "shop", "shop.a").getSpec().getEgress())
          .allSatisfy(r -> assertThat(r.getPorts()).isNullOrEmpty());
      assertThat(specYaml(policy(plan, "shop", "shop.a"))).doesNotContain("ports");
    }
  }

  @Nested
  class DnsAndMonitoring {
    @Test
    void dnsIsOnByDefaultTowardsKubeDnsOverUdpAndTcp53() {
      Plan plan = plan("tiers: [{name: web, podSelector: {matchLabels: {tier: web}}}]");
      assertThat(specYaml(policy(plan, "shop", "shop.web")))
          .startsWith(
              """
          egress:
          - ports:
            - port: 53
              protocol: UDP
            - port: 53
              protocol: TCP
            to:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: kube-system
              podSelector:
                matchLabels:
                  k8s-app: kube-dns
          """);
    }

    @Test
    void dnsCanPointAtNodeLocalDnsCache() {
      Plan plan =
          plan(
              """
          tiers: [{name: web, podSelector: {matchLabels: {tier: web}}}]
          dns: {to: [{cidr: 169.254.20.10/32}], ports: [{port: 53, protocol: UDP}]}
          """);
      var rule = policy(plan, "shop", "shop.web").getSpec().getEgress().get(0);
      assertThat(rule.getTo().get(0).getIpBlock().getCidr()).isEqualTo("169.254.20.10/32");
      assertThat(rule.getPorts()).extracting(p -> p.getProtocol()).containsExactly("UDP");
    }

    @Test
    void dnsIsNotRenderedWhenDisabledOrWhenEgressIsOpen() {
      assertThat(policy(plan(THREE_TIERS), "shop", "shop.web").getSpec().getEgress())
          .isNullOrEmpty();
      Plan open = plan("tiers: [{name: web, podSelector: {}}]\ndefaultDeny: {egress: false}");
      assertThat(policy(open, "shop", "shop.web").getSpec().getEgress()).isNullOrEmpty();
    }

    @Test
    void monitoringAllowsTheScraperToEachTiersMetricsPortWithPerTierOverride() {
      Plan plan =
          plan(
              """
          tiers:
            - {name: web, podSelector: {matchLabels: {tier: web}}}
            - {name: db, podSelector: {matchLabels: {tier: db}}, metricsPort: 9187}
          monitoring: {enabled: true, from: [{namespace: monitoring, podSelector: {matchLabels: {app: prometheus}}}]}
          dns: {enabled: false}
          """);
      assertThat(specYaml(policy(plan, "shop", "shop.web")))
          .startsWith(
              """
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: monitoring
              podSelector:
                matchLabels:
                  app: prometheus
            ports:
            - port: metrics
              protocol: TCP
          """);
      assertThat(
              policy(plan, "shop", "shop.db")
                  .getSpec()
                  .getIngress()
                  .get(0)
                  .getPorts()
                  .get(0)
                  .getPort()
                  .getIntVal())
          .isEqualTo(9187);
    }

    @Test
    void monitoringDefaultsToNamespacesLabelledPurposeMonitoring() {
      Plan plan = plan("tiers: [{name: web, podSelector: {}}]\nmonitoring: {enabled: true}");
      var peer = policy(plan, "shop", "shop.web").getSpec().getIngress().get(0).getFrom().get(0);
      assertThat(peer.getNamespaceSelector().getMatchLabels())
          .containsEntry("purpose", "monitoring");
    }

    @Test
    void monitoringIsOffByDefault() {
      assertThat(policy(plan(THREE_TIERS), "shop", "shop.web").getSpec().getIngress())
          .isNullOrEmpty();
    }
  }

  @Nested
  class Metadata {
    @Test
    void everyPolicyCarriesTheOwnershipLabels() {
      Plan plan = plan(THREE_TIERS);
      assertThat(plan.policies())
          .allSatisfy(
              p ->
                  assertThat(Labels.ownedBy(p.getMetadata().getLabels(), "shop", "shop")).isTrue());
      assertThat(policy(plan, "shop", "shop.api").getMetadata().getLabels())
          .containsEntry(Labels.COMPONENT, "tier")
          .containsEntry(Labels.TIER, "api");
      assertThat(policy(plan, "shop", "shop.default-deny").getMetadata().getLabels())
          .containsEntry(Labels.COMPONENT, "default-deny")
          .doesNotContainKey(Labels.TIER);
      assertThat(plan.generated())
          .extracting(g -> g.getName() + ":" + g.getRole())
          .containsExactly(
              "shop.default-deny:default-deny", "shop.web:tier", "shop.api:tier", "shop.db:tier");
    }

    @Test
    void auditModePlansExactlyWhatEnforceWould() {
      Plan audit = plan(THREE_TIERS + "mode: Audit");
      assertThat(audit.mode()).isEqualTo(Mode.Audit);
      assertThat(Manifests.toYaml(audit.policies()))
          .isEqualTo(Manifests.toYaml(plan(THREE_TIERS).policies()));
    }

    @Test
    void planEqualsItsOwnRoundTripThroughYamlSoComparisonsWithTheClusterAreExact() {
      Plan plan =
          plan(
              THREE_TIERS
                  + "flows: [{from: {cidr: 10.0.0.0/8}, to: {tier: web}}, {from: {anywhere: true}, to: {tier: db}}]");
      for (var policy : plan.policies()) {
        var readBack =
            io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                Manifests.toYaml(policy),
                io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
        assertThat(readBack).isEqualTo(policy);
      }
    }

    @Test
    void outputIsByteIdenticalWhateverTheOrderOfMatchLabels() {
      String a =
          Manifests.toYaml(
              plan("tiers: [{name: w, podSelector: {matchLabels: {b: '2', a: '1'}}}]").policies());
      String b =
          Manifests.toYaml(
              plan("tiers: [{name: w, podSelector: {matchLabels: {a: '1', b: '2'}}}]").policies());
      assertThat(a).isEqualTo(b).contains("a: \"1\"\n      b: \"2\"");
    }
  }
}
