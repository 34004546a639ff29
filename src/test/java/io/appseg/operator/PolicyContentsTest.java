package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the evaluator reads of a policy, digested once per UID and resourceVersion. */
class PolicyContentsTest {

  private static NetworkPolicy policy(String name, String uid, String version, String tier) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withNamespace("shop")
        .withName(name)
        .withUid(uid)
        .withResourceVersion(version)
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .addToMatchLabels("tier", tier)
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .endSpec()
        .build();
  }

  @Test
  void policiesThatDifferOnlyByNameDigestAlike() {
    assertThat(PolicyContents.digest(policy("a", "1", "1", "web")))
        .isEqualTo(PolicyContents.digest(policy("b", "2", "7", "web")))
        .isNotEqualTo(PolicyContents.digest(policy("a", "1", "1", "api")));
  }

  @Test
  void aNewVersionOfAPolicyIsDigestedAgain() {
    PolicyContents contents = new PolicyContents();
    String web = contents.of("shop", List.of(policy("a", "1", "1", "web"))).get("1");

    assertThat(contents.of("shop", List.of(policy("a", "1", "2", "api"))).get("1"))
        .isNotEqualTo(web)
        .isEqualTo(PolicyContents.digest(policy("a", "1", "2", "api")));
  }
}
