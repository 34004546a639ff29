package io.appseg.operator.config;

import io.appseg.api.v1alpha1.Peer;
import io.appseg.kube.Identifiers;
import io.appseg.plan.PlanDefaults;
import io.appseg.verify.PlanVerifier;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the operator process is told from outside, read once from environment variables (Helm
 * values map onto them). Immutable and validated: {@link #fromEnv} reports every bad variable at
 * once.
 *
 * @param watchNamespaces namespaces whose AppSegmentations are reconciled; empty means all
 * @param leaderElection whether replicas elect a leader through a Lease before reconciling
 * @param leaseName name of the Lease: {@value #LEASE_NAME}, or {@code <that>-<shard>} for a shard
 * @param leaseNamespace namespace of the Lease (required with leader election)
 * @param identity this replica's identity in the Lease (the pod name)
 * @param lease how the Lease is held and taken over ({@link LeaseTimings#DEFAULT})
 * @param httpAddress address /metrics, /healthz and /readyz listen on; empty means every interface
 *     (in a pod the kubelet probes the pod IP), {@code appseg local} keeps it on 127.0.0.1
 * @param httpPort port of /metrics, /healthz and /readyz; 0 picks a free port (tests)
 * @param logFormat text or json
 * @param serverSideApply true: write with server-side apply (production); false: plain
 *     create/update, for API servers without SSA such as the fabric8 mock server
 * @param planDefaults cluster-wide DNS and monitoring defaults handed to the planner
 * @param flowSource a flow file or directory to tail for apps in Audit mode; null: off (default)
 * @param reconcileThreads AppSegmentations reconciled at once (JOSDK's default of 50 only makes
 *     threads wait for the CPU and the API server on a small machine)
 * @param shardSelector labels that select the shard's namespaces (followed as namespaces are
 *     labelled); empty: the shard is {@code watchNamespaces}, or there is no shard
 * @param verifyBudget the most work one self-check may take ({@link PlanVerifier#BUDGET}); a plan
 *     over it is refused as too complex
 * @param shardHandover how long a namespace newly selected waits before this shard takes it, so
 *     that the shard it leaves has stopped (it stops at once)
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    String identity,
    LeaseTimings lease,
    String httpAddress,
    int httpPort,
    LogFormat logFormat,
    boolean serverSideApply,
    PlanDefaults planDefaults,
    Path flowSource,
    int reconcileThreads,
    Map<String, String> shardSelector,
    Duration shardHandover,
    long verifyBudget) {

  public static final String LEASE_NAME = "appseg-operator-leader";
  public static final int DEFAULT_HTTP_PORT = 8080;

  /**
   * Far above the time a shard takes to see a namespace's new label and finish the reconcile in
   * flight (a watch event and one reconcile: well under a second in ShardIT).
   */
  public static final Duration DEFAULT_SHARD_HANDOVER = Duration.ofSeconds(10);

  /**
   * Four per CPU: a reconcile mostly waits for the API server, whose answers take a few
   * milliseconds each (measured in bench/converge.md).
   */
  public static final int DEFAULT_RECONCILE_THREADS =
      Math.min(32, 4 * Runtime.getRuntime().availableProcessors());

  public OperatorConfig {
    watchNamespaces = Set.copyOf(watchNamespaces);
    shardSelector = Map.copyOf(shardSelector);
  }

  /** Whether the shard's namespaces follow a label selector rather than a fixed list. */
  public boolean selectsNamespacesByLabel() {
    return !shardSelector.isEmpty();
  }

  public static OperatorConfig fromEnv(Map<String, String> env) throws ConfigException {
    EnvReader r = new EnvReader(env);
    Set<String> watch = r.namespaces("APPSEG_WATCH_NAMESPACES");
    String shard = r.string("APPSEG_SHARD");
    Map<String, String> selector = shardSelector(r, shard, watch);
    Duration handover = r.duration("APPSEG_SHARD_HANDOVER", DEFAULT_SHARD_HANDOVER);
    boolean leader = r.bool("APPSEG_LEADER_ELECTION", true);
    String leaseNs =
        r.string("APPSEG_LEASE_NAMESPACE") != null
            ? r.string("APPSEG_LEASE_NAMESPACE")
            : r.string("POD_NAMESPACE");
    String identity = r.string("POD_NAME") != null ? r.string("POD_NAME") : r.string("HOSTNAME");
    if (leader && leaseNs == null) {
      r.problem(
          "APPSEG_LEASE_NAMESPACE",
          "(or POD_NAMESPACE) must be set when APPSEG_LEADER_ELECTION is true",
          null);
    }
    if (leader && identity == null) {
      r.problem("POD_NAME", "(or HOSTNAME) must be set when APPSEG_LEADER_ELECTION is true", null);
    }
    LeaseTimings lease = leaseTimings(r);
    String address = r.address("APPSEG_METRICS_ADDRESS");
    int port = r.port("APPSEG_METRICS_PORT", DEFAULT_HTTP_PORT);
    LogFormat format = r.choice("APPSEG_LOG_FORMAT", LogFormat.class, LogFormat.TEXT);
    boolean ssa = r.bool("APPSEG_SERVER_SIDE_APPLY", true);
    PlanDefaults defaults = planDefaults(r);
    String flows = r.string("APPSEG_FLOW_SOURCE");
    int threads = r.count("APPSEG_RECONCILE_THREADS", DEFAULT_RECONCILE_THREADS, 256);
    long budget = r.count("APPSEG_VERIFY_BUDGET", (int) PlanVerifier.BUDGET, Integer.MAX_VALUE);
    if (!r.problems().isEmpty()) {
      throw new ConfigException(r.problems());
    }
    return new OperatorConfig(
        watch,
        leader,
        shard == null ? LEASE_NAME : LEASE_NAME + "-" + shard,
        leaseNs,
        identity,
        lease,
        address,
        port,
        format,
        ssa,
        defaults,
        flows == null || flows.isBlank() ? null : Path.of(flows),
        threads,
        selector,
        handover,
        budget);
  }

  /**
   * A shard is a Lease name and its namespaces: a fixed list or a label selector, not both (a
   * namespace listed but not labelled would belong to two shards' views of the cluster).
   */
  private static Map<String, String> shardSelector(EnvReader r, String shard, Set<String> watch) {
    Map<String, String> selector = r.labels("APPSEG_SHARD_SELECTOR");
    if (shard != null && !Identifiers.isDnsLabel(LEASE_NAME + "-" + shard)) {
      r.problem(
          "APPSEG_SHARD",
          "'" + shard + "' cannot end a Lease name: lowercase letters, digits and '-', at most 40",
          null);
    }
    if (shard != null && watch.isEmpty() && selector == null) {
      r.problem(
          "APPSEG_SHARD",
          "needs APPSEG_WATCH_NAMESPACES or APPSEG_SHARD_SELECTOR: the namespaces of the shard",
          null);
    }
    if (selector != null && shard == null) {
      r.problem("APPSEG_SHARD_SELECTOR", "needs APPSEG_SHARD: the name of the shard's Lease", null);
    }
    if (selector != null && !watch.isEmpty()) {
      r.problem(
          "APPSEG_SHARD_SELECTOR",
          "and APPSEG_WATCH_NAMESPACES exclude each other: a shard is a list or a selector",
          null);
    }
    return selector == null ? Map.of() : selector;
  }

  private static LeaseTimings leaseTimings(EnvReader r) {
    LeaseTimings std = LeaseTimings.DEFAULT;
    LeaseTimings lease =
        new LeaseTimings(
            r.duration("APPSEG_LEASE_DURATION", std.leaseDuration()),
            r.duration("APPSEG_LEASE_RENEW_DEADLINE", std.renewDeadline()),
            r.duration("APPSEG_LEASE_RETRY_PERIOD", std.retryPeriod()));
    String problem = lease.problem();
    if (problem != null) {
      r.problems().add(problem);
    }
    return lease;
  }

  /**
   * Replaces the DNS and monitoring peers of {@link PlanDefaults#STANDARD} where variables say so.
   */
  private static PlanDefaults planDefaults(EnvReader r) {
    PlanDefaults std = PlanDefaults.STANDARD;
    List<Peer> dns = std.dnsPeers();
    String dnsNs = r.string("APPSEG_DNS_NAMESPACE");
    Map<String, String> dnsPods = r.labels("APPSEG_DNS_POD_SELECTOR");
    if (dnsNs != null || dnsPods != null) {
      Peer p = new Peer();
      p.setNamespace(dnsNs != null ? dnsNs : PlanDefaults.DNS_NAMESPACE);
      p.setPodSelector(
          new LabelSelectorBuilder()
              .withMatchLabels(dnsPods != null ? dnsPods : PlanDefaults.DNS_POD_LABELS)
              .build());
      dns = List.of(p);
    }
    List<Peer> monitoring = std.monitoringPeers();
    Map<String, String> monNs = r.labels("APPSEG_MONITORING_NAMESPACE_SELECTOR");
    if (monNs != null) {
      Peer p = new Peer();
      p.setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(monNs).build());
      monitoring = List.of(p);
    }
    String port = r.string("APPSEG_MONITORING_PORT");
    IntOrString monPort =
        port == null
            ? std.monitoringPort()
            : port.matches("\\d+")
                ? new IntOrString(Integer.parseInt(port))
                : new IntOrString(port);
    return new PlanDefaults(dns, std.dnsPorts(), monitoring, monPort);
  }
}
