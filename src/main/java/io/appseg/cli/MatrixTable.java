package io.appseg.cli;

import io.appseg.netpol.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Matrix} as an aligned ASCII table: numbered rows (sources) and columns (destinations) so
 * that long pod names need not be column headers. {@code Y} allowed, {@code .} denied; in a pod
 * table the diagonal (a pod to itself, undefined by NetworkPolicy) is {@code -}, in a tier table it
 * is a real answer.
 */
final class MatrixTable {
  private MatrixTable() {}

  static List<String> lines(Matrix matrix, List<String> labels, boolean diagonalIsSelf) {
    int n = labels.size();
    int width =
        String.valueOf(n)
            .length(); // of row numbers and of every cell, so columns line up with headers
    int label = labels.stream().mapToInt(String::length).max().orElse(0);
    List<String> lines = new ArrayList<>();
    lines.add(
        "port "
            + matrix.port()
            + "/"
            + matrix.protocol()
            + ": Y = allowed, . = denied"
            + (diagonalIsSelf ? ", - = the pod itself" : "")
            + "; rows are sources, columns destinations");
    StringBuilder header = new StringBuilder(" ".repeat(width + 1 + label));
    for (int j = 1; j <= n; j++) {
      header.append(' ').append(pad(String.valueOf(j), width));
    }
    lines.add(header.toString());
    for (int i = 0; i < n; i++) {
      StringBuilder row = new StringBuilder(pad(String.valueOf(i + 1), width)).append(' ');
      row.append(labels.get(i)).append(" ".repeat(label - labels.get(i).length()));
      for (int j = 0; j < n; j++) {
        String mark = diagonalIsSelf && i == j ? "-" : matrix.allowed(i, j) ? "Y" : ".";
        row.append(' ').append(pad(mark, width));
      }
      lines.add(row.toString());
    }
    return lines;
  }

  private static String pad(String s, int width) {
    return " ".repeat(width - s.length()) + s;
  }
}
