package io.appseg.flows;

import io.appseg.netpol.Protocol;
import java.time.Instant;

/**
 * What one line of a flow record says: {@code count} connections (1 for a per-packet or
 * per-connection record) from {@code source} to {@code destination}:{@code port}/{@code protocol},
 * between {@code first} and {@code last}.
 */
public record Observation(
    FlowEnd source,
    FlowEnd destination,
    int port,
    Protocol protocol,
    Instant first,
    Instant last,
    long count) {}
