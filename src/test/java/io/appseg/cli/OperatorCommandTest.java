package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorCommandTest {

  @Test
  void aBadVariableIsAPlainMessageAndExitCode2() {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(
                new OperatorCommand(
                    Map.of("APPSEG_LEADER_ELECTION", "maybe", "APPSEG_METRICS_PORT", "http")))
            .setErr(new PrintWriter(err))
            .execute();

    assertThat(code).isEqualTo(OperatorCommand.CONFIG_ERROR);
    assertThat(err.toString())
        .contains("appseg operator: APPSEG_LEADER_ELECTION must be true or false, got 'maybe'")
        .contains("APPSEG_METRICS_PORT must be a port 0-65535, got 'http'")
        .doesNotContain("Exception");
  }
}
