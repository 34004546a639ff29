package io.appseg.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict reading, for what the planner writes; the stored reading is tested with the evaluator.
 */
class IpTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/8",
        "0.0.0.0/0",
        "10.1.2.3/32",
        "2001:db8::/32",
        "::/0",
        "2001:0db8::1/128"
      })
  void strictTakesWhatEveryServerAccepts(String cidr) {
    assertThat(Ip.strictBlock(cidr)).as(cidr).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "010.0.0.0/8",
        "10.0.0.0/08",
        "10.0.0.0",
        "10.0.0/8",
        "10.0.0.0/33",
        "10.0.0.0/-1",
        "10.0.0.*/24",
        "10.0.0.0-9/24",
        "10.0.0.0/255.0.0.0",
        "fe80::1%eth0/64",
        "/8",
        "",
        "example.com/8",
        "0x0a.0.0.0/8",
        "10.0.0.0/8/8",
        "2001:db8::/129",
        "10.1.2.3/8",
        "::ffff:10.0.0.0/104"
      })
  void strictRefusesAmbiguousAndMalformedBlocks(String cidr) {
    assertThat(Ip.strictBlock(cidr)).as(cidr).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.1.0.0/16, true",
    "10.0.0.0/8, 10.0.0.0/8, false",
    "10.0.0.0/8, 11.0.0.0/16, false",
    "10.0.0.0/16, 10.0.0.0/8, false",
    "::/0, 10.0.0.0/8, false",
    "2001:db8::/32, 2001:db8:1::/48, true"
  })
  void strictlyContainsMeansASmallerBlockInside(String outer, String inner, boolean expected) {
    assertThat(Ip.strictlyContains(Ip.block(outer), Ip.block(inner))).isEqualTo(expected);
  }
}
