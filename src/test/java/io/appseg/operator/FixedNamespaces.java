package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Labels;
import io.appseg.plan.NamespaceFacts;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Namespaces that exist with fixed labels and grants, for the reconciler's unit tests. */
final class FixedNamespaces implements NamespaceView {
  private final Map<String, NamespaceFacts> facts = new LinkedHashMap<>();

  /**
   * Adds namespace {@code name}, granting the AppSegmentations of {@code grantedTo} (none when
   * null) and accepting their namespace-wide default-deny.
   */
  FixedNamespaces with(String name, String grantedTo) {
    facts.put(
        name,
        new NamespaceFacts(
            name,
            Map.of(Labels.NAMESPACE_NAME, name),
            grantedTo == null
                ? Map.of()
                : Map.of(
                    Labels.GRANT_ANNOTATION,
                    grantedTo,
                    Labels.NAMESPACE_DENY_ANNOTATION,
                    grantedTo)));
    return this;
  }

  @Override
  public Map<String, NamespaceFacts> facts(List<String> names) {
    Map<String, NamespaceFacts> found = new LinkedHashMap<>();
    names.stream().filter(facts::containsKey).forEach(n -> found.put(n, facts.get(n)));
    return found;
  }

  @Override
  public EventSource<Namespace, AppSegmentation> eventSource(
      EventSourceContext<AppSegmentation> ctx, Function<String, Set<ResourceID>> concerned) {
    throw new UnsupportedOperationException("the unit tier starts no informers");
  }
}
