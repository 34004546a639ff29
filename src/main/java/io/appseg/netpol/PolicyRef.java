package io.appseg.netpol;

/** A NetworkPolicy by namespace and name. */
public record PolicyRef(String namespace, String name) {
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
