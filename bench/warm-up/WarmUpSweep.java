import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.PlanVerifier;
import io.appseg.verify.VerificationResult;
import io.appseg.verify.WorstCaseSpecs;
import io.appseg.verify.WorstCaseSpecs.Shape;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * One fresh JVM: the operator's start-up warm-up with the first N tiers and flows of the CIDRS and
 * SELECTORS shapes (N = 0: none, the baseline), then the first full worst-case CIDRS plan,
 * self-check and judgement. Prints wall and process CPU (JIT threads included) of both parts.
 */
public class WarmUpSweep {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    PlanDefaults d = PlanDefaults.STANDARD;
    long c0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    for (Shape s : n == 0 ? List.<Shape>of() : List.of(Shape.CIDRS, Shape.SELECTORS)) {
      AppSegmentation seg = WorstCaseSpecs.of(s);
      seg.getSpec().setTiers(new ArrayList<>(seg.getSpec().getTiers().subList(0, n)));
      seg.getSpec().setFlows(new ArrayList<>(seg.getSpec().getFlows().subList(0, n)));
      Plan p = new Planner(d).plan(seg);
      new PlanVerifier(d).verify(seg, p);
      new ContextCheck(d).check(seg, p, Cluster.empty());
    }
    long c1 = os.getProcessCpuTime();
    long t1 = System.nanoTime();
    AppSegmentation w = WorstCaseSpecs.of(Shape.CIDRS);
    Plan p = new Planner(d).plan(w);
    long t2 = System.nanoTime();
    VerificationResult r = new PlanVerifier(d).verify(w, p);
    long t3 = System.nanoTime();
    new ContextCheck(d).check(w, p, Cluster.empty());
    long t4 = System.nanoTime();
    long c4 = os.getProcessCpuTime();
    System.out.printf(
        "N=%d warm-up %d ms wall %d ms cpu | first CIDRS: plan %d + verify %d + judge %d = %d ms"
            + " wall, %d ms cpu (verified %s)%n",
        n, ms(t1 - t0), ms(c1 - c0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t4 - t1),
        ms(c4 - c1), r.ok());
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
