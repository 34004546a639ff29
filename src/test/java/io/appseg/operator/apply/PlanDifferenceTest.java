package io.appseg.operator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanDifferenceTest {

  @Test
  void nothingToWriteIsSaidSo() {
    assertThat(PlanDifference.none().summary()).isEqualTo("Enforce would write nothing");
  }

  @Test
  void eachKindIsCountedAndListedUpToFiveNames() {
    List<String> seven = IntStream.range(0, 7).mapToObj(i -> "ns/p" + i).toList();
    PlanDifference d = new PlanDifference(seven, List.of("ns/u"), List.of("ns/old"), List.of());
    assertThat(d.summary())
        .isEqualTo(
            "Enforce would create 7 (ns/p0, ns/p1, ns/p2, ns/p3, ns/p4, and 2 more), update 1 (ns/u),"
                + " prune 1 (ns/old)");
  }
}
