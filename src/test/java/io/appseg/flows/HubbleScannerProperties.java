package io.appseg.flows;

import static io.appseg.flows.ScannedLines.byJackson;
import static io.appseg.flows.ScannedLines.byReader;
import static io.appseg.flows.ScannedLines.byScanner;
import static io.appseg.flows.ScannedLines.bytes;
import static io.appseg.flows.ScannedLines.describe;
import static io.appseg.flows.ScannedLines.jackson;
import static io.appseg.flows.ScannedLines.scanned;
import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.flows.HubbleFields.Line;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Generated Hubble-shaped lines (members in any order, unknown members of every JSON type, random
 * whitespace, escapes and text beyond ASCII): the scanner reads the fields Jackson's reader reads,
 * leaves to Jackson only lines with something unusual in a field it needs, and a damaged line gives
 * the reader's result of before, whatever the damage.
 */
class HubbleScannerProperties {
  @Property(tries = 500)
  void theScannerReadsWhatJacksonReads(@ForAll long seed) throws IOException {
    HubbleLines lines = new HubbleLines(new Random(seed));
    String line = lines.line();
    byte[] b = bytes(line);
    Line scanned = scanned(b);
    if (!lines.unusual()) {
      assertThat(scanned).as(line).isNotNull();
    }
    if (scanned != null) {
      assertThat(describe(b, scanned)).as(line).isEqualTo(describe(b, jackson(b)));
      assertThat(byScanner(b)).as(line).isEqualTo(byJackson(b));
    }
    if (byJackson(b) != HubbleLine.CALICO) {
      assertThat(byReader(b)).as(line).isEqualTo(byJackson(b));
    }
  }

  @Property(tries = 1000)
  void aDamagedLineGivesJacksonsResult(@ForAll long seed) {
    Random random = new Random(seed);
    byte[] damaged = damage(bytes(new HubbleLines(random).line()), random);
    byte[] trimmed = trim(damaged);
    if (trimmed.length > 0 && trimmed[0] == '{' && byJackson(trimmed) != HubbleLine.CALICO) {
      assertThat(byReader(damaged)).as(new String(damaged)).isEqualTo(byJackson(trimmed));
    }
  }

  /** One byte deleted, replaced or inserted (never a newline), or the line cut short. */
  private static byte[] damage(byte[] line, Random random) {
    int at = 1 + random.nextInt(line.length - 1);
    byte[] bytes = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 't', ' ', 0, (byte) 0xC3};
    byte b = random.nextBoolean() ? bytes[random.nextInt(bytes.length)] : (byte) random.nextInt();
    b = b == '\n' ? (byte) ' ' : b;
    return switch (random.nextInt(4)) {
      case 0 -> concat(Arrays.copyOf(line, at), Arrays.copyOfRange(line, at + 1, line.length));
      case 1 -> {
        byte[] copy = line.clone();
        copy[at] = b;
        yield copy;
      }
      case 2 ->
          concat(
              Arrays.copyOf(line, at),
              concat(new byte[] {b}, Arrays.copyOfRange(line, at, line.length)));
      default -> Arrays.copyOf(line, at);
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The line as the reader trims it. */
  private static byte[] trim(byte[] line) {
    int from = 0;
    int to = line.length;
    while (from < to && isSpace(line[from])) {
      from++;
    }
    while (to > from && isSpace(line[to - 1])) {
      to--;
    }
    return Arrays.copyOfRange(line, from, to);
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
  }
}
