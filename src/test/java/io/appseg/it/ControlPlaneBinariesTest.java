package io.appseg.it;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.appseg.local.ControlPlaneBinaries;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneBinariesTest {

  @Test
  void missingBinariesFailWithTheFix(@TempDir Path empty) {
    assertThatIllegalStateException()
        .isThrownBy(() -> ControlPlaneBinaries.at(empty).requireInstalled())
        .withMessageContaining("kube-apiserver")
        .withMessageContaining(
            empty.resolve("k8s/" + ControlPlaneBinaries.VERSION + "-linux-amd64").toString())
        .withMessageContaining("hack/setup-kube-apiserver.sh");
  }
}
