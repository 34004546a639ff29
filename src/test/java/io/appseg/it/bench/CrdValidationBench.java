package io.appseg.it.bench;

import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.it.AppSegmentations;
import io.appseg.it.Crds;
import io.appseg.it.KubeControlPlane;
import io.appseg.it.Namespaces;
import io.appseg.it.ProjectFiles;
import io.appseg.verify.WorstCaseSpecs;
import io.appseg.verify.WorstCaseSpecs.Shape;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the API server pays to validate an AppSegmentation write (issue 21 item 6, issue 13): for
 * each CRD variant (the CRDs given, each also without its CEL rules and without each rule group in
 * turn, {@link CrdVariants}), the worst-case specs ({@link WorstCaseSpecs}) are created, patched
 * (one metadata label), status-patched (JSON merge) and status-applied (server-side apply), and an
 * ordinary three-tier app is status-applied many times; per request the wall time at the client and
 * the kube-apiserver's CPU from /proc. Not a test: run it with {@code
 * hack/bench-crd-validation.sh}. Settings (system properties): {@code bench.crds} (comma-separated
 * CRD files, default the committed one), {@code bench.bisect} (also the variants without rule
 * groups, default true), {@code bench.creates} (creates per shape, default 2), {@code bench.writes}
 * (writes of each kind per create, default 3), {@code bench.ordinaryWrites} (default 300).
 */
public final class CrdValidationBench {
  private static final String NAMESPACE = "bench-cel";
  private static final String MANAGER = "crd-validation-bench";
  private static final Duration SETTLE = Duration.ofSeconds(60);

  private final KubernetesClient admin;
  private final KubernetesSerialization json;
  private final long serverPid;
  private final int creates = Integer.getInteger("bench.creates", 2);
  private final int writes = Integer.getInteger("bench.writes", 3);
  private final int ordinaryWrites = Integer.getInteger("bench.ordinaryWrites", 300);
  private final List<Shape> shapes =
      Arrays.stream(System.getProperty("bench.shapes", "CIDRS,MESH,SELECTORS").split(","))
          .filter(s -> !s.isBlank())
          .map(Shape::valueOf)
          .toList();
  private int sequence;

  private CrdValidationBench(KubeControlPlane plane) {
    this.admin = plane.client();
    this.json = admin.getKubernetesSerialization();
    String port = Integer.toString(admin.getMasterUrl().getPort());
    this.serverPid =
        ProcStats.find("kube-apiserver", port)
            .orElseThrow(() -> new IllegalStateException("no kube-apiserver on port " + port));
  }

