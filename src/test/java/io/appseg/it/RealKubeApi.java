package io.appseg.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class its own {@link KubeControlPlane} (started before all tests,
 * stopped after). Inject it, or its admin {@code KubernetesClient}, as a parameter of a
 * {@code @BeforeAll}, constructor or test method. {@code @Nested} classes share the enclosing
 * class's control plane. Fails (never skips) when the binaries are missing: run
 * hack/setup-kube-apiserver.sh.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KubeControlPlaneExtension.class)
public @interface RealKubeApi {

  /** Install crds/appsegmentations.appseg.io-v1.yml before the controller manager starts. */
  boolean installCrd() default true;

  /** Extra kube-apiserver flags, e.g. {"--token-auth-file", "/path"}. */
  String[] apiServerFlags() default {};
}
