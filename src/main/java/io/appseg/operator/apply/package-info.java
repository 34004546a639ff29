/**
 * The apply step, behind one call: {@link PolicyApply#apply} takes a verified plan and answers an
 * {@link ApplyResult}. Inside, in order: {@code DesiredPolicies} stamps ownership and server
 * defaults, {@code PolicyDiff} compares with {@code PolicyCache} (informer, API read for names not
 * cached) and {@code ServerAnswers} (what the server stored or refused for a spec before), a
 * conflict or a known rejection stops it before any write, {@code PolicySync} writes through a
 * {@code PolicyWriter} (server-side apply, or create/update) in ordering steps, each step's
 * requests sent together ({@code Requests}, a few in flight), prunes last, and records events;
 * {@code Convergence} tells a drift repair from a rollout.
 */
package io.appseg.operator.apply;
