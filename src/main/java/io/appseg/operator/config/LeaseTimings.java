package io.appseg.operator.config;

import java.time.Duration;

/**
 * How the leader election Lease is held, as in client-go: a standby takes over at most {@code
 * leaseDuration} (plus one retry) after the leader's last renewal; the leader gives up leading when
 * it could not renew for {@code renewDeadline}; both retry every {@code retryPeriod}.
 *
 * <p>The defaults make failover fast: the standby's caches are already warm (JOSDK starts every
 * informer before leadership and holds back only the reconciles), so what a takeover waits for is
 * the Lease. 5 s / 4 s / 1 s gives a new app Ready within 10 s of the leader's death (measured by
 * FailoverIT); the price is one Lease update per second and a leader that exits when the API server
 * is unreachable for 4 s (it restarts as a standby).
 */
public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
  public static final LeaseTimings DEFAULT =
      new LeaseTimings(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(1));

  /**
   * fabric8's LeaderElector refuses timings where the leader could still renew after a standby may
   * take over, or where a renewal's retries (with up to 1.2 x jitter) do not fit the deadline.
   */
  static final double JITTER = 1.2;

  /** Why these timings cannot work, or null. */
  String problem() {
    if (renewDeadline.compareTo(leaseDuration) >= 0) {
      return "APPSEG_LEASE_RENEW_DEADLINE ("
          + Durations.format(renewDeadline)
          + ") must be shorter than APPSEG_LEASE_DURATION ("
          + Durations.format(leaseDuration)
          + ")";
    }
    if (renewDeadline.toMillis() <= JITTER * retryPeriod.toMillis()) {
      return "APPSEG_LEASE_RENEW_DEADLINE ("
          + Durations.format(renewDeadline)
          + ") must be longer than 1.2 x APPSEG_LEASE_RETRY_PERIOD ("
          + Durations.format(retryPeriod)
          + ")";
    }
    return null;
  }
}
