package io.appseg.api.v1alpha1;

/** Which pods default-deny isolates: every pod of the namespace, or only this app's tier pods. */
public enum Scope {
  Namespace,
  Tiers
}
