package io.appseg.netpol;

import java.util.Objects;

/**
 * A connection question: may {@code source} open a {@code protocol} connection to {@code
 * destination}:{@code port}?
 */
public record Connection(Endpoint source, Endpoint destination, Port port, Protocol protocol) {

  public Connection {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(protocol, "protocol");
  }

  public static Connection of(Endpoint source, Endpoint destination, int port, Protocol protocol) {
    return new Connection(source, destination, Port.of(port), protocol);
  }

  public static Connection tcp(Endpoint source, Endpoint destination, int port) {
    return of(source, destination, port, Protocol.TCP);
  }

  @Override
  public String toString() {
    return source + " -> " + destination + ":" + port + "/" + protocol;
  }
}
