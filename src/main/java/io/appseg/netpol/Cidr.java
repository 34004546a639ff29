package io.appseg.netpol;

/** A CIDR block, normalised to its network address (host bits dropped, as the API server's legacy parser does). */
final class Cidr {
  final IpAddress network;
  final int prefix;

  private Cidr(IpAddress network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  static Cidr parse(String text) {
    String t = text == null ? "" : text.trim();
    int slash = t.indexOf('/');
    if (slash < 0 || !t.substring(slash + 1).matches("\\d{1,3}")) {
      throw new IllegalArgumentException("'" + text + "' is not a CIDR (expected address/prefix)");
    }
    IpAddress address = IpAddress.parse(t.substring(0, slash));
    int prefix = Integer.parseInt(t.substring(slash + 1));
    if (prefix > address.bits()) {
      throw new IllegalArgumentException("'" + text + "' has a prefix longer than " + address.bits() + " bits");
    }
    return new Cidr(address.masked(prefix), prefix);
  }

  /** Families never mix: an IPv4 block matches no IPv6 address and vice versa (R11). */
  boolean contains(IpAddress address) {
    return address.v6 == network.v6 && address.masked(prefix).sameAs(network);
  }

  /** True if {@code inner} is a strictly smaller block inside this one (the API's rule for {@code except}). */
  boolean strictlyContains(Cidr inner) {
    return contains(inner.network) && inner.prefix > prefix;
  }

  @Override
  public String toString() {
    return network + "/" + prefix;
  }
}
