package io.appseg.netpol;

import java.util.List;

/**
 * A loaded cluster and notes about what was skipped (other kinds, empty documents, finished pods).
 */
public record LoadResult(Cluster cluster, List<String> notes) {
  public LoadResult {
    notes = List.copyOf(notes);
  }
}
