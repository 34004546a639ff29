package io.appseg.netpol;

import static io.appseg.netpol.NetpolRulesTest.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appseg.kube.Ip;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationAndAddressTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      {podSelector: {}, policyTypes: [Ingress, Egress, Ingress]}                                   | spec.policyTypes: at most 2 entries
      {podSelector: {}, ingress: [{from: [{podSelector: {}, ipBlock: {cidr: 10.0.0.0/8}}]}]}       | ipBlock may not be combined
      {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}}]}]} | must be a strict subset
      {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/33}}]}]}                       | prefix longer than 32 bits
      {podSelector: {}, ingress: [{ports: [{port: '80'}]}]}                                        | '80' is neither a number nor a valid port name
      {podSelector: {}, ingress: [{ports: [{port: http, endPort: 90}]}]}                           | endPort: requires a numeric port
      {podSelector: {}, ingress: [{ports: [{port: 0}]}]}                                           | 0 is outside 1-65535
      {podSelector: {}, ingress: [{ports: [{port: 80, endPort: 70000}]}]}                          | must be between port 80 and 65535
      {podSelector: {matchExpressions: [{key: a, operator: In}]}}                                  | values: must be non-empty for operator In
      {podSelector: {matchExpressions: [{key: a, operator: Exists, values: [x]}]}}                 | values: must be empty for operator Exists
      {podSelector: {matchExpressions: [{key: a, operator: Gt, values: ['1']}]}}                   | 'Gt' is not one of
      """)
  void rejectsWhatTheApiServerRejects(String spec, String message) {
    assertThatThrownBy(() -> World.with(policy("x", "p", spec)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
      10.0.0.0/8, 10.255.1.2, true
      10.0.0.0/8, 11.0.0.0, false
      0.0.0.0/0, 255.255.255.255, true
      10.0.0.1/32, 10.0.0.1, true
      10.0.0.1/32, 10.0.0.2, false
      2001:db8::/32, 2001:db8:ffff::1, true
      2001:db8::/32, 2001:db9::1, false
      ::/0, ::1, true
      ::/0, 10.0.0.1, false
      0.0.0.0/0, ::ffff:10.0.0.1, false
      fd00::/8, fd12:3456:789a::1, true
      2001:db8::1:0:0:1/128, 2001:0db8:0:0:1:0:0:1, true
      2001:db8::/64, 2001:db8::ffff:ffff:ffff:ffff, true
      2001:db8::/65, 2001:db8::8000:0:0:0, false
      """)
  void cidrContainment(String cidr, String address, boolean expected) {
    assertThat(Ip.contains(Ip.block(cidr), Ip.address(address))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
      1.2.3
      1.2.3.4.5
      256.1.1.1
      1.2.3.-1
      example.com
      1:2:3:4:5:6:7:8:9
      1::2::3
      fe80::1%eth0
      12345::1
      ''
      """)
  void rejectsMalformedAddressesWithoutDnsLookups(String text) {
    assertThatThrownBy(() -> Ip.address(text)).hasMessageContaining("is not an IP address");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
      10.1.2.3/8, 10.0.0.0/8
      2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32
      010.001.002.003/32, 10.1.2.3/32
      """)
  void normalisesCidrsToTheirNetwork(String text, String normal) {
    assertThat(Ip.block(text).toNormalizedString()).isEqualTo(normal);
  }
}
