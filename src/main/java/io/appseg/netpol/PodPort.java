package io.appseg.netpol;

/**
 * A container port of a pod; {@code name} is null for unnamed ports; the protocol defaults to TCP.
 */
public record PodPort(String name, int port, Protocol protocol) {}
