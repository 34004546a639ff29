package io.appseg.cli;

import io.appseg.api.v1alpha1.Tier;
import io.appseg.diff.World;
import io.appseg.kube.LabelSelectors;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.Port;
import io.appseg.netpol.Verdict;
import io.appseg.text.Escape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Answers expectations against one cluster: each end stands for every pod it names (a tier: every
 * pod of its namespace its selector matches, synthesized ones included), and an expectation holds
 * when every pair of distinct ends gets the expected answer.
 */
final class ExpectationRunner {
  /** The answer for one expectation: null failure when it held. */
  record Outcome(Expectation expectation, String failure) {
    boolean passed() {
      return failure == null;
    }
  }

  /** A tier of an app in the input, where it lives. */
  record TierPlace(String namespace, Tier tier) {}

  private final World world;
  private final Cluster cluster;
  private final Map<String, TierPlace> tiers;
  private final Map<String, List<Endpoint>> resolved = new HashMap<>();
  private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();

  ExpectationRunner(World world, Cluster cluster, Map<String, TierPlace> tiers) {
    this.world = world;
    this.cluster = cluster;
    this.tiers = Map.copyOf(tiers);
    world
        .namespaceObjects()
        .forEach(
            ns -> namespaceLabels.put(ns.getMetadata().getName(), ns.getMetadata().getLabels()));
  }

  /**
   * Every problem with an end (no such tier, pod or label match) is found before anything is
   * answered.
   */
  List<String> unresolved(List<Expectation> expectations) {
    List<String> problems = new ArrayList<>();
    for (Expectation e : expectations) {
      for (Expectation.End end : List.of(e.from(), e.to())) {
        if (ends(end).isEmpty()) {
          problems.add(
              e.where()
                  + "."
                  + field(end)
                  + ": no tier, pod or address "
                  + visible(end)
                  + " in the input");
        }
      }
    }
    return problems;
  }

  Outcome run(Expectation e) {
    Port port = tierPort(e);
    for (Endpoint source : ends(e.from())) {
      for (Endpoint destination : ends(e.to())) {
        if (source.equals(destination)) {
          continue;
        }
        String failure = check(e, port, source, destination);
        if (failure != null) {
          return new Outcome(e, failure);
        }
      }
    }
    return new Outcome(e, null);
  }

  /**
   * A name the destination tier gives one of its numbered ports ({@code {name: http, port: 8080}})
   * means that number; real pods would name their container port so, synthesized ones carry only
   * the spec's named ports.
   */
  private Port tierPort(Expectation e) {
    TierPlace tier = e.to().tier() == null ? null : tiers.get(e.to().tier());
    if (!e.port().isNamed() || tier == null || tier.tier().getPorts() == null) {
      return e.port();
    }
    return tier.tier().getPorts().stream()
        .filter(p -> e.port().name().equals(p.getName()) && p.getPort().getIntVal() != null)
        .map(p -> Port.of(p.getPort().getIntVal()))
        .findFirst()
        .orElse(e.port());
  }

  private String check(Expectation e, Port port, Endpoint source, Endpoint destination) {
    Connection c = new Connection(source, destination, port, e.protocol());
    try {
      if (NetworkPolicyEvaluator.allows(cluster, c) == e.allowed()) {
        return null;
      }
      Verdict v = NetworkPolicyEvaluator.evaluate(cluster, c);
      return "expected "
          + (e.allowed() ? "allowed" : "denied")
          + ", but "
          + v.connection()
          + " is "
          + v.decision().name().toLowerCase()
          + " (egress: "
          + v.egress().explanation()
          + "; ingress: "
          + v.ingress().explanation()
          + ")";
    } catch (IllegalArgumentException notAsked) {
      // a named port the destination lacks: nothing can reach it by that name
      return e.allowed() ? "expected allowed, but " + notAsked.getMessage() : null;
    }
  }

  private List<Endpoint> ends(Expectation.End end) {
    return resolved.computeIfAbsent(key(end), k -> resolve(end));
  }

  private List<Endpoint> resolve(Expectation.End end) {
    if (end.ip() != null) {
      return List.of(Endpoint.ip(end.ip()));
    }
    BiPredicate<Endpoint, Map<String, String>> match = matcher(end);
    List<Endpoint> out = new ArrayList<>();
    for (int i = 0; i < world.ends().size() && world.isPod(i); i++) {
      if (match.test(world.ends().get(i), world.labels().get(i))) {
        out.add(world.ends().get(i));
      }
    }
    return out;
  }

  /** A tier when the input has it; else the pod of that name; else pods by namespace and labels. */
  private BiPredicate<Endpoint, Map<String, String>> matcher(Expectation.End end) {
    TierPlace tier = end.tier() == null ? null : tiers.get(end.tier());
    if (tier != null) {
      return (pod, labels) ->
          pod.namespace().equals(tier.namespace())
              && tier.tier().getPodSelector() != null
              && LabelSelectors.matches(tier.tier().getPodSelector(), labels);
    }
    if (end.pod() != null) {
      return (pod, labels) -> pod.toString().equals(end.pod());
    }
    if (end.namespace() == null && end.namespaceLabels() == null) {
      return (pod, labels) -> false;
    }
    Map<String, String> wanted = end.labels() == null ? Map.of() : end.labels();
    return (pod, labels) ->
        (end.namespace() != null
                ? pod.namespace().equals(end.namespace())
                : namespaceLabels
                    .getOrDefault(pod.namespace(), Map.of())
                    .entrySet()
                    .containsAll(end.namespaceLabels().entrySet()))
            && labels.entrySet().containsAll(wanted.entrySet());
  }

  private static String key(Expectation.End end) {
    return end.tier()
        + "|"
        + end.pod()
        + "|"
        + end.namespace()
        + "|"
        + end.namespaceLabels()
        + "|"
        + end.labels()
        + "|"
        + end.ip();
  }

  private static String field(Expectation.End end) {
    return end.field().substring(end.field().lastIndexOf('.') + 1);
  }

  private static String visible(Expectation.End end) {
    return Escape.quote(end.toString());
  }
}
