package io.appseg.netpol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.appseg.kube.Ip;
import java.util.Objects;

/**
 * One end of a connection: a pod ({@code namespace}/{@code name}) or an IP address outside the
 * model. Exactly one form is set; the other fields are null (and omitted from JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(String namespace, String name, String ip) {

  public Endpoint {
    boolean pod = namespace != null || name != null;
    if (pod == (ip != null) || pod && (isBlank(namespace) || isBlank(name))) {
      throw new IllegalArgumentException(
          "an endpoint is either a pod (namespace and name) or an IP address");
    }
    if (ip != null) {
      Ip.address(ip); // reject garbage early, with a clear message
    }
  }

  public static Endpoint pod(String namespace, String name) {
    return new Endpoint(namespace, name, null);
  }

  public static Endpoint ip(String address) {
    return new Endpoint(null, null, Objects.requireNonNull(address, "address"));
  }

  /**
   * Parses {@code ns/name} as a pod and anything else as an IP address. A namespace never contains
   * '.' or ':', so a CIDR such as {@code 10.0.0.0/8} is refused as an address rather than read as a
   * pod.
   */
  public static Endpoint parse(String text) {
    int slash = text.indexOf('/');
    String head = slash < 0 ? text : text.substring(0, slash);
    if (slash > 0 && slash == text.lastIndexOf('/') && !head.contains(":") && !head.contains(".")) {
      return pod(text.substring(0, slash), text.substring(slash + 1));
    }
    return ip(text.trim());
  }

  @JsonIgnore
  public boolean isPod() {
    return ip == null;
  }

  @Override
  public String toString() {
    return isPod() ? namespace + "/" + name : ip;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
