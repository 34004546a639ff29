package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;

/** The finalizer on the app object itself, with a record of each add and remove, in order. */
final class FakeFinalizers implements Finalizers {
  final List<String> calls = new ArrayList<>();

  @Override
  public void add(AppSegmentation seg, Context<AppSegmentation> ctx) {
    calls.add("add");
    seg.addFinalizer(NAME);
  }

  @Override
  public void remove(AppSegmentation seg, Context<AppSegmentation> ctx) {
    calls.add("remove");
    seg.removeFinalizer(NAME);
  }
}
