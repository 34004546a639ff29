package io.appseg.plan;

import static io.appseg.plan.Specs.seg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appseg.api.v1alpha1.CrdConstants;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each rule the planner relies on rejects bad input with a field path and a message saying what is
 * allowed.
 */
class SpecValidatorTest {
  private static final String TIERS =
      """
      tiers:
        - {name: web, podSelector: {matchLabels: {tier: web}}}
        - {name: api, podSelector: {matchLabels: {tier: api}}}
        - {name: db, podSelector: {matchLabels: {tier: db}}}
      """;

  private static List<String> errors(String spec) {
    return new SpecValidator().validate(seg(spec)).stream().map(SpecError::toString).toList();
  }

  @Test
  void validSpecHasNoErrors() {
    assertThat(errors(TIERS + "flows: [{from: {tier: web}, to: {tier: api}}]")).isEmpty();
  }

  @Test
  void listsOutsideTheCrdsBoundsAreRefusedAsTheApiServerRefusesThem() {
    StringBuilder tiers = new StringBuilder("tiers:\n");
    for (int i = 0; i <= CrdConstants.MAX_TIERS; i++) {
      tiers.append("  - {name: t").append(i).append(", podSelector: {}}\n");
    }
    String excepts = "[" + "10.1.0.0/16, ".repeat(CrdConstants.MAX_EXCEPT) + "10.2.0.0/16]";

    assertThat(errors(tiers + "dns: {to: [], ports: []}\n"))
        .contains(
            "spec.tiers: must have at most 50 items, has 51",
            "spec.dns.to: must have at least 1 item",
            "spec.dns.ports: must have at least 1 item");
    assertThat(
            errors(
                TIERS
                    + "flows: [{from: {tier: web}, to: {cidr: 10.0.0.0/8, except: "
                    + excepts
                    + "}}]"))
        .containsExactly("spec.flows[0].to.except: must have at most 32 items, has 33");
  }

  @Test
  void sumsOverTheCrdsBoundsAreRefusedWhereEveryListIsWithinItsOwn() {
    String ports = "[" + "{port: 80}, ".repeat(CrdConstants.MAX_PORTS - 1) + "{port: 81}]";
    String block = "{cidr: 10.0.0.0/8, except: [" + "10.1.0.0/16, ".repeat(31) + "10.2.0.0/16]}";
    StringBuilder tiers = new StringBuilder("tiers:\n");
    for (int i = 0; i < 9; i++) {
      tiers.append("  - {name: t").append(i).append(", podSelector: {}, ports: ").append(ports);
      tiers.append("}\n");
    }
    StringBuilder flows = new StringBuilder("flows:\n");
    for (int i = 0; i < 33; i++) {
      flows.append("  - {from: {tier: t0}, to: {tier: t1}, ports: ").append(ports).append("}\n");
    }
    for (int i = 0; i < 8; i++) {
      flows.append("  - {from: {tier: t0}, to: ").append(block).append("}\n");
    }

    assertThat(errors(tiers + flows.toString() + "dns: {to: [" + block + "]}\n"))
        .containsExactly(
            "spec.tiers: must have at most 256 ports in all tiers[].ports together, has 288",
            "spec.flows: must have at most 1024 ports in all flows[].ports together, has 1056",
            "spec: must have at most 256 except blocks in all of flows, dns.to and monitoring.from"
                + " together, has 288");
  }

  @Test
  void undeclaredTierNamesTheDeclaredOnes() {
    assertThat(
            errors(
                TIERS
                    + """
        flows:
          - {from: {tier: web}, to: {tier: api}}
          - {from: {tier: api}, to: {tier: db}}
          - {from: {tier: api}, to: {tier: dbx}}
        """))
        .containsExactly(
            "spec.flows[2].to: tier \"dbx\" is not declared; declared tiers: web, api, db");
  }

