package io.appseg.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** The input options of commands that read AppSegmentations (render, graph), and reading them. */
final class SegmentationInput {

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE|DIR|-",
      description = "Manifest file, directory (recursive) or - for stdin. Repeatable.")
  List<String> inputs;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description =
          "Namespace for AppSegmentations without metadata.namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  /** The planned AppSegmentations, or null after printing why the input could not be read. */
  Segmentations.Result load(PrintWriter err) {
    try {
      return Segmentations.load(new InputReader(System.in).read(inputs), namespace, err);
    } catch (InputException e) {
      e.print(err);
      return null;
    }
  }

  /** Every readable file planned; each unreadable one reported and counted as invalid. */
  Segmentations.Result loadEach(PrintWriter err) {
    int[] unreadable = {0};
    List<Document> documents =
        new InputReader(System.in)
            .readEach(
                inputs,
                e -> {
                  e.print(err);
                  unreadable[0]++;
                });
    Segmentations.Result result = Segmentations.load(documents, namespace, err);
    return new Segmentations.Result(result.valid(), result.invalid() + unreadable[0]);
  }
}
