/**
 * The real-API-server test tier: Failsafe runs every {@code *IT} class against a real control plane
 * of the Kubernetes release the project supports ({@link
 * io.appseg.local.ControlPlaneBinaries#VERSION}) on 127.0.0.1: etcd, kube-apiserver via fabric8
 * kube-api-test, kube-controller-manager with the garbage collector and namespace controllers, and
 * kubectl of the same release.
 *
 * <p>{@code mvn -B verify} first runs {@code hack/setup-kube-apiserver.sh}, which builds them from
 * Go modules into {@code ~/.cache/appseg/kubeapitest} once and is a no-op afterwards
 * (docs/control-plane.md). A missing or broken control plane fails the tier; it never skips.
 *
 * <p>Writing an IT: extend {@link io.appseg.it.KubeIT} (static {@code kube} and admin {@code
 * client}), or annotate the class with {@link io.appseg.it.RealKubeApi} and take a {@link
 * io.appseg.it.KubeControlPlane} or {@code KubernetesClient} parameter. Give each test its own
 * namespace ({@link io.appseg.it.KubeControlPlane#createUniqueNamespace}) since tests of a class
 * share the server. Apply what users apply the way the README tells them (server-side apply). Wait
 * with Awaitility.
 */
package io.appseg.it;
