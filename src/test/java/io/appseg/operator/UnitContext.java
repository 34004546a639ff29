package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * JOSDK's context as the unit tier gives it: the one fact the reconciler reads from it (whether the
 * app is gone), nothing else.
 */
final class UnitContext implements Context<AppSegmentation> {
  private final boolean deleted;

  UnitContext(boolean deleted) {
    this.deleted = deleted;
  }

  @Override
  public boolean isPrimaryResourceDeleted() {
    return deleted;
  }

  @Override
  public boolean isPrimaryResourceFinalStateUnknown() {
    return false;
  }

  @Override
  public Optional<RetryInfo> getRetryInfo() {
    return Optional.empty();
  }

  @Override
  public <R> Set<R> getSecondaryResources(Class<R> type) {
    throw new UnsupportedOperationException("the reconciler reads no secondary resources");
  }

  @Override
  public <R> Optional<R> getSecondaryResource(Class<R> type, String name) {
    throw new UnsupportedOperationException("the reconciler reads no secondary resources");
  }

  @Override
  public ControllerConfiguration<AppSegmentation> getControllerConfiguration() {
    throw new UnsupportedOperationException("no controller in the unit tier");
  }

  @Override
  public ManagedWorkflowAndDependentResourceContext managedWorkflowAndDependentResourceContext() {
    throw new UnsupportedOperationException("no workflow");
  }

  @Override
  public EventSourceRetriever<AppSegmentation> eventSourceRetriever() {
    throw new UnsupportedOperationException("no event sources in the unit tier");
  }

  @Override
  public KubernetesClient getClient() {
    throw new UnsupportedOperationException("no client in the unit tier");
  }

  @Override
  public ExecutorService getWorkflowExecutorService() {
    throw new UnsupportedOperationException("no workflow");
  }

  @Override
  public AppSegmentation getPrimaryResource() {
    throw new UnsupportedOperationException("the reconciler is handed the app");
  }

  @Override
  public IndexedResourceCache<AppSegmentation> getPrimaryCache() {
    throw new UnsupportedOperationException("no cache in the unit tier");
  }

  @Override
  public boolean isNextReconciliationImminent() {
    return false;
  }
}
