package io.appseg.flows;

import inet.ipaddr.IPAddress;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.kube.Ip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * External addresses a tier talks with on the same ports, merged into the fewest CIDR blocks that
 * hold exactly those addresses (10.0.0.4 and 10.0.0.5 become 10.0.0.4/31): a summary that admits no
 * address that was not observed.
 */
final class Cidrs {
  /** One flow's worth: a tier, the blocks on one side, the ports. */
  record Need(Endpoint from, Endpoint to, SortedSet<PortRanges.Observed> ports) {}

  private Cidrs() {}

  /**
   * {@code external} maps {@code egress|tier|address} or {@code ingress|tier|address} to the ports
   * seen.
   */
  static List<Need> needs(Map<String, SortedSet<PortRanges.Observed>> external) {
    Map<String, List<IPAddress>> byGroup = new TreeMap<>();
    Map<String, SortedSet<PortRanges.Observed>> portsOf = new TreeMap<>();
    external.forEach(
        (key, ports) -> {
          String[] parts = key.split("\\|", 3);
          IPAddress ip = Ip.address(parts[2]);
          String group =
              parts[0]
                  + "|"
                  + parts[1]
                  + "|"
                  + ip.getIPVersion()
                  + "|"
                  + SpecEnds.inline(ports.stream().map(PortRanges.Observed::toString).toList());
          byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(ip);
          portsOf.putIfAbsent(group, ports);
        });
    List<Need> out = new ArrayList<>();
    byGroup.forEach(
        (group, ips) -> {
          String[] parts = group.split("\\|", 4);
          IPAddress first = ips.get(0).toPrefixBlock(ips.get(0).getBitCount());
          IPAddress[] rest =
              ips.stream()
                  .skip(1)
                  .map(a -> a.toPrefixBlock(a.getBitCount()))
                  .toArray(IPAddress[]::new);
          for (IPAddress block : first.mergeToPrefixBlocks(rest)) {
            Endpoint cidr = new Endpoint();
            cidr.setCidr(block.toCanonicalString());
            Endpoint tier = Endpoint.tier(parts[1]);
            boolean egress = parts[0].equals("egress");
            out.add(new Need(egress ? tier : cidr, egress ? cidr : tier, portsOf.get(group)));
          }
        });
    return out;
  }
}
