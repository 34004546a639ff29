/**
 * An independent evaluator of Kubernetes NetworkPolicies (networking.k8s.io/v1): given namespaces,
 * pods and policies, is a connection allowed, and why? It follows {@code
 * docs/networkpolicy-semantics.md} (rules R01-R22) and shares no code with the planner ({@code
 * io.appseg.plan}), whose output it checks; both use the Kubernetes identifier syntax of {@code
 * io.appseg.kube} and the escaping of {@code io.appseg.text}.
 *
 * <h2>Public API</h2>
 *
 * <ul>
 *   <li>{@link io.appseg.netpol.Cluster}: an immutable snapshot, {@code Cluster.of(namespaces,
 *       pods, policies)} from fabric8 objects; {@code withPolicies(...)} swaps the policies
 *       (what-if, operator self-check). Invalid input (what the API server would reject, e.g. a
 *       peer {@code {}}) throws {@link io.appseg.netpol.InvalidInputException} listing every
 *       problem with its field path.
 *   <li>{@link io.appseg.netpol.ManifestLoader}: multi-document YAML/JSON files, directories and
 *       stdin ({@code -}); {@link io.appseg.netpol.LiveClusterLoader}: a live cluster through a
 *       fabric8 {@code KubernetesClient}. Both return a {@link io.appseg.netpol.LoadResult}
 *       (cluster + notes about skipped objects).
 *   <li>{@link io.appseg.netpol.Connection}: source and destination {@link
 *       io.appseg.netpol.Endpoint} (a pod {@code ns/name} or an IP address), a {@link
 *       io.appseg.netpol.Port} (number or container-port name, resolved on the destination pod) and
 *       a {@link io.appseg.netpol.Protocol}.
 *   <li>{@link io.appseg.netpol.NetworkPolicyEvaluator}: {@code evaluate(cluster, connection)}
 *       gives a {@link io.appseg.netpol.Verdict} with both {@link io.appseg.netpol.SideVerdict}s
 *       (isolating policies, admitting {@link io.appseg.netpol.RuleRef}s) and {@link
 *       io.appseg.netpol.Caveat}s; {@code allows(...)} is the same decision without explanation;
 *       {@code matrix(...)} is a pods x pods {@link io.appseg.netpol.Matrix} for one port and
 *       protocol.
 * </ul>
 *
 * All results are records that Jackson serialises (and reads back) without configuration.
 *
 * <h2>Semantic decisions where Kubernetes leaves room</h2>
 *
 * <ul>
 *   <li>Pod to itself (R17) is reported ALLOWED with {@code LOOPBACK}; its sides still show what
 *       the policies say.
 *   <li>hostNetwork pods (R18) are evaluated like ordinary pods (its first permitted behaviour) and
 *       flagged {@code HOST_NETWORK}.
 *   <li>R19: an IP end equal to the pod's {@code status.hostIP} is its node, always allowed ({@code
 *       NODE_LOCAL}).
 *   <li>An IP end is always external, even if it equals a pod's IP (flagged {@code IP_OF_POD});
 *       ipBlock peers do match pod IPs (R11), any of {@code status.podIP}/{@code podIPs}. A pod
 *       without an IP matches no ipBlock.
 *   <li>Named ports (R13) are read from {@code spec.containers[].ports}; a named connection port
 *       must exist on the destination with the connection's protocol, otherwise evaluate throws and
 *       the matrix column is false.
 *   <li>Every namespace gets {@code kubernetes.io/metadata.name}, as the control plane does;
 *       namespaces only referenced by pods or policies are added without other labels; objects
 *       without namespace are in {@code default}.
 *   <li>Invalid policies are rejected rather than guessed at; non-canonical CIDRs are normalised to
 *       their network.
 * </ul>
 *
 * <h2>Cost</h2>
 *
 * The first question on a {@code Cluster} builds an index: per pod and direction, the isolating
 * policies and their rules; per peer, a bit set of matching pods. A question then costs one walk
 * over the rules of the two ends; a 600-pod matrix takes about a second.
 */
package io.appseg.netpol;
