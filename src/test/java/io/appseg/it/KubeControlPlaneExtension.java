package io.appseg.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** One {@link KubeControlPlane} per test class annotated {@link RealKubeApi}; see there. */
public final class KubeControlPlaneExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeControlPlaneExtension.class);
  private static final String KEY = "controlPlane";

  @Override
  public void beforeAll(ExtensionContext context) {
    // Store lookups include enclosing classes: a @Nested class reuses its outer class's control
    // plane.
    if (find(context) != null) {
      return;
    }
    RealKubeApi settings =
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RealKubeApi.class)
            .orElseThrow(
                () -> new IllegalStateException("annotate the test class with @RealKubeApi"));
    List<Path> crds =
        settings.installCrd() ? List.of(ProjectFiles.appSegmentationCrd()) : List.of();
    context
        .getStore(NAMESPACE)
        .put(KEY, KubeControlPlane.start(crds, List.of(settings.apiServerFlags())));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // remove() only sees this class's own store, so a @Nested class never stops its outer class's
    // plane.
    KubeControlPlane plane = context.getStore(NAMESPACE).remove(KEY, KubeControlPlane.class);
    if (plane != null) {
      plane.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubeControlPlane.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    KubeControlPlane plane = find(context);
    if (plane == null) {
      throw new IllegalStateException(
          "no control plane started for " + context.getRequiredTestClass());
    }
    return parameter.getParameter().getType() == KubernetesClient.class ? plane.client() : plane;
  }

  private static KubeControlPlane find(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(KEY, KubeControlPlane.class);
  }
}
