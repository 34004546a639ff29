package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.javaoperatorsdk.operator.ReconcilerUtils;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * The finalizer, on the apps that need one (a seam: the unit tier records the calls). Only policies
 * outside an app's own namespace need it (P4): no ownerReference can point across namespaces, so
 * the operator deletes those itself before the app goes; in the own namespace the garbage collector
 * follows the controller ownerReference. An app without such policies is deleted at once, with no
 * write by the operator.
 */
interface Finalizers {
  /** JOSDK's default name for this controller: the one that apps of earlier versions carry. */
  String NAME = ReconcilerUtils.getDefaultFinalizerName(AppSegmentation.class);

  /**
   * Adds it; {@code seg} is then the app as stored (its finalizers and resourceVersion), so that
   * the reconcile's status write is not refused as written over an older version.
   */
  void add(AppSegmentation seg, Context<AppSegmentation> ctx);

  /**
   * Removes it, {@code seg} too: the app may go once nothing of it is left outside its own
   * namespace.
   */
  void remove(AppSegmentation seg, Context<AppSegmentation> ctx);

  static boolean held(AppSegmentation seg) {
    return seg.hasFinalizer(NAME);
  }

  /** Through JOSDK, which keeps its cache of the app in step with the write. */
  static Finalizers of(boolean serverSideApply) {
    return new Finalizers() {
      @Override
      public void add(AppSegmentation seg, Context<AppSegmentation> ctx) {
        stored(
            seg,
            serverSideApply
                ? PrimaryUpdateAndCacheUtils.addFinalizerWithSSA(ctx, seg, NAME)
                : PrimaryUpdateAndCacheUtils.addFinalizer(ctx, NAME));
      }

      @Override
      public void remove(AppSegmentation seg, Context<AppSegmentation> ctx) {
        stored(seg, PrimaryUpdateAndCacheUtils.removeFinalizer(ctx, NAME));
      }

      private static void stored(AppSegmentation seg, AppSegmentation stored) {
        seg.getMetadata().setFinalizers(stored.getMetadata().getFinalizers());
        seg.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
      }
    };
  }
}
