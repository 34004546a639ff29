package io.appseg.verify;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.appseg.kube.Ip;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IP block (CIDR) as a range of integers, so picking addresses inside and outside of it is plain
 * arithmetic; parsing and formatting are the shared {@link Ip}'s.
 */
record IpBlock(boolean v6, BigInteger first, BigInteger last) {

  static IpBlock parse(String cidr) {
    IPAddress block = Ip.block(cidr);
    return new IpBlock(block.isIPv6(), block.getValue(), block.getUpperValue());
  }

  static boolean isAddress(String text) {
    return text != null && !text.contains("/");
  }

  boolean contains(String address) {
    IPAddress parsed = Ip.address(address);
    return contains(parsed.isIPv6(), parsed.getValue());
  }

  boolean contains(boolean v6, BigInteger address) {
    return this.v6 == v6 && first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
  }

  /** An address of this block outside all of {@code holes}, trying the edges and the middle. */
  Optional<String> addressOutside(List<IpBlock> holes) {
    BigInteger mid = first.add(last).shiftRight(1);
    List<BigInteger> candidates =
        new ArrayList<>(List.of(first.add(BigInteger.ONE).min(last), mid, last, first));
    for (IpBlock hole : holes) {
      candidates.add(hole.first.subtract(BigInteger.ONE));
      candidates.add(hole.last.add(BigInteger.ONE));
    }
    return candidates.stream()
        .filter(c -> first.compareTo(c) <= 0 && c.compareTo(last) <= 0)
        .filter(c -> holes.stream().noneMatch(h -> h.contains(v6, c)))
        .map(this::format)
        .findFirst();
  }

  /** An address inside this block, away from its network address. */
  String someAddress() {
    return format(first.add(last).shiftRight(1));
  }

  private String format(BigInteger n) {
    return format(v6, n);
  }

  static String format(boolean v6, BigInteger n) {
    return (v6 ? new IPv6Address(n) : new IPv4Address(n.intValue())).toNormalizedString();
  }
}
