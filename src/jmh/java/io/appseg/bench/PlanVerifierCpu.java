package io.appseg.bench;

import com.sun.management.OperatingSystemMXBean;
import io.appseg.plan.InvalidSpecException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The CPU time of {@link PlanVerifierBenchmark#planAndVerify} per operation, for a machine whose
 * other load makes wall times unreadable: the thread's own CPU time, and the process's (which adds
 * the garbage collector and the compiler), each the median of the measured operations after the
 * warm-up ones, per app, with the ratio to the first app's (the baseline, same run).
 *
 * <pre>
 * java -Xmx64m -XX:+UseSerialGC -cp target/benchmarks.jar io.appseg.bench.PlanVerifierCpu \
 *   WARMUP MEASURED APP...
 * </pre>
 */
public final class PlanVerifierCpu {
  public static void main(String[] args) throws IOException, InvalidSpecException {
    int warmup = Integer.parseInt(args[0]);
    int measured = Integer.parseInt(args[1]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os =
        ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    double baseline = 0;
    System.out.printf("%-28s %14s %12s %15s%n", "app", "thread CPU ms", "x baseline", "process CPU ms");
    for (int a = 2; a < args.length; a++) {
      PlanVerifierBenchmark bench = new PlanVerifierBenchmark();
      bench.app = args[a];
      bench.load();
      for (int i = 0; i < warmup; i++) {
        bench.planAndVerify();
      }
      long[] thread = new long[measured];
      long[] process = new long[measured];
      for (int i = 0; i < measured; i++) {
        long t = threads.getCurrentThreadCpuTime();
        long p = os.getProcessCpuTime();
        bench.planAndVerify();
        thread[i] = threads.getCurrentThreadCpuTime() - t;
        process[i] = os.getProcessCpuTime() - p;
      }
      double ms = median(thread) / 1e6;
      baseline = a == 2 ? ms : baseline;
      System.out.printf(
          "%-28s %14.1f %12.1f %15.1f%n", args[a], ms, ms / baseline, median(process) / 1e6);
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private PlanVerifierCpu() {}
}
