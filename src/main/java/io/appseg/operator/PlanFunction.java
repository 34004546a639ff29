package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Isolation;
import io.appseg.plan.NamespaceFacts;
import io.appseg.plan.Plan;
import java.util.Map;

/**
 * The planner as the reconciler sees it: a pure function from spec, the facts of its tier
 * namespaces and what others' policies already isolate there, to plan (a seam for tests).
 */
@FunctionalInterface
public interface PlanFunction {
  Plan plan(AppSegmentation seg, Map<String, NamespaceFacts> namespaces, Isolation isolation)
      throws InvalidSpecException;
}
