package io.appseg.cli;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.NamespaceFacts;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.plan.SpecError;
import io.appseg.text.Escape;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The AppSegmentations of a command's input, each validated and planned. Problems go to stderr as
 * {@code error: <file>: <field path>: <message>}; other kinds are ignored with a note.
 */
final class Segmentations {

  record Planned(Document source, AppSegmentation segmentation, Plan plan) {}

  record Result(List<Planned> valid, int invalid) {
    /**
     * Each valid AppSegmentation planned again among the others' policies and {@code context}, as
     * the operator plans it in a cluster holding them all (P11).
     */
    Result among(Collection<NetworkPolicy> context) {
      return among(context, Map.of());
    }

    /** As {@link #among(Collection)}, with the namespaces' grants as the cluster holds them. */
    Result among(Collection<NetworkPolicy> context, Map<String, NamespaceFacts> namespaces) {
      if (valid.size() < 2 && context.isEmpty() && namespaces.isEmpty()) {
        return this;
      }
      List<Plan> plans;
      try {
        plans =
            PLANNER.planTogether(
                valid.stream().map(Planned::segmentation).toList(), context, namespaces);
      } catch (InvalidSpecException e) {
        throw new IllegalStateException("a spec valid a moment ago is invalid now", e);
      }
      List<Planned> replanned = new ArrayList<>();
      for (int i = 0; i < valid.size(); i++) {
        replanned.add(
            new Planned(valid.get(i).source(), valid.get(i).segmentation(), plans.get(i)));
      }
      return new Result(replanned, invalid);
    }
  }

  private static final Planner PLANNER = new Planner(PlanDefaults.STANDARD);

  static Result load(List<Document> documents, String defaultNamespace, PrintWriter err) {
    int misspelled = 0;
    for (Document d : documents) {
      // Expectation files live beside the samples they check: a kind of ours, not a mistake to
      // note.
      if (SegmentationLoader.isSegmentation(d) || ExpectationsReader.KIND.equals(d.kind())) {
        continue;
      }
      if (d.kind() != null && nearMiss(d.kind())) {
        misspelled++;
        err.printf(
            "error: %s: kind: %s is not an AppSegmentation, nor another kind appseg reads; did you mean %s?%n",
            d.where(), Escape.quote(d.kind()), CrdConstants.KIND);
      } else {
        err.printf(
            "note: %s: %s %s is not an AppSegmentation; ignored%n",
            d.where(), Escape.visible(d.apiVersion()), Escape.visible(d.kind()));
      }
    }
    Result planned =
        plan(
            documents.stream().filter(SegmentationLoader::isSegmentation).toList(),
            defaultNamespace,
            err);
    return new Result(planned.valid(), planned.invalid() + misspelled);
  }

  /**
   * A kind that is AppSegmentation mistyped (any case, or at most two letters off) is an error, not
   * a document to skip: skipping it would drop an app's policies without a word.
   */
  static boolean nearMiss(String kind) {
    String wanted = CrdConstants.KIND.toLowerCase(Locale.ROOT);
    String given = kind.toLowerCase(Locale.ROOT);
    return Math.abs(given.length() - wanted.length()) <= 2 && distance(given, wanted) <= 2;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] row = new int[b.length() + 1];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        row[j] = Math.min(substitute, Math.min(previous[j], row[j - 1]) + 1);
      }
      previous = row;
    }
    return previous[b.length()];
  }

  /**
   * Validates and plans AppSegmentation documents, each among the others; for commands that read
   * other kinds as well.
   */
  static Result plan(List<Document> segmentations, String defaultNamespace, PrintWriter err) {
    return alone(segmentations, defaultNamespace, err).among(List.of());
  }

  /** Validates and plans each AppSegmentation as if it were alone. */
  static Result alone(List<Document> segmentations, String defaultNamespace, PrintWriter err) {
    List<Planned> valid = new ArrayList<>();
    int invalid = 0;
    for (Document d : segmentations) {
      SegmentationLoader.Loaded loaded = SegmentationLoader.load(d, defaultNamespace);
      try {
        if (loaded.error() != null) {
          throw new InvalidSpecException(List.of(loaded.error()));
        }
        valid.add(new Planned(d, loaded.segmentation(), PLANNER.plan(loaded.segmentation())));
      } catch (InvalidSpecException e) {
        invalid++;
        for (SpecError error : e.errors()) {
          err.printf("error: %s: %s: %s%n", d.where(), error.path(), error.message());
        }
      }
    }
    return new Result(valid, invalid);
  }

  private Segmentations() {}
}
