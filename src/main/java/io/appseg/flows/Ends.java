package io.appseg.flows;

import io.appseg.kube.Identifiers;
import io.appseg.kube.Ip;
import io.appseg.text.Escape;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the ends of a flow from what a record says, checking every identifier as the API server
 * would, so that nothing malformed reaches a model or the output. A bad value is an {@link
 * IllegalArgumentException} whose message names the field and what is wrong.
 */
final class Ends {
  /** The alphabet of the random suffixes Kubernetes gives pod names (no vowels). */
  private static final Pattern RANDOM_SUFFIX =
      Pattern.compile("^(.+)-[bcdfghjklmnpqrstvwxz2-9]{5}$");

  private static final Pattern ORDINAL = Pattern.compile("^(.+)-\\d+$");

  private Ends() {}

  static FlowEnd pod(
      String where,
      String namespace,
      String pod,
      String ip,
      Map<String, String> labels,
      Map<String, String> namespaceLabels,
      String workload) {
    require(
        where + "namespace",
        namespace,
        Identifiers.isDnsLabel(namespace),
        Identifiers.DNS_LABEL_RULE);
    require(
        where + "pod",
        pod,
        Identifiers.isDnsSubdomain(pod, Identifiers.DNS_SUBDOMAIN_MAX),
        Identifiers.dnsSubdomainRule(Identifiers.DNS_SUBDOMAIN_MAX));
    labels(where + "labels", labels);
    labels(where + "namespace labels", namespaceLabels);
    if (workload != null) {
      require(
          where + "workloads[0].name",
          workload,
          Identifiers.isDnsSubdomain(workload, Identifiers.DNS_SUBDOMAIN_MAX),
          Identifiers.dnsSubdomainRule(Identifiers.DNS_SUBDOMAIN_MAX));
    }
    return new FlowEnd(
        namespace,
        pod,
        ip == null ? null : address(where + "ip", ip),
        labels,
        namespaceLabels,
        workload);
  }

  static String address(String where, String ip) {
    try {
      return Ip.address(ip).toCanonicalString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + Escape.quote(ip) + " is not an IP address");
    }
  }

  static int port(String where, long port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(where + ": " + port + " is outside 1-65535");
    }
    return (int) port;
  }

  /**
   * The workload a pod belongs to, from its generated name: a Deployment's pods end in {@code
   * -<pod-template-hash>-<random>}, a StatefulSet's in {@code -<ordinal>}, a DaemonSet's, Job's or
   * ReplicaSet's in {@code -<random>}. Anything else is its own workload.
   */
  static String owner(String pod, Map<String, String> labels) {
    String hash = labels.get("pod-template-hash");
    if (hash != null) {
      int at = pod.lastIndexOf("-" + hash);
      if (at > 0) {
        return pod.substring(0, at);
      }
    }
    if (labels.containsKey("controller-revision-hash")
        || labels.containsKey("statefulset.kubernetes.io/pod-name")) {
      Matcher m = ORDINAL.matcher(pod);
      if (m.matches()) {
        return m.group(1);
      }
    }
    Matcher m = RANDOM_SUFFIX.matcher(pod);
    return m.matches() ? m.group(1) : pod;
  }

  private static void labels(String where, Map<String, String> labels) {
    labels.forEach(
        (k, v) -> {
          require(where, k, Identifiers.isLabelKey(k), Identifiers.LABEL_KEY_RULE);
          if (!Identifiers.isLabelValue(v)) {
            throw new IllegalArgumentException(
                where + " " + k + ": " + Escape.quote(v) + " " + Identifiers.LABEL_VALUE_RULE);
          }
        });
  }

  private static void require(String where, String value, boolean ok, String rule) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(where + ": missing");
    }
    if (!ok) {
      throw new IllegalArgumentException(where + ": " + Escape.quote(value) + " " + rule);
    }
  }
}
