package io.appseg.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void dnsLabels() {
    assertThat(Identifiers.isDnsLabel("a")).isTrue();
    assertThat(Identifiers.isDnsLabel("web-1")).isTrue();
    assertThat(Identifiers.isDnsLabel("a".repeat(63))).isTrue();
    assertThat(Identifiers.isDnsLabel("a".repeat(64))).isFalse();
    for (String bad : new String[] {"", "-a", "a-", "A", "a.b", "a_b", "a\n", "a b", null}) {
      assertThat(Identifiers.isDnsLabel(bad)).as(String.valueOf(bad)).isFalse();
    }
  }

  @Test
  void dnsSubdomainsWithTheirBound() {
    assertThat(Identifiers.isDnsSubdomain("a.b-c.d", 253)).isTrue();
    assertThat(Identifiers.isDnsSubdomain("a".repeat(64), 63)).isFalse();
    for (String bad : new String[] {"", ".a", "a.", "a..b", "a.-b", "Shop_1", "a\n---"}) {
      assertThat(Identifiers.isDnsSubdomain(bad, 253)).as(bad).isFalse();
    }
  }

  @Test
  void labelKeysHaveAnOptionalSubdomainPrefix() {
    assertThat(Identifiers.isLabelKey("app")).isTrue();
    assertThat(Identifiers.isLabelKey("app.kubernetes.io/name")).isTrue();
    assertThat(Identifiers.isLabelKey("A_b.C")).isTrue();
    for (String bad :
        new String[] {
          "", "/a", "a/", "a/b/c", "Example.com/a", "a".repeat(64), "-a", "a#b", null
        }) {
      assertThat(Identifiers.isLabelKey(bad)).as(String.valueOf(bad)).isFalse();
    }
  }

  @Test
  void labelValuesMayBeEmpty() {
    assertThat(Identifiers.isLabelValue("")).isTrue();
    assertThat(Identifiers.isLabelValue("v1.2_x-Y")).isTrue();
    for (String bad : new String[] {"-a", "a-", "a b", "a/b", "a".repeat(64), "x\"", null}) {
      assertThat(Identifiers.isLabelValue(bad)).as(String.valueOf(bad)).isFalse();
    }
  }
}
