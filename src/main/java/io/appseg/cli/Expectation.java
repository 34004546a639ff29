package io.appseg.cli;

import io.appseg.netpol.Port;
import io.appseg.netpol.Protocol;
import java.util.Map;

/**
 * One line of an expectations file: a connection and whether it must be allowed or denied.
 *
 * @param where {@code file: expectations[i]}, how reports and errors name it
 */
record Expectation(String where, End from, End to, Port port, Protocol protocol, boolean allowed) {

  /**
   * One end as written: a tier ({@code app/tier}), a pod ({@code namespace/name}), pods by labels
   * in a namespace given by name or by its labels, or an IP address. A string {@code a/b} is the
   * tier b of app a when the input has one, else a pod.
   */
  record End(
      String field,
      String tier,
      String pod,
      String namespace,
      Map<String, String> namespaceLabels,
      Map<String, String> labels,
      String ip) {
    @Override
    public String toString() {
      if (tier != null) {
        return tier;
      }
      if (pod != null) {
        return pod;
      }
      if (ip != null) {
        return ip;
      }
      return "pods "
          + (labels == null ? "" : labels + " ")
          + "in "
          + (namespace != null ? namespace : "namespaces " + namespaceLabels);
    }
  }

  /** {@code from -> to:port/protocol}, the test's name in reports. */
  String connection() {
    return from + " -> " + to + ":" + port + "/" + protocol;
  }
}
