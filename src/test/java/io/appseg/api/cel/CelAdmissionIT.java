package io.appseg.api.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.appseg.it.AppSegmentations;
import io.appseg.it.KubeIT;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CEL rule of the CRD enforced by the API server itself at admission, on the cases
 * CelRulesTest runs through dev.cel (which also proves each rule has a passing and a failing case):
 * a valid resource is accepted, each invalid one refused with 422 naming the rule's message at the
 * rule's field path. Dry-run creates, so the cases can share one name.
 */
class CelAdmissionIT extends KubeIT {

  @BeforeAll
  static void namespace() {
    kube.createNamespace("shop");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.appseg.api.cel.CelCases#passing")
  void theApiServerAcceptsAValidResource(CelCase c) {
    GenericKubernetesResource created = dryRunCreate(c);

    assertThat(created.getMetadata().getName()).isEqualTo(c.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.appseg.api.cel.CelCases#failing")
  void theApiServerRefusesAnInvalidResourceWithTheRulesMessageAndField(CelCase c) {
    KubernetesClientException error =
        catchThrowableOfType(KubernetesClientException.class, () -> dryRunCreate(c));

    assertThat(error).as("refused").isNotNull();
    assertThat(error.getCode()).as(error.getMessage()).isEqualTo(422);
    List<StatusCause> causes = error.getStatus().getDetails().getCauses();
    assertThat(causes)
        .as(error.getMessage())
        .anySatisfy(
            cause -> {
              assertThat(cause.getField()).isEqualTo(c.field().isEmpty() ? "<nil>" : c.field());
              assertThat(cause.getMessage()).contains(c.rule());
            });
  }

  private static GenericKubernetesResource dryRunCreate(CelCase c) {
    GenericKubernetesResource resource =
        client
            .getKubernetesSerialization()
            .convertValue(c.resource(), GenericKubernetesResource.class);
    return AppSegmentations.untyped(client, "shop").resource(resource).dryRun().create();
  }
}
