package io.appseg.api.v1alpha1;

/** Enforce writes the planned policies; Audit computes and reports them and writes nothing. */
public enum Mode {
  Enforce,
  Audit
}
