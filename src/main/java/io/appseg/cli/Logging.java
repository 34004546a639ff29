package io.appseg.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Switches logback (src/main/resources/logback.xml) to an appender and level chosen at run time.
 */
final class Logging {

  /**
   * Reloads logback with appender {@code text}, {@code json} or {@code STDERR} (the CLI default) at
   * the given level. Returns null, or why the configuration failed.
   */
  static String use(String appender, String level) {
    System.setProperty("appseg.log.appender", appender);
    System.setProperty("appseg.log.level", level);
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.reset();
      try {
        new ContextInitializer(ctx).autoConfig();
      } catch (JoranException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  private Logging() {}
}
