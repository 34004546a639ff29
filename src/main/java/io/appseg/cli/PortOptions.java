package io.appseg.cli;

import io.appseg.netpol.Port;
import io.appseg.netpol.Protocol;
import picocli.CommandLine.Option;

/** The destination port and protocol that {@code explain} and {@code matrix} ask about. */
final class PortOptions {

  @Option(
      names = "--port",
      required = true,
      paramLabel = "NUMBER|NAME",
      description =
          "Destination port: a number, or a container port name looked up on the destination pod.")
  String port;

  @Option(names = "--protocol", defaultValue = "TCP", description = "TCP (default), UDP or SCTP.")
  Protocol protocol;

  /**
   * Parsed here rather than by picocli so that a bad port is an input error (exit 1) like a bad
   * address.
   */
  Port port() throws InputException {
    try {
      return Port.parse(port);
    } catch (IllegalArgumentException e) {
      throw new InputException("--port " + port + ": " + e.getMessage());
    }
  }
}
