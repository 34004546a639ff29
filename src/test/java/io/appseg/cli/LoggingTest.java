package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The operator's two log formats: readable lines and JSON lines, both carrying JOSDK's resource MDC
 * keys.
 */
class LoggingTest {
  private final PrintStream stdout = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    MDC.clear();
    System.setOut(stdout);
    Logging.use("STDERR", "WARN");
  }

  private String logOneLine(String format) {
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    assertThat(Logging.use(format, "INFO")).isNull();
    MDC.put("resource.namespace", "shop");
    MDC.put("resource.name", "web");
    LoggerFactory.getLogger("io.appseg.operator.Test").info("applied 3 NetworkPolicies");
    return captured.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void jsonLinesAreParseableWithTheResourceAsFields() throws Exception {
    JsonNode line = new ObjectMapper().readTree(logOneLine("json"));

    assertThat(line.get("message").asText()).isEqualTo("applied 3 NetworkPolicies");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("resource.namespace").asText()).isEqualTo("shop");
    assertThat(line.get("resource.name").asText()).isEqualTo("web");
  }

  @Test
  void textLinesNameTheResource() {
    assertThat(logOneLine("text"))
        .contains("INFO")
        .contains("shop/web - applied 3 NetworkPolicies");
  }
}
