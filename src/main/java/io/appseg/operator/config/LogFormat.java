package io.appseg.operator.config;

/** Log line format: readable text for people, JSON lines for log collectors. */
public enum LogFormat {
  TEXT,
  JSON
}
