package io.appseg.cli;

import io.appseg.text.Escape;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The last line of defence for the terminal: every character the commands print passes through
 * here, and any control or invisible character other than a line end or a tab is written escaped.
 * Values are already escaped where a message is built; this catches whatever a library message
 * might carry (an ANSI escape in a file).
 */
final class VisibleWriter extends FilterWriter {

  private VisibleWriter(Writer out) {
    super(out);
  }

  static PrintWriter wrap(Writer out) {
    return new PrintWriter(new VisibleWriter(out), true);
  }

  @Override
  public void write(int c) throws IOException {
    char ch = (char) c;
    if (ch == '\n' || ch == '\t' || Escape.isPlain(ch)) {
      out.write(c);
    } else {
      out.write(Escape.visible(String.valueOf(ch)));
    }
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(buffer[i]);
    }
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(text.charAt(i));
    }
  }
}
