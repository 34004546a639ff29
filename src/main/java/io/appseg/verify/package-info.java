/**
 * The plan self-check: does a {@link io.appseg.plan.Plan} allow exactly what its AppSegmentation
 * means?
 *
 * <h2>Design</h2>
 *
 * <p><b>What is independent and what is shared.</b> The self-check keeps its own rules (which
 * connections a spec intends: isolation, grants, consent of both ends) and shares the primitives
 * whose meaning Kubernetes fixes: the spec with its documented defaults ({@link
 * io.appseg.plan.Resolved}), label selector matching and IP parsing ({@code io.appseg.kube}); a bug
 * there would be a misreading of Kubernetes, which the real-API-server tests catch, not of the
 * product's rules, which this check exists to catch.
 *
 * <p>{@link io.appseg.verify.Intent} reads the spec as per-pod grants: isolation per direction
 * (default-deny on and the pod is a tier pod, or scope Namespace and it lives in a tier namespace
 * that is the app's own or accepted its namespace-wide default-deny), flows granting egress to
 * their source tier and ingress to their destination tier, DNS egress and monitoring ingress per
 * tier; a connection needs both ends' consent. {@link io.appseg.verify.PlanVerifier} synthesizes a
 * population ({@code PopulationBuilder}), asks the independent evaluator ({@code io.appseg.netpol})
 * about every ordered pair on every probe, and reports each disagreement.
 *
 * <h2>Cost</h2>
 *
 * That is (ends)^2 x probes questions, so the population keeps one address per address class and
 * one probe per port class ({@code Partition}: values that every ipBlock or port list of the spec
 * and of the plan treats alike), which makes the check exact along those two axes and its size grow
 * with the spec's distinct blocks and port lists, not with their products; a check over {@link
 * io.appseg.verify.PlanVerifier#BUDGET} is refused as too complex. Both sides answer in bulk, a
 * whole probe at a time: {@code IntentTable} decides isolation and every grant's subjects and peers
 * once per node (only ports depend on the probe), and {@link io.appseg.netpol.Reachability} decides
 * once per rule which ends its peers match. Both give the same answers as their single-question
 * forms ({@link io.appseg.verify.Intent#allows}, {@code NetworkPolicyEvaluator.allows}); the tests
 * keep the pair-by-pair check and compare the reports.
 *
 * <h2>Limits (it is a witness check, not a proof)</h2>
 *
 * <ul>
 *   <li>Pods carry only the labels their selector needs (first value of In, a placeholder for
 *       Exists; NotIn and DoesNotExist by omission). A selector matching on labels the population
 *       never sets is checked only with the pods that exist; contradictory selectors simply select
 *       no modelled pod.
 *   <li>Overlapping tiers are handled, not excluded: membership is decided per pod by matching
 *       every tier's selector, so a pod in two tiers gets the union of their grants, exactly as
 *       NetworkPolicies combine.
 *   <li>Probes: one port per class of each protocol, the classes cut at every edge of the spec's
 *       and the plan's port lists and at each named port's number, so a rule wrong anywhere in a
 *       range is seen; likewise one address per class of the spec's and the plan's ipBlocks.
 *   <li>A mistake hidden by the other half (e.g. an over-wide ingress rule whose sources are all
 *       egress-isolated) changes no connection, so it is not reported: the check is about
 *       connectivity, not policy text.
 *   <li>Every pod carries every named port of the spec; a pod of the same name under two protocols
 *       keeps the first. Pod IPs are 100.64.0.0/16 addresses and ipBlocks match them as
 *       NetworkPolicies do; there is no hostNetwork or node address in the model.
 * </ul>
 */
package io.appseg.verify;
