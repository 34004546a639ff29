package io.appseg.kube;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP addresses and CIDR blocks, read by the ipaddress library: literals only, so no input ever
 * causes a name lookup. Two readings: {@link #block}/{@link #address} take what a cluster may hold
 * (IPv4 parts with leading zeros read as decimal, as the API server's legacy parser stores them);
 * {@link #strictBlock} takes only what the API server accepts in a NetworkPolicy, for what the
 * planner writes. Blocks are their network: host bits dropped where a cluster may hold them.
 */
public final class Ip {
  private static final IPAddressStringParameters STORED = parameters(true);
  private static final IPAddressStringParameters STRICT = parameters(false);

  /** Checked here: the library counts the prefix "/0" as a leading zero when those are refused. */
  private static final Pattern STORED_PREFIX = Pattern.compile("\\d{1,3}");

  private static final Pattern STRICT_PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");

  /** A CIDR block as a cluster may hold it; the message says what is wrong. */
  public static IPAddress block(String text) {
    return parse(text, STORED, STORED_PREFIX)
        .map(IPAddress::toPrefixBlock)
        .orElseThrow(() -> new IllegalArgumentException("'" + text + "' " + whyNotABlock(text)));
  }

  private static String whyNotABlock(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
    Optional<IPAddress> address =
        parts.length == 2 && STORED_PREFIX.matcher(parts[1]).matches()
            ? parse(parts[0], STORED, null)
            : Optional.empty();
    return address
        .map(a -> "has a prefix longer than " + a.getBitCount() + " bits")
        .orElse("is not a CIDR (expected address/prefix)");
  }

  /**
   * A CIDR block that the API server accepts in a NetworkPolicy: {@link #cidrSyntax} with no bits
   * set beyond the prefix (refused since Kubernetes' strict CIDR validation).
   */
  public static Optional<IPAddress> strictBlock(String text) {
    return cidrSyntax(text)
        .filter(a -> a.getLower().withoutPrefixLength().equals(network(a)))
        .map(IPAddress::toPrefixBlock);
  }

  /**
   * {@code address/prefix} as Kubernetes' CEL {@code isCIDR} and Go's netip read it: no leading
   * zeros in an IPv4 part or the prefix, no zone, no IPv4-mapped IPv6 address, host bits allowed.
   * The address as written, with its prefix length.
   */
  public static Optional<IPAddress> cidrSyntax(String text) {
    return parse(text, STRICT, STRICT_PREFIX)
        .filter(a -> !(a.isIPv6() && a.toIPv6().isIPv4Mapped()))
        .map(a -> a.getLower());
  }

  /** The first address of the block, without prefix. */
  public static IPAddress network(IPAddress block) {
    return block.toPrefixBlock().getLower().withoutPrefixLength();
  }

  /** An IPv4 or IPv6 address without prefix or zone. */
  public static IPAddress address(String text) {
    return parse(text, STORED, null)
        .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address"));
  }

  /**
   * Families never mix: an IPv4 block holds no IPv6 address (not even an IPv4-mapped one) and vice
   * versa.
   */
  public static boolean contains(IPAddress block, IPAddress address) {
    return block.getIPVersion() == address.getIPVersion() && block.contains(address);
  }

  /**
   * True if {@code inner} is a strictly smaller block inside {@code outer} (the API's rule for
   * except).
   */
  public static boolean strictlyContains(IPAddress outer, IPAddress inner) {
    return contains(outer, inner)
        && inner.getNetworkPrefixLength() > outer.getNetworkPrefixLength();
  }

  /** A block when {@code prefix} says how its length is written, else an address. */
  private static Optional<IPAddress> parse(
      String text, IPAddressStringParameters parameters, Pattern prefix) {
    String trimmed = text == null ? "" : text.trim();
    int slash = trimmed.indexOf('/');
    boolean prefixed = prefix != null;
    if (prefixed != slash > 0
        || prefixed && !prefix.matcher(trimmed.substring(slash + 1)).matches()) {
      return Optional.empty();
    }
    IPAddress parsed = new IPAddressString(trimmed, parameters).getAddress();
    if (parsed == null) {
      return Optional.empty();
    }
    return Optional.of(parsed);
  }

  private static IPAddressStringParameters parameters(boolean leadingZeros) {
    IPAddressStringParameters.Builder builder =
        new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allow_inet_aton(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE);
    builder
        .getIPv4AddressParametersBuilder()
        .allowLeadingZeros(leadingZeros)
        .allowUnlimitedLeadingZeros(false)
        .allowBinary(false);
    builder
        .getIPv6AddressParametersBuilder()
        .allowZone(false)
        .allowBinary(false)
        .allowUnlimitedLeadingZeros(false);
    return builder.toParams();
  }

  private Ip() {}
}
