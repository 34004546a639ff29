package io.appseg.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.diff.DiffReport.Change;
import io.appseg.diff.DiffReport.Kind;
import io.appseg.diff.DiffReport.PairChange;
import io.appseg.diff.DiffReport.PolicyChange;
import io.appseg.netpol.Cluster;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ConnectivityDiffTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final AppSegmentation THREE_TIER =
      Samples.load(Samples.named("01-three-tier.yaml"));

  @Test
  void aWideningFlowOpensExactlyItsConnectionAndNamesTheFlowOnTheHeadSide() {
    DiffReport r = diff(THREE_TIER, edited(s -> flows(s).add(flow("frontend", "database", 5432))));

    assertThat(changes(r))
        .containsExactly(
            new PairChange(
                "three-tier/frontend",
                "three-tier/database",
                Kind.OPENED,
                List.of("5432/TCP"),
                List.of(),
                List.of(),
                List.of("spec.flows[3]")));
    assertThat(r.anyOpened()).isTrue();
    assertThat(r.anyClosed()).isFalse();
    assertThat(r.policies())
        .containsExactly(
            new PolicyChange("production/three-tier.database", Change.CHANGED),
            new PolicyChange("production/three-tier.frontend", Change.CHANGED));
  }

  @Test
  void reorderingFlowsChangesNoConnectionAndNoPolicyBeyondRuleOrder() {
    AppSegmentation reordered =
        edited(
            s -> {
              flows(s).add(flow("frontend", "database", 5432));
              Collections.reverse(flows(s));
            });
    AppSegmentation widened = edited(s -> flows(s).add(flow("frontend", "database", 5432)));

    DiffReport r = diff(widened, reordered);

    assertThat(r.apps()).isEmpty();
    assertThat(r.policies()).isEmpty();
    assertThat(r.reordered())
        .containsExactly("production/three-tier.database", "production/three-tier.frontend");
  }

  @Test
  void removingAFlowClosesItWithTheFlowThatAllowedItOnTheBaseSide() {
    DiffReport r = diff(THREE_TIER, edited(s -> flows(s).remove(2)));

    assertThat(changes(r))
        .containsExactly(
            new PairChange(
                "three-tier/backend",
                "three-tier/database",
                Kind.CLOSED,
                List.of(),
                List.of("5432/TCP"),
                List.of("spec.flows[2]"),
                List.of()));
    assertThat(r.anyClosed()).isTrue();
  }

  @Test
  void aChangedPortIsOneChangeWithBothPortsAndBothSides() {
    DiffReport r = diff(THREE_TIER, edited(s -> flows(s).get(2).setPorts(List.of(port(6432)))));

    assertThat(changes(r))
        .containsExactly(
            new PairChange(
                "three-tier/backend",
                "three-tier/database",
                Kind.PORTS_CHANGED,
                List.of("6432/TCP"),
                List.of("5432/TCP"),
                List.of("spec.flows[2]"),
                List.of("spec.flows[2]")));
  }

  @Test
  void aNewAppOpensItsFlowsAndCreatesItsPoliciesAndTheOrderIsFixed() {
    Revision none = new Revision("base", List.of(), Cluster.empty());
    Revision added = revision("head", THREE_TIER);

    DiffReport first = ConnectivityDiff.compare(none, added, Cluster.empty());
    DiffReport second = ConnectivityDiff.compare(none, added, Cluster.empty());

    assertThat(first).isEqualTo(second);
    assertThat(first.policies())
        .extracting(PolicyChange::change)
        .containsOnly(Change.CREATED)
        .hasSize(4);
    assertThat(changes(first))
        .filteredOn(c -> c.kind() == Kind.CLOSED)
        .isNotEmpty(); // default-deny closes
    // open on every port before, on 8080 only after
    assertThat(changes(first))
        .filteredOn(
            c -> c.from().equals("three-tier/frontend") && c.to().equals("three-tier/backend"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(Kind.PORTS_CHANGED);
              assertThat(c.closed()).containsExactly("every probed port but 8080/TCP");
              assertThat(c.baseAllowedBy()).containsExactly("no policy isolates either end");
            });
  }

  @Test
  void turningDnsOffClosesDnsAndNamesSpecDns() {
    DiffReport r =
        diff(
            THREE_TIER,
            edited(
                s -> {
                  s.getSpec().setDns(new Dns());
                  s.getSpec().getDns().setEnabled(false);
                }));

    // one change per tier, joined into one line: they differ only in their source
    assertThat(changes(r))
        .containsExactly(
            new PairChange(
                "three-tier/backend, three-tier/database, three-tier/frontend",
                "pods in kube-system with k8s-app=kube-dns",
                Kind.CLOSED,
                List.of(),
                List.of("53/TCP", "53/UDP"),
                List.of("spec.dns"),
                List.of()));
  }

  private static DiffReport diff(AppSegmentation base, AppSegmentation head) {
    return ConnectivityDiff.compare(
        revision("base", base), revision("head", head), Cluster.empty());
  }

  private static List<PairChange> changes(DiffReport r) {
    return r.apps().stream().flatMap(a -> a.changes().stream()).toList();
  }

  static Revision revision(String label, AppSegmentation seg) {
    try {
      return new Revision(
          label,
          List.of(new Revision.App(seg, new Planner(PlanDefaults.STANDARD).plan(seg))),
          Cluster.empty());
    } catch (InvalidSpecException e) {
      throw new AssertionError(e.errors().toString(), e);
    }
  }

  private static AppSegmentation edited(Consumer<AppSegmentation> edit) {
    AppSegmentation copy = SERIALIZATION.clone(THREE_TIER);
    copy.getSpec().setFlows(new ArrayList<>(copy.getSpec().getFlows()));
    edit.accept(copy);
    return copy;
  }

  private static List<Flow> flows(AppSegmentation s) {
    return s.getSpec().getFlows();
  }

  private static Flow flow(String from, String to, int port) {
    return new Flow(Endpoint.tier(from), Endpoint.tier(to), List.of(port(port)));
  }

  private static PortSpec port(int number) {
    return new PortSpec(new IntOrString(number), null, null);
  }
}
