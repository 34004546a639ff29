package io.appseg.netpol;

/**
 * One {@code ports} element: a protocol (default TCP) and all ports, a number, a range, or a named
 * port.
 */
record CompiledPort(Protocol protocol, int first, int last, String name) {

  static CompiledPort allPorts(Protocol protocol) {
    return new CompiledPort(protocol, 1, 65535, null);
  }

  /**
   * A named port matches only a destination pod that has a container port of that name, whose
   * protocol is this entry's protocol and whose number is the connection's port (R13).
   */
  boolean matches(int port, Protocol connectionProtocol, PodInfo destination) {
    if (connectionProtocol != protocol) {
      return false;
    }
    if (name == null) {
      return first <= port && port <= last;
    }
    return destination != null
        && destination
            .port(name)
            .filter(p -> p.protocol() == protocol && p.port() == port)
            .isPresent();
  }
}
