package io.appseg.it.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.DoubleSupplier;

/** One measured phase: wall time, CPU seconds of the client and of the API server, requests. */
record Phase(
    String name, double wallSeconds, double clientCpu, double serverCpu, ApiRequests requests) {

  /** Measures {@code work}; {@code clientCpu} reads the CPU seconds of whoever does the work. */
  static Phase measure(String name, Bench bench, DoubleSupplier clientCpu, Runnable work) {
    ApiRequests before = ApiRequests.scrape(bench.admin());
    double client0 = clientCpu.getAsDouble();
    double server0 = bench.serverCpu();
    long t0 = System.nanoTime();
    work.run();
    double wall = (System.nanoTime() - t0) / 1e9;
    double client = clientCpu.getAsDouble() - client0;
    double server = bench.serverCpu() - server0;
    return new Phase(name, wall, client, server, ApiRequests.scrape(bench.admin()).since(before));
  }

  /** Phases run one after the other, as one: times and CPU add up, and so do the requests. */
  static Phase sum(String name, List<Phase> phases) {
    ApiRequests requests = phases.get(0).requests();
    for (Phase p : phases.subList(1, phases.size())) {
      requests = requests.plus(p.requests());
    }
    return new Phase(
        name,
        phases.stream().mapToDouble(Phase::wallSeconds).sum(),
        phases.stream().mapToDouble(Phase::clientCpu).sum(),
        phases.stream().mapToDouble(Phase::serverCpu).sum(),
        requests);
  }

  String describe() {
    return String.format(
            "%-34s wall %7.2f s   client cpu %6.2f s   api-server cpu %6.2f s%n",
            name, wallSeconds, clientCpu, serverCpu)
        + String.format(
            "      writes %d, reads %d, dry runs %d%n",
            requests.writes(), requests.reads(), requests.dryRuns())
        + requests.describe();
  }

  interface Bench {
    KubernetesClient admin();

    double serverCpu();
  }
}
