package io.appseg.flows;

/**
 * What a reader made of one line: an observation, a line that is not a flow to judge (skipped, with
 * why), or a line it could not read (broken, with the field and what is wrong).
 */
record LineResult(Observation observation, String skipped, String broken) {
  static LineResult of(Observation o) {
    return new LineResult(o, null, null);
  }

  static LineResult skip(String why) {
    return new LineResult(null, why, null);
  }

  static LineResult broken(String why) {
    return new LineResult(null, null, why);
  }
}