  @Test
  void allErrorsAreReportedAtOnce() {
    assertThat(
            errors(
                """
        tiers:
          - {name: web, podSelector: {}}
          - {name: web, podSelector: {}, ports: [{port: 70000}]}
        flows: [{from: {tier: nope}, to: {cidr: 10.0.0.0/8}}]
        """))
        .containsExactly(
            "spec.tiers[1].name: duplicate tier name \"web\": tier names must be unique",
            "spec.tiers[1].ports[0].port: 70000 is out of range: allowed 1-65535",
            "spec.flows[0].from: tier \"nope\" is not declared; declared tiers: web");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      no tiers              | tiers: []                                                            | spec.tiers: must declare at least one tier
      bad tier name         | tiers: [{name: Web_1, podSelector: {}}]                              | spec.tiers[0].name: "Web_1" is not a valid name
      reserved tier name    | tiers: [{name: default-deny, podSelector: {}}]                       | spec.tiers[0].name: "default-deny" is reserved
      bad namespace         | tiers: [{name: w, namespace: -x, podSelector: {}}]                   | spec.tiers[0].namespace: "-x" is not a valid name
      missing podSelector   | tiers: [{name: w}]                                                   | spec.tiers[0].podSelector: is required
      bad operator          | tiers: [{name: w, podSelector: {matchExpressions: [{key: a, operator: Equals, values: [b]}]}}] | spec.tiers[0].podSelector.matchExpressions[0].operator: "Equals" is not allowed
      In without values     | tiers: [{name: w, podSelector: {matchExpressions: [{key: a, operator: In}]}}] | spec.tiers[0].podSelector.matchExpressions[0].values: must not be empty
      Exists with values    | tiers: [{name: w, podSelector: {matchExpressions: [{key: a, operator: Exists, values: [b]}]}}] | spec.tiers[0].podSelector.matchExpressions[0].values: must be empty
      bad label key         | tiers: [{name: w, podSelector: {matchLabels: {'a b': c}}}]           | spec.tiers[0].podSelector.matchLabels: "a b" is not a valid label key
      bad label value       | tiers: [{name: w, podSelector: {matchLabels: {a: '-b'}}}]            | spec.tiers[0].podSelector.matchLabels[a]: "-b" is not a valid label value
      port zero             | tiers: [{name: w, podSelector: {}, ports: [{port: 0}]}]              | spec.tiers[0].ports[0].port: 0 is out of range
      port name too long    | tiers: [{name: w, podSelector: {}, ports: [{port: averyveryverylongname}]}] | spec.tiers[0].ports[0].port: "averyveryverylongname" is not a valid port name
      port name no letter   | tiers: [{name: w, podSelector: {}, ports: [{port: '80-80'}]}]        | spec.tiers[0].ports[0].port: "80-80" is not a valid port name
      endPort with name     | tiers: [{name: w, podSelector: {}, ports: [{port: http, endPort: 90}]}] | spec.tiers[0].ports[0].endPort: needs a numeric port
      endPort below port    | tiers: [{name: w, podSelector: {}, ports: [{port: 90, endPort: 80}]}] | spec.tiers[0].ports[0].endPort: 80 must be between port (90) and 65535
      metricsPort no monitoring | tiers: [{name: w, podSelector: {}, metricsPort: 9100}]           | spec.tiers[0].metricsPort: needs monitoring.enabled: true
      """)
  void tierRules(String rule, String spec, String expected) {
    assertThat(errors(spec)).anySatisfy(e -> assertThat(e).startsWith(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      two endpoint forms    | {from: {tier: web, cidr: 10.0.0.0/8}, to: {tier: api}}            | spec.flows[0].from: must be exactly one of: tier, pods (namespace/namespaceSelector/podSelector), cidr, or anywhere: true; found 2
      no endpoint form      | {from: {}, to: {tier: api}}                                        | spec.flows[0].from: must be exactly one of
      anywhere false        | {from: {anywhere: false}, to: {tier: api}}                         | spec.flows[0].from: must be exactly one of
      missing to            | {from: {tier: web}}                                                | spec.flows[0].to: is required
      no tier on any side   | {from: {cidr: 10.0.0.0/8}, to: {namespace: x}}                     | spec.flows[0]: a flow needs a tier on at least one side
      except without cidr   | {from: {namespace: x, except: [10.0.0.0/8]}, to: {tier: api}}      | spec.flows[0].from.except: is allowed only with cidr
      namespace and selector| {from: {namespace: x, namespaceSelector: {}}, to: {tier: api}}     | spec.flows[0].from.namespaceSelector: use namespace or namespaceSelector, not both
      bad cidr              | {from: {cidr: 10.0.0.300/8}, to: {tier: api}}                      | spec.flows[0].from.cidr: "10.0.0.300/8" is not a CIDR block
      prefix too long       | {from: {cidr: 10.0.0.0/33}, to: {tier: api}}                       | spec.flows[0].from.cidr: "10.0.0.0/33" is not a CIDR block
      except outside cidr   | {from: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}, to: {tier: api}} | spec.flows[0].from.except[0]: "192.168.0.0/16" must lie strictly inside cidr 10.0.0.0/8
      except same as cidr   | {from: {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}, to: {tier: api}}  | spec.flows[0].from.except[0]: "10.0.0.0/8" must lie strictly inside
      except other family   | {from: {cidr: 10.0.0.0/8, except: ['2001:db8::/32']}, to: {tier: api}} | spec.flows[0].from.except[0]: "2001:db8::/32" must lie strictly inside
      named port to cidr    | {from: {tier: web}, to: {cidr: 10.0.0.0/8}, ports: [{port: https}]} | spec.flows[0].ports: named ports need a pod destination
      """)
  void flowRules(String rule, String flow, String expected) {
    assertThat(errors(TIERS + "flows: [" + flow + "]"))
        .anySatisfy(e -> assertThat(e).startsWith(expected));
  }

