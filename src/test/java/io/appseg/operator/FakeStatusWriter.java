package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;

/** The status writes of a reconcile, recorded in order instead of sent. */
final class FakeStatusWriter implements StatusWriter {
  final List<AppSegmentation> patches = new ArrayList<>();

  @Override
  public void write(AppSegmentation stored, AppSegmentation patch, Context<AppSegmentation> ctx) {
    patches.add(patch);
  }
}
