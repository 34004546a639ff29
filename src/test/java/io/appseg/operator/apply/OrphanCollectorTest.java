package io.appseg.operator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class OrphanCollectorTest {
  KubernetesClient client;

  @BeforeEach
  void anOrphan() {
    NetworkPolicy np =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withNamespace("web")
            .withName("shop.web.shop.ns")
            .withLabels(
                Map.of(
                    Labels.MANAGED_BY, Labels.MANAGER,
                    Labels.SEGMENTATION, "shop",
                    Labels.SEGMENTATION_NAMESPACE, "shop",
                    Labels.SEGMENTATION_UID, "uid-of-a-deleted-app"))
            .withManagedFields(new ManagedFieldsEntryBuilder().withManager(Labels.MANAGER).build())
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .build();
    client.resource(np).create();
  }

  @Test
  void aPolicyWhoseOwnerIsGoneIsRemoved() {
    assertThat(collector(OwnerScope.of(Set.of())).collect())
        .containsExactly("web/shop.web.shop.ns");
    assertThat(policy()).isNull();
  }

  @Test
  void aSweepThatOutlivesItsScopeRemovesNothing() {
    // Every namespace when the sweep takes its snapshot, none afterwards: close() began meanwhile.
    AtomicInteger asked = new AtomicInteger();
    OwnerScope closingDuringTheSweep =
        new OwnerScope() {
          @Override
          public boolean everyNamespace() {
            return asked.getAndIncrement() == 0;
          }

          @Override
          public Set<String> namespaces() {
            return Set.of();
          }
        };

    assertThat(collector(closingDuringTheSweep).collect()).isEmpty();
    assertThat(policy()).isNotNull();
  }

  private OrphanCollector collector(OwnerScope scope) {
    return new OrphanCollector(
        client,
        new EventRecorder(new ArrayList<>()::add, Clock.systemUTC(), "unit-test"),
        new OperatorMetrics(new SimpleMeterRegistry()),
        scope);
  }

  private NetworkPolicy policy() {
    return client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace("web")
        .withName("shop.web.shop.ns")
        .get();
  }
}