  public static void main(String[] args) throws IOException {
    List<Path> files =
        Arrays.stream(
                System.getProperty("bench.crds", ProjectFiles.appSegmentationCrd().toString())
                    .split(","))
            .map(Path::of)
            .toList();
    Set<CrdVariants.Group> groups =
        Arrays.stream(System.getProperty("bench.bisect", "").split(","))
            .filter(s -> !s.isBlank())
            .map(CrdVariants.Group::valueOf)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(CrdVariants.Group.class)));
    boolean floor = Boolean.parseBoolean(System.getProperty("bench.floor", "true"));
    try (KubeControlPlane plane = KubeControlPlane.start()) {
      List<CrdVariants.Variant> variants = new ArrayList<>();
      for (Path file : files) {
        CustomResourceDefinition crd = load(plane.client(), file);
        String label = file.getFileName().toString().replace(".yml", "");
        variants.addAll(CrdVariants.bisection(label, crd, floor, groups));
      }
      new CrdValidationBench(plane).run(plane.workDir(), variants);
    }
    System.exit(0); // the control plane's and clients' non-daemon threads
  }

  private void run(Path workDir, List<CrdVariants.Variant> variants) throws IOException {
    System.out.printf(
        "machine: %d CPUs, load average at start %s; %d creates per shape, %d writes of each kind"
            + " per create, %d ordinary status applies%n",
        Runtime.getRuntime().availableProcessors(), loadAverage(), creates, writes, ordinaryWrites);
    Namespaces.create(admin, NAMESPACE, Map.of());
    for (CrdVariants.Variant v : variants) {
      install(workDir, v);
      System.out.printf("%n== %s (load average %s)%n", v.label(), loadAverage());
      for (Shape shape : shapes) {
        measureShape(shape);
      }
      measureOrdinary();
    }
    System.out.printf("%nload average at end %s%n", loadAverage());
  }

  /**
   * Installs the variant with a marker field (spec.benchVariant, only its own number allowed) and
   * waits until the API server validates with it: a dry run carrying the marker is admitted.
   */
  @SuppressWarnings("unchecked") // an untyped resource's spec is a JSON object
  private void install(Path workDir, CrdVariants.Variant v) throws IOException {
    int marker = ++sequence;
    CustomResourceDefinition crd = new KubernetesSerialization().clone(v.crd());
    crd.getSpec()
        .getVersions()
        .forEach(
            ver ->
                ver.getSchema()
                    .getOpenAPIV3Schema()
                    .getProperties()
                    .get("spec")
                    .getProperties()
                    .put(
                        "benchVariant",
                        new JSONSchemaPropsBuilder()
                            .withType("integer")
                            .withMinimum((double) marker)
                            .withMaximum((double) marker)
                            .build()));
    Path file = workDir.resolve("variant-" + marker + ".yml");
    Files.writeString(file, json.asYaml(crd));
    Crds.install(admin, file);
    GenericKubernetesResource probe = ordinary("probe-" + marker);
    ((Map<String, Object>) probe.getAdditionalProperties().get("spec")).put("benchVariant", marker);
    await("variant " + marker + " in effect")
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(200))
        .ignoreException(KubernetesClientException.class)
        .until(
            () -> {
              AppSegmentations.untyped(admin, NAMESPACE).resource(probe).dryRun().create();
              return true;
            });
  }

  private void measureShape(Shape shape) {
    Timings create = new Timings();
    Timings label = new Timings();
    Timings status = new Timings();
    Timings apply = new Timings();
    for (int c = 0; c < creates; c++) {
      GenericKubernetesResource app = worst(shape);
      Resource<GenericKubernetesResource> r =
          AppSegmentations.untyped(admin, NAMESPACE).resource(app);
      create.time(r::create);
      for (int w = 0; w < writes; w++) {
        int n = w;
        label.time(() -> r.patch(merge(), "{\"metadata\":{\"labels\":{\"bench\":\"" + n + "\"}}}"));
        status.time(() -> r.subresource("status").patch(merge(), statusPatch(n)));
        apply.time(() -> r.subresource("status").patch(apply(), statusApply(app, n + 100)));
      }
      r.delete();
      await().atMost(SETTLE).until(() -> r.get() == null);
    }
    create.print(shape + " create");
    label.print(shape + " label merge patch");
    status.print(shape + " status merge patch");
    apply.print(shape + " status apply");
  }

  private void measureOrdinary() {
    GenericKubernetesResource app = ordinary("three-tier");
    Resource<GenericKubernetesResource> r =
        AppSegmentations.untyped(admin, NAMESPACE).resource(app);
    r.create();
    Timings apply = new Timings();
    for (int w = 0; w < ordinaryWrites; w++) {
      int n = w;
      apply.time(() -> r.subresource("status").patch(apply(), statusApply(app, n)));
    }
    apply.print("three-tier status apply");
    r.delete();
    await().atMost(SETTLE).until(() -> r.get() == null);
  }

  private GenericKubernetesResource worst(Shape shape) {
    AppSegmentation seg = WorstCaseSpecs.of(shape);
    seg.getMetadata().setNamespace(NAMESPACE);
    seg.getMetadata().setName("worst-" + shape.name().toLowerCase(Locale.ROOT));
    return json.convertValue(seg, GenericKubernetesResource.class);
  }

  private GenericKubernetesResource ordinary(String name) {
    try {
      GenericKubernetesResource app =
          json.unmarshal(
              Files.readString(ProjectFiles.root().resolve("samples/01-three-tier.yaml")),
              GenericKubernetesResource.class);
      app.getMetadata().setNamespace(NAMESPACE);
      app.getMetadata().setName(name);
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String statusPatch(int n) {
    return "{\"status\":{\"observedGeneration\":1,\"tiers\":" + n + "}}";
  }

  /** A status as the operator applies it: its own fields only, a value that changes each time. */
  private String statusApply(GenericKubernetesResource app, int n) {
    return json.asJson(
        Map.of(
            "apiVersion", app.getApiVersion(),
            "kind", app.getKind(),
            "metadata",
                Map.of(
                    "name", app.getMetadata().getName(),
                    "namespace", app.getMetadata().getNamespace()),
            "status", Map.of("observedGeneration", 1, "policies", n)));
  }

  private static PatchContext merge() {
    return PatchContext.of(PatchType.JSON_MERGE);
  }

  private static PatchContext apply() {
    return new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY)
        .withFieldManager(MANAGER)
        .withForce(true)
        .build();
  }

  private static CustomResourceDefinition load(KubernetesClient client, Path file)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return client.apiextensions().v1().customResourceDefinitions().load(in).item();
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  /** Wall time at the client and kube-apiserver CPU, per request. */
  private final class Timings {
    private final List<Double> wallMs = new ArrayList<>();
    private double serverCpuMs;

    void time(Supplier<?> request) {
      double cpu0 = ProcStats.cpuSeconds(serverPid);
      long t0 = System.nanoTime();
      request.get();
      wallMs.add((System.nanoTime() - t0) / 1e6);
      serverCpuMs += (ProcStats.cpuSeconds(serverPid) - cpu0) * 1000;
    }

    void print(String what) {
      List<Double> sorted = wallMs.stream().sorted().toList();
      System.out.printf(
          "  %-32s n %3d  wall median %7.1f ms (%7.1f-%7.1f)  api-server cpu %7.2f ms/request%n",
          what,
          sorted.size(),
          sorted.get(sorted.size() / 2),
          sorted.get(0),
          sorted.get(sorted.size() - 1),
          serverCpuMs / sorted.size());
    }
  }
}
