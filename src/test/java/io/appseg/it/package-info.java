/**
 * The real-API-server test tier: Failsafe runs every {@code *IT} class against a real Kubernetes 1.20.2
 * control plane on 127.0.0.1 (etcd, kube-apiserver via fabric8 kube-api-test, kube-controller-manager with
 * the garbage collector and namespace controllers).
 *
 * <p>{@code mvn -B verify} first runs {@code hack/setup-kube-apiserver.sh}, which builds the binaries from
 * Debian's sources into {@code ~/.cache/appseg/kubeapitest} once (~5 min) and is a no-op afterwards. A
 * missing or broken control plane fails the tier; it never skips.
 *
 * <p>Writing an IT: extend {@link io.appseg.it.KubeIT} (static {@code kube} and admin {@code client}), or
 * annotate the class with {@link io.appseg.it.RealKubeApi} and take a {@link io.appseg.it.KubeControlPlane}
 * or {@code KubernetesClient} parameter. Give each test its own namespace
 * ({@link io.appseg.it.KubeControlPlane#createUniqueNamespace}) since tests of a class share the server.
 * Wait with Awaitility. Known 1.20 limits: no CEL {@code x-kubernetes-validations}, NetworkPolicy
 * {@code endPort} is pruned, server-side apply is beta.
 */
package io.appseg.it;
