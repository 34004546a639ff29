package io.appseg.cli;

import io.appseg.testing.Samples;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Inputs shared by the explain and matrix tests: pods for samples/01-three-tier.yaml and a
 * hand-written policy.
 */
final class Fixtures {
  static final Path THREE_TIER = Samples.named("01-three-tier.yaml");

  /**
   * One pod per tier of the three-tier sample, with named container ports; db has no port named
   * http.
   */
  static final String PODS =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: production, labels: {env: prod}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: production, labels: {tier: frontend}}
      spec: {containers: [{name: app, image: web, ports: [{name: http, containerPort: 8080}]}]}
      status: {podIP: 10.0.1.10}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: api, namespace: production, labels: {tier: backend}}
      spec: {containers: [{name: app, image: api, ports: [{name: http, containerPort: 8080}]}]}
      status: {podIP: 10.0.1.11}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: production, labels: {tier: database}}
      spec: {containers: [{name: pg, image: postgres, ports: [{name: postgres, containerPort: 5432}]}]}
      status: {podIP: 10.0.1.12}
      """;

  /** Only api may reach db, on 5432; web and api are not isolated at all. */
  static final String DB_POLICY =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: db-from-api, namespace: production}
      spec:
        podSelector: {matchLabels: {tier: database}}
        policyTypes: [Ingress]
        ingress:
          - from: [{podSelector: {matchLabels: {tier: web}}}, {podSelector: {matchLabels: {tier: backend}}}]
            ports: [{port: 5432}]
      """;

  /** The two fixture files, written to a test's directory. */
  record Files(Path pods, Path dbPolicy) {
    static Files writeTo(Path dir) throws IOException {
      return new Files(write(dir, "pods.yaml", PODS), write(dir, "db-policy.yaml", DB_POLICY));
    }
  }

  static Path write(Path dir, String name, String content) throws IOException {
    return java.nio.file.Files.writeString(dir.resolve(name), content);
  }

  private Fixtures() {}
}
