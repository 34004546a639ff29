package io.appseg.operator.apply;

import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The namespaces whose AppSegmentations this operator answers for: every namespace, a fixed list,
 * or a shard's label-selected set that changes as namespaces are labelled (so it is asked each
 * time, never copied).
 */
public interface OwnerScope {

  /** True: every namespace, {@link #namespaces()} is not consulted. */
  boolean everyNamespace();

  /** The namespaces now; may be empty (a shard no namespace is labelled for). */
  Set<String> namespaces();

  /** A fixed list; empty means every namespace ({@code APPSEG_WATCH_NAMESPACES} unset). */
  static OwnerScope of(Set<String> fixed) {
    return fixed(fixed.isEmpty(), fixed);
  }

  /** The scope as it is now, unchanged by later labelling. */
  default OwnerScope snapshot() {
    return fixed(everyNamespace(), namespaces());
  }

  private static OwnerScope fixed(boolean every, Set<String> namespaces) {
    Set<String> copy = Set.copyOf(namespaces);
    return new OwnerScope() {
      @Override
      public boolean everyNamespace() {
        return every;
      }

      @Override
      public Set<String> namespaces() {
        return copy;
      }
    };
  }

  /**
   * This scope until {@code stopped} answers true, then no namespace: a process shutting down may
   * still be handed an event its informers had received, and must not act on it (a restart, or
   * another replica, answers for the app).
   */
  default OwnerScope until(BooleanSupplier stopped) {
    OwnerScope scope = this;
    return new OwnerScope() {
      @Override
      public boolean everyNamespace() {
        return !stopped.getAsBoolean() && scope.everyNamespace();
      }

      @Override
      public Set<String> namespaces() {
        return stopped.getAsBoolean() ? Set.of() : scope.namespaces();
      }
    };
  }

  default boolean covers(String namespace) {
    return everyNamespace() || namespaces().contains(namespace);
  }
}
