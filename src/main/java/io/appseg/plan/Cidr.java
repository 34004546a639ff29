package io.appseg.plan;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A parsed IPv4 or IPv6 CIDR block; enough arithmetic to check that an except block lies inside its cidr. */
record Cidr(int bits, BigInteger network, int prefix) {
  private static final Pattern V4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
  private static final Pattern V6 = Pattern.compile("^[0-9a-fA-F:.]+$");

  /** Parses {@code address/prefix}; empty when the text is not a CIDR block. Never resolves host names. */
  static Optional<Cidr> parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String address = text.substring(0, slash);
    String prefixText = text.substring(slash + 1);
    if (!prefixText.matches("\\d{1,3}")) {
      return Optional.empty();
    }
    int bits = V4.matcher(address).matches() ? 32 : address.contains(":") && V6.matcher(address).matches() ? 128 : 0;
    int prefix = Integer.parseInt(prefixText);
    if (bits == 0 || prefix > bits || (bits == 32 && !octetsInRange(address))) {
      return Optional.empty();
    }
    return literal(address).map(value -> new Cidr(bits, mask(value, bits, prefix), prefix));
  }

  boolean strictlyContains(Cidr other) {
    return other.bits == bits && other.prefix > prefix && mask(other.network, bits, prefix).equals(network);
  }

  private static boolean octetsInRange(String address) {
    for (String octet : address.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  private static Optional<BigInteger> literal(String address) {
    try {
      // Only IP literals reach here (checked by the patterns above), so no DNS lookup happens.
      return Optional.of(new BigInteger(1, InetAddress.getByName(address).getAddress()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static BigInteger mask(BigInteger value, int bits, int prefix) {
    BigInteger hostBits = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    return value.andNot(hostBits);
  }
}
