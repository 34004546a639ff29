package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Isolation;
import io.appseg.plan.Plan;

/**
 * The planner as the reconciler sees it: a pure function from spec and the isolation others'
 * policies already impose to plan (a seam for tests).
 */
@FunctionalInterface
public interface PlanFunction {
  Plan plan(AppSegmentation seg, Isolation isolation) throws InvalidSpecException;
}
