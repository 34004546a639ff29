package io.appseg.api.cel;

import java.util.List;
import java.util.Set;

/**
 * The outcome of validating one resource: what failed, and which rules ran at all (a node was
 * present).
 */
public record CelReport(List<CelViolation> violations, Set<CelRule> evaluated) {}
