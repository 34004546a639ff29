package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * The status write of a reconcile (a seam: the unit tier records the patches). Through JOSDK's
 * caching helpers rather than a returned {@code UpdateControl.patchStatus}: JOSDK then keeps the
 * app as stored, so the next reconcile reads the status just written and not the informer's older
 * copy. That copy can lag by seconds for a large app (its watch event is the whole object), and a
 * reconcile that read it planned again and wrote the same status a second time.
 */
interface StatusWriter {

  /**
   * Writes {@code patch}'s status over {@code stored}, the app this reconcile read; fails with the
   * server's error, for JOSDK to retry.
   */
  void write(AppSegmentation stored, AppSegmentation patch, Context<AppSegmentation> ctx);

  static StatusWriter of(boolean serverSideApply) {
    return serverSideApply
        ? (stored, patch, ctx) ->
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(stored, patch, ctx)
        : (stored, patch, ctx) ->
            PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
                stored,
                ctx,
                app -> {
                  app.setStatus(patch.getStatus());
                  return app;
                });
  }
}
