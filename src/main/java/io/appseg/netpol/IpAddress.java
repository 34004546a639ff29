package io.appseg.netpol;

/**
 * A parsed IPv4 or IPv6 address as a 128-bit value (IPv4 in the low 32 bits). Parsed by hand so that no
 * input can ever trigger a DNS lookup, which {@code InetAddress.getByName} may do for odd strings.
 */
final class IpAddress {
  final boolean v6;
  final long hi;
  final long lo;

  private IpAddress(boolean v6, long hi, long lo) {
    this.v6 = v6;
    this.hi = hi;
    this.lo = lo;
  }

  int bits() {
    return v6 ? 128 : 32;
  }

  static IpAddress parse(String text) {
    String t = text == null ? "" : text.trim();
    long[] v = t.contains(":") ? parseV6(t) : parseV4(t);
    if (v == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address");
    }
    return new IpAddress(t.contains(":"), v[0], v[1]);
  }

  /** This address with every bit after the first {@code prefix} bits cleared. */
  IpAddress masked(int prefix) {
    int shift = bits() - prefix; // number of host bits
    long hiMask = shift >= 128 ? 0 : shift <= 64 ? -1L : -1L << (shift - 64);
    long loMask = shift >= 64 ? 0 : shift == 0 ? -1L : -1L << shift;
    return new IpAddress(v6, hi & hiMask, lo & loMask);
  }

  boolean sameAs(IpAddress o) {
    return v6 == o.v6 && hi == o.hi && lo == o.lo;
  }

  private static long[] parseV4(String t) {
    String[] parts = t.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    long value = 0;
    for (String p : parts) {
      // Leading zeros are read as decimal, like the API server's "sloppy" legacy parser.
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
        return null;
      }
      value = value << 8 | Integer.parseInt(p);
    }
    return new long[] {0, value};
  }

  private static long[] parseV6(String t) {
    int gap = t.indexOf("::");
    if (gap != t.lastIndexOf("::")) {
      return null;
    }
    int[] head = gap < 0 ? groups(t) : groups(t.substring(0, gap));
    int[] tail = gap < 0 ? new int[0] : groups(t.substring(gap + 2));
    if (head == null || tail == null || (gap < 0 ? head.length != 8 : head.length + tail.length > 7)) {
      return null;
    }
    int[] all = new int[8];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = hi << 16 | all[i];
      lo = lo << 16 | all[i + 4];
    }
    return new long[] {hi, lo};
  }

  /** Hex groups of one side of "::"; a trailing dotted quad counts as two groups. */
  private static int[] groups(String s) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    boolean quad = parts[parts.length - 1].contains(".");
    int[] out = new int[parts.length + (quad ? 1 : 0)];
    for (int i = 0; i < parts.length - (quad ? 1 : 0); i++) {
      if (!parts[i].matches("[0-9a-fA-F]{1,4}")) {
        return null;
      }
      out[i] = Integer.parseInt(parts[i], 16);
    }
    if (quad) {
      long[] v4 = parseV4(parts[parts.length - 1]);
      if (v4 == null) {
        return null;
      }
      out[out.length - 2] = (int) (v4[1] >>> 16);
      out[out.length - 1] = (int) (v4[1] & 0xffff);
    }
    return out;
  }

  @Override
  public String toString() {
    if (!v6) {
      return (lo >>> 24 & 255) + "." + (lo >>> 16 & 255) + "." + (lo >>> 8 & 255) + "." + (lo & 255);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      long word = i < 4 ? hi >>> (48 - 16 * i) : lo >>> (48 - 16 * (i - 4));
      sb.append(i == 0 ? "" : ":").append(Long.toHexString(word & 0xffff));
    }
    return sb.toString();
  }
}
