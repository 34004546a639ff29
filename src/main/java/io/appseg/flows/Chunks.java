package io.appseg.flows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A stream cut into chunks of whole lines, so that chunks can be parsed apart: each ends just after
 * a newline, or at the end of the stream. A line longer than a chunk grows that chunk.
 */
final class Chunks {
  /** Bytes of whole lines; {@code length} of {@code bytes} are used. */
  record Chunk(byte[] bytes, int length) {}

  private final InputStream in;
  private final int size;
  private byte[] carry = new byte[0];
  private int carried;
  private boolean ended;

  Chunks(InputStream in, int size) {
    this.in = in;
    this.size = size;
  }

  /** The next chunk, or null at the end of the stream. */
  Chunk next() throws IOException {
    if (ended && carried == 0) {
      return null;
    }
    byte[] buffer = new byte[Math.max(size, carried * 2)];
    System.arraycopy(carry, 0, buffer, 0, carried);
    int length = carried;
    int searched = carried;
    while (true) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int n = ended ? -1 : in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        ended = true;
        carried = 0;
        return length == 0 ? null : new Chunk(buffer, length);
      }
      length += n;
      if (length == buffer.length) {
        int cut = lastNewline(buffer, searched, length);
        if (cut >= 0) {
          keep(buffer, cut + 1, length);
          return new Chunk(buffer, cut + 1);
        }
        searched = length;
      }
    }
  }

  private void keep(byte[] buffer, int from, int to) {
    carried = to - from;
    if (carry.length < carried) {
      carry = new byte[Math.max(carried, size / 4)];
    }
    System.arraycopy(buffer, from, carry, 0, carried);
  }

  private static int lastNewline(byte[] b, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
