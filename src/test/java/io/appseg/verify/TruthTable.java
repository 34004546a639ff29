package io.appseg.verify;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluator's verdict on a plan as stable text: rows are sources and columns destinations among
 * the tiers' first pods, the flow peers, the first DNS server, the first scraper and the outsider;
 * one table per group of probes (port/protocol) with the same verdicts, so a reader sees each
 * distinct pattern once.
 */
final class TruthTable {

  static String render(String title, AppSegmentation seg, Plan plan, PlanVerifier verifier) {
    Population population = verifier.population(seg);
    Cluster cluster = population.cluster(plan.policies());
    Map<String, Node> columns = columns(population);
    int width = columns.keySet().stream().mapToInt(String::length).max().orElse(1) + 1;
    StringBuilder out =
        new StringBuilder(
            "# "
                + title
                + ": the evaluator on the planner's output;"
                + " rows are sources, columns destinations; X allowed, . denied, - not asked\n");
    columns.forEach(
        (name, node) ->
            out.append("#   ").append(name).append(" = ").append(node.id()).append('\n'));
    Map<String, List<String>> probesByTable = new LinkedHashMap<>();
    for (Probe probe : population.probes()) {
      probesByTable
          .computeIfAbsent(table(cluster, columns, probe, width), t -> new ArrayList<>())
          .add(probe.toString());
    }
    probesByTable.forEach(
        (table, probes) ->
            out.append("\n== ").append(String.join(" ", probes)).append('\n').append(table));
    return out.toString();
  }

  private static Map<String, Node> columns(Population population) {
    Map<String, Node> columns = new LinkedHashMap<>();
    population.roles().entrySet().stream()
        .filter(e -> e.getKey().startsWith("tier:"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> columns.put(e.getKey().substring("tier:".length()), e.getValue()));
    population.roles().entrySet().stream()
        .filter(e -> e.getKey().startsWith("flow-peer-"))
        .forEach(e -> columns.put("(" + e.getKey() + ")", e.getValue()));
    for (String role : List.of("dns-0", "scraper-0", "outsider")) {
      population.role(role).ifPresent(n -> columns.put("(" + role + ")", n));
    }
    return columns;
  }

  private static String table(Cluster cluster, Map<String, Node> columns, Probe probe, int width) {
    StringBuilder t = new StringBuilder(pad("", width));
    columns.keySet().forEach(name -> t.append(pad(name, width)));
    t.append('\n');
    for (Map.Entry<String, Node> row : columns.entrySet()) {
      t.append(pad(row.getKey(), width));
      for (Node destination : columns.values()) {
        t.append(pad(cell(cluster, row.getValue(), destination, probe), width));
      }
      t.append('\n');
    }
    return t.toString().replaceAll(" +\n", "\n");
  }

  private static String cell(Cluster cluster, Node source, Node destination, Probe probe) {
    if (source.equals(destination) || !source.isPod() && !destination.isPod()) {
      return "-";
    }
    return NetworkPolicyEvaluator.allows(
            cluster, PlanVerifier.connection(source, destination, probe))
        ? "X"
        : ".";
  }

  private static String pad(String s, int width) {
    return String.format("%-" + width + "s", s);
  }

  private TruthTable() {}
}
