package io.appseg.flows;

import io.appseg.netpol.Protocol;
import java.time.Instant;
import java.util.Map;

/**
 * One line of the plain CSV format, {@code time,src_ns,src_pod,src_ip,dst_ns,dst_pod,dst_ip,port,
 * protocol}: an end is a pod (namespace and name, the IP optional) or an address; the protocol
 * defaults to TCP. The header line is that list of column names.
 */
final class CsvLine {
  static final String HEADER = "time,src_ns,src_pod,src_ip,dst_ns,dst_pod,dst_ip,port,protocol";
  private static final int COLUMNS = 9;

  private CsvLine() {}

  static LineResult parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != COLUMNS) {
      return LineResult.broken(f.length + " columns, expected " + COLUMNS + " (" + HEADER + ")");
    }
    for (int i = 0; i < f.length; i++) {
      f[i] = f[i].trim();
    }
    Instant time = Json.time(f[0], "time");
    FlowEnd source = end(f[1], f[2], f[3], "src_");
    FlowEnd destination = end(f[4], f[5], f[6], "dst_");
    int port;
    try {
      port = Ends.port("port", Long.parseLong(f[7]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port: not a number");
    }
    Protocol protocol = f[8].isEmpty() ? Protocol.TCP : Protocol.parse(f[8]);
    return LineResult.of(new Observation(source, destination, port, protocol, time, time, 1));
  }

  private static FlowEnd end(String namespace, String pod, String ip, String prefix) {
    if (pod.isEmpty() && namespace.isEmpty()) {
      if (ip.isEmpty()) {
        throw new IllegalArgumentException(prefix + "ip: missing (an end is a pod or an address)");
      }
      return FlowEnd.address(Ends.address(prefix + "ip", ip));
    }
    return Ends.pod(
        prefix.replace("_", "."),
        namespace,
        pod,
        ip.isEmpty() ? null : ip,
        Map.of(),
        Map.of(),
        null);
  }
}
