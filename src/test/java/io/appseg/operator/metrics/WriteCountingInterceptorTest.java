package io.appseg.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteCountingInterceptorTest {

  @Test
  void kindIsTheResourceOfTheUrlPathWithItsSubresource() {
    assertThat(
            WriteCountingInterceptor.kindOf(
                "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/a"))
        .isEqualTo("networkpolicies");
    assertThat(
            WriteCountingInterceptor.kindOf(
                "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies"))
        .isEqualTo("networkpolicies");
    assertThat(
            WriteCountingInterceptor.kindOf(
                "/apis/appseg.io/v1alpha1/namespaces/shop/appsegmentations/shop/status"))
        .isEqualTo("appsegmentations/status");
    assertThat(WriteCountingInterceptor.kindOf("/api/v1/namespaces/shop/events"))
        .isEqualTo("events");
    assertThat(WriteCountingInterceptor.kindOf("/api/v1/namespaces/shop")).isEqualTo("namespaces");
    assertThat(
            WriteCountingInterceptor.kindOf("/apis/coordination.k8s.io/v1/namespaces/ops/leases/l"))
        .isEqualTo("leases");
  }

  @Test
  void readsAndDryRunsAreNotWrites() {
    assertThat(WriteCountingInterceptor.isWrite("POST", null)).isTrue();
    assertThat(WriteCountingInterceptor.isWrite("PATCH", "fieldManager=appseg-operator&force=true"))
        .isTrue();
    assertThat(WriteCountingInterceptor.isWrite("PATCH", "dryRun=All&fieldManager=appseg-operator"))
        .isFalse();
    assertThat(WriteCountingInterceptor.isWrite("GET", null)).isFalse();
  }
}
