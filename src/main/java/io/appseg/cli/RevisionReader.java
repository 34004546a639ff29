package io.appseg.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.diff.Revision;
import io.appseg.netpol.InvalidInputException;
import io.appseg.netpol.LoadResult;
import io.appseg.netpol.ManifestLoader;
import io.appseg.text.Escape;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one side of {@code appseg diff}: a file or directory on disk, or the given paths at a git
 * commit. Its AppSegmentations are planned (errors with file and field path); its NetworkPolicies
 * belong to the side, its Pods and Namespaces join the population both sides are judged on.
 */
final class RevisionReader {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final GitTree git;
  private final List<String> paths;
  private final InputStream stdin;

  RevisionReader(GitTree git, List<String> paths, InputStream stdin) {
    this.git = git;
    this.paths = List.copyOf(paths);
    this.stdin = stdin;
  }

  /** {@code where} is a path when one exists, else a git commit whose {@code paths} are read. */
  Revision read(String option, String where, PrintWriter err) throws InputException {
    return read(option, where, documents(option, where), err);
  }

  /** The side that {@code --head} defaults to: the paths as they are on disk. */
  Revision workingTree(PrintWriter err) throws InputException {
    if (paths.isEmpty()) {
      throw new InputException(
          "--head: give --head PATH|REF, or PATHs to read from the working tree");
    }
    return read("--head", String.join(" ", paths), new InputReader(stdin).read(paths), err);
  }

  private List<Document> documents(String option, String where) throws InputException {
    if (where.equals("-") || Files.exists(Path.of(where))) {
      return new InputReader(stdin).read(List.of(where));
    }
    String commit = git.commit(where);
    if (commit == null) {
      throw new InputException(
          option
              + " "
              + Escape.visible(where)
              + ": neither a file or directory nor a git commit of the repository");
    }
    if (paths.isEmpty()) {
      throw new InputException(
          option
              + " "
              + Escape.visible(where)
              + ": a git ref needs the PATHs to read at that commit");
    }
    return git.documents(where, commit, paths);
  }

  private static Revision read(
      String option, String where, List<Document> documents, PrintWriter err)
      throws InputException {
    List<Document> segmentations =
        documents.stream().filter(SegmentationLoader::isSegmentation).toList();
    Segmentations.Result planned = Segmentations.plan(segmentations, "default", err);
    if (planned.invalid() > 0) {
      throw new InputException(
          option + ": " + planned.invalid() + " invalid AppSegmentation(s); nothing compared");
    }
    List<Revision.App> apps = new ArrayList<>();
    planned.valid().forEach(p -> apps.add(new Revision.App(p.segmentation(), p.plan())));
    try {
      LoadResult others =
          ManifestLoader.read(
              documents.stream()
                  .filter(d -> !SegmentationLoader.isSegmentation(d))
                  .map(d -> new ManifestLoader.Parsed(d.where(), JSON.valueToTree(d.content())))
                  .toList());
      others.notes().forEach(n -> err.println("note: " + n));
      return new Revision(Escape.visible(where), apps, others.cluster());
    } catch (InvalidInputException e) {
      throw new InputException(e.problems());
    }
  }
}
