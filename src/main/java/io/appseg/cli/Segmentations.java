package io.appseg.cli;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.plan.SpecError;
import io.appseg.text.Escape;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The AppSegmentations of a command's input, each validated and planned. Problems go to stderr as
 * {@code error: <file>: <field path>: <message>}; other kinds are ignored with a note.
 */
final class Segmentations {

  record Planned(Document source, AppSegmentation segmentation, Plan plan) {}

  record Result(List<Planned> valid, int invalid) {}

  static Result load(List<Document> documents, String defaultNamespace, PrintWriter err) {
    for (Document d : documents) {
      // Expectation files live beside the samples they check: a kind of ours, not a mistake to
      // note.
      if (!SegmentationLoader.isSegmentation(d) && !ExpectationsReader.KIND.equals(d.kind())) {
        err.printf(
            "note: %s: %s %s is not an AppSegmentation; ignored%n",
            d.where(), Escape.visible(d.apiVersion()), Escape.visible(d.kind()));
      }
    }
    return plan(
        documents.stream().filter(SegmentationLoader::isSegmentation).toList(),
        defaultNamespace,
        err);
  }

  /** Validates and plans AppSegmentation documents; for commands that read other kinds as well. */
  static Result plan(List<Document> segmentations, String defaultNamespace, PrintWriter err) {
    Planner planner = new Planner(PlanDefaults.STANDARD);
    List<Planned> valid = new ArrayList<>();
    int invalid = 0;
    for (Document d : segmentations) {
      SegmentationLoader.Loaded loaded = SegmentationLoader.load(d, defaultNamespace);
      try {
        if (loaded.error() != null) {
          throw new InvalidSpecException(List.of(loaded.error()));
        }
        valid.add(new Planned(d, loaded.segmentation(), planner.plan(loaded.segmentation())));
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
