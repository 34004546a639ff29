package io.appseg.ship;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checks of the Pod Security Standard "restricted" profile (baseline included) that a pod spec
 * can be judged on offline, plus the project's own rules: read-only root filesystem with a writable
 * /tmp emptyDir. Returns the violations, so a test can show both that our pods pass and that the
 * checker catches a bad one.
 */
final class RestrictedPodSecurity {
  private static final Set<String> RESTRICTED_VOLUME_TYPES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  static List<String> violations(PodSpec pod) {
    List<String> out = new ArrayList<>();
    PodSecurityContext psc =
        pod.getSecurityContext() != null ? pod.getSecurityContext() : new PodSecurityContext();
    if (Boolean.TRUE.equals(pod.getHostNetwork())
        || Boolean.TRUE.equals(pod.getHostPID())
        || Boolean.TRUE.equals(pod.getHostIPC())) {
      out.add("pod shares a host namespace");
    }
    if (psc.getRunAsUser() != null && psc.getRunAsUser() == 0) {
      out.add("pod runAsUser 0");
    }
    for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
      String type = volumeType(v);
      if (!RESTRICTED_VOLUME_TYPES.contains(type)) {
        out.add("volume " + v.getName() + " of type " + type);
      }
    }
    List<Container> all =
        Stream.of(pod.getInitContainers(), pod.getContainers(), pod.getEphemeralContainers())
            .filter(Objects::nonNull)
            .flatMap(List::stream)
            .map(Container.class::cast)
            .toList();
    for (Container c : all) {
      checkContainer(c, psc, pod, out);
    }
    return out;
  }

  private static void checkContainer(
      Container c, PodSecurityContext psc, PodSpec pod, List<String> out) {
    String n = "container " + c.getName() + ": ";
    SecurityContext sc =
        c.getSecurityContext() != null ? c.getSecurityContext() : new SecurityContext();
    if (Boolean.TRUE.equals(sc.getPrivileged())) {
      out.add(n + "privileged");
    }
    if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
      out.add(n + "allowPrivilegeEscalation must be false");
    }
    Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : psc.getRunAsNonRoot();
    if (!Boolean.TRUE.equals(nonRoot)) {
      out.add(n + "runAsNonRoot must be true");
    }
    Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc.getRunAsUser();
    if (uid == null || uid == 0) {
      // Not required by PSS, but without a numeric non-zero uid the kubelet cannot verify
      // runAsNonRoot for an
      // image whose user is a name.
      out.add(n + "needs a numeric non-root runAsUser");
    }
    SeccompProfile seccomp =
        sc.getSeccompProfile() != null ? sc.getSeccompProfile() : psc.getSeccompProfile();
    if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
      out.add(n + "seccompProfile must be RuntimeDefault or Localhost");
    }
    Capabilities caps = sc.getCapabilities();
    if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
      out.add(n + "capabilities must drop ALL");
    }
    if (caps != null
        && caps.getAdd() != null
        && caps.getAdd().stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE"))) {
      out.add(n + "adds capabilities " + caps.getAdd());
    }
    for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
      if (p.getHostPort() != null && p.getHostPort() != 0) {
        out.add(n + "hostPort " + p.getHostPort());
      }
    }
    if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
      out.add(n + "readOnlyRootFilesystem must be true");
    }
    boolean tmpIsEmptyDir =
        c.getVolumeMounts() != null
            && c.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .anyMatch(
                    m ->
                        pod.getVolumes().stream()
                            .anyMatch(
                                v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
    if (!tmpIsEmptyDir) {
      out.add(n + "/tmp must be an emptyDir (the root filesystem is read-only)");
    }
  }

  /**
   * The name of the one volume source that is set, from the serialized form (the model has a field
   * per type).
   */
  private static String volumeType(Volume v) {
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> m =
        io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
            .convertValue(v, java.util.Map.class);
    return m.keySet().stream().filter(k -> !k.equals("name")).findFirst().orElse("none");
  }

  private RestrictedPodSecurity() {}
}
