package io.appseg.operator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OwnerScopeTest {
  @Test
  void aStoppedScopeCoversNoNamespace() {
    AtomicBoolean stopped = new AtomicBoolean();
    OwnerScope every = OwnerScope.of(Set.of()).until(stopped::get);
    OwnerScope listed = OwnerScope.of(Set.of("team-a")).until(stopped::get);
    assertThat(every.covers("team-b")).isTrue();
    assertThat(listed.covers("team-a")).isTrue();
    assertThat(listed.covers("team-b")).isFalse();

    stopped.set(true);
    assertThat(every.covers("team-b")).isFalse();
    assertThat(listed.covers("team-a")).isFalse();
    assertThat(listed.namespaces()).isEmpty();
  }
}
