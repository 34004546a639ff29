package io.appseg.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Resolved;
import io.appseg.verify.WorstCaseSpecs.Shape;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The namespaces the context check reads are those of the population it builds: the informer's
 * index asks for them without building it.
 */
class PopulationNamespacesProperties {

  @Property(tries = 100)
  void theNamespacesAreThoseOfTheWholePopulation(@ForAll("segmentations") AppSegmentation seg) {
    assertSameNamespaces(seg);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void soAtTheCrdsBounds(Shape shape) {
    assertSameNamespaces(WorstCaseSpecs.of(shape));
  }

  private static void assertSameNamespaces(AppSegmentation seg) {
    Resolved spec = Resolved.of(seg, PlanDefaults.STANDARD);
    assertThat(new PopulationBuilder(spec).namespaces())
        .containsExactlyInAnyOrderElementsOf(
            new PopulationBuilder(spec).build().namespaces().keySet());
  }

  @Provide
  Arbitrary<AppSegmentation> segmentations() {
    return SegmentationArbitraries.segmentations();
  }
}
