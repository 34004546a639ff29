package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;

/** The planner as the reconciler sees it: a pure function from spec to plan (a seam for tests). */
@FunctionalInterface
public interface PlanFunction {
  Plan plan(AppSegmentation seg) throws InvalidSpecException;
}
