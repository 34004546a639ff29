package io.appseg.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.netpol.Caveat;
import org.junit.jupiter.api.Test;

/** Texts users read: counted nouns agree, and no internal rule id (R01-R22) is shown. */
class WordsTest {

  @Test
  void oneIsSingular() {
    assertThat(Words.policies(1)).isEqualTo("1 NetworkPolicy");
    assertThat(Words.policies(0)).isEqualTo("0 NetworkPolicies");
    assertThat(Words.policies(4)).isEqualTo("4 NetworkPolicies");
  }

  @Test
  void caveatsCarryNoRuleIds() {
    for (Caveat c : Caveat.values()) {
      assertThat(c.description()).as(c.name()).doesNotContainPattern("R\\d\\d");
    }
  }
}
