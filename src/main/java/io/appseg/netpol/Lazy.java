package io.appseg.netpol;

import java.util.function.Supplier;

/**
 * A value computed on first use, once, by whichever thread asks first; snapshots are shared across
 * threads.
 */
final class Lazy<T> {
  private final Supplier<T> compute;
  private volatile T value;

  Lazy(Supplier<T> compute) {
    this.compute = compute;
  }

  T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        if (value == null) {
          value = compute.get();
        }
        v = value;
      }
    }
    return v;
  }
}