  @Test
  void ipv6BlocksAreUnderstood() {
    assertThat(
            errors(
                TIERS
                    + "flows: [{from: {cidr: '2001:db8::/32', except: ['2001:db8:1::/48']}, to: {tier: api}}]"))
        .isEmpty();
  }

  @Test
  void dnsAndMonitoringPeersAreChecked() {
    assertThat(
            errors(
                TIERS
                    + """
        dns: {to: [{cidr: 10.0.0.0/8, namespace: kube-system}], ports: [{port: 0}]}
        monitoring: {enabled: true, from: [{}], port: 'Metrics'}
        """))
        .containsExactly(
            "spec.dns.to[0]: must be exactly one of: pods (namespace/namespaceSelector/podSelector) or cidr",
            "spec.dns.ports[0].port: 0 is out of range: allowed 1-65535",
            "spec.monitoring.from[0]: must be exactly one of: pods (namespace/namespaceSelector/podSelector) or cidr",
            "spec.monitoring.port: \"Metrics\" is not a valid port name: at most 15 lowercase letters, digits and '-', "
                + "with at least one letter, no '--', not starting or ending with '-'");
  }

  @Test
  void nameLongerThanALabelValueIsRejected() {
    var seg = seg("shop", "a".repeat(64), TIERS);
    assertThat(new SpecValidator().validate(seg))
        .extracting(SpecError::toString)
        .containsExactly(
            "metadata.name: \""
                + "a".repeat(64)
                + "\" is not a valid name: use at most 63 lowercase "
                + "letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit");
  }

  @Test
  void plannerRefusesInvalidSpecsWithEveryError() {
    var seg = seg("tiers: [{name: w, podSelector: {}}]\nflows: [{from: {tier: x}, to: {tier: y}}]");
    assertThatThrownBy(() -> new Planner(PlanDefaults.STANDARD).plan(seg))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).hasSize(2))
        .hasMessageContaining("spec.flows[0].from: tier \"x\" is not declared");
  }
}
