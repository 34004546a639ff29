package io.appseg.verify;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An IP block (CIDR) as a range of integers, so containment and picking addresses are plain arithmetic. */
record IpBlock(boolean v6, BigInteger first, BigInteger last) {

  static IpBlock parse(String cidr) {
    int slash = cidr.indexOf('/');
    byte[] bytes = bytes(cidr.substring(0, slash));
    int bits = bytes.length * 8;
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    BigInteger base = new BigInteger(1, bytes).andNot(hostMask);
    return new IpBlock(bytes.length == 16, base, base.or(hostMask));
  }

  static boolean isAddress(String text) {
    return text != null && !text.contains("/");
  }

  boolean contains(String address) {
    byte[] bytes = bytes(address);
    BigInteger n = new BigInteger(1, bytes);
    return (bytes.length == 16) == v6 && first.compareTo(n) <= 0 && n.compareTo(last) <= 0;
  }

  /** An address of this block outside all of {@code holes}, trying the edges and the middle. */
  Optional<String> addressOutside(List<IpBlock> holes) {
    BigInteger mid = first.add(last).shiftRight(1);
    List<BigInteger> candidates = new ArrayList<>(List.of(first.add(BigInteger.ONE).min(last), mid, last, first));
    for (IpBlock hole : holes) {
      candidates.add(hole.first.subtract(BigInteger.ONE));
      candidates.add(hole.last.add(BigInteger.ONE));
    }
    return candidates.stream().filter(c -> first.compareTo(c) <= 0 && c.compareTo(last) <= 0)
        .map(this::format).filter(a -> holes.stream().noneMatch(h -> h.contains(a))).findFirst();
  }

  /** An address inside this block, away from its network address. */
  String someAddress() {
    return format(first.add(last).shiftRight(1));
  }

  private String format(BigInteger n) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[v6 ? 16 : 4];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    try {
      return InetAddress.getByAddress(out).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String literal) {
    if (!literal.contains(":") && !literal.matches("[0-9.]+")) {
      throw new IllegalArgumentException("not an IP address: " + literal);
    }
    try {
      return InetAddress.getByName(literal).getAddress(); // a literal: no name lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + literal, e);
    }
  }
}
