package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --live} against an API server that is not there: one line with the cause, after one
 * attempt (the client's retries made a person wait 22 s for a message without the cause).
 */
class LiveErrorsTest {
  private static final String[][] COMMANDS = {
    {"explain", "--from", "a/b", "--to", "c/d", "--port", "80"},
    {"matrix", "--port", "80"},
    {"graph"}
  };

  @TempDir Path tmp;

  @Test
  void eachLiveCommandSaysTheServerCannotBeReachedAndWhy() throws Exception {
    Path kubeconfig = kubeconfig("https://127.0.0.1:1");
    for (String[] command : COMMANDS) {
      Cli.Result r = Cli.run(live(command, kubeconfig));

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err())
          .as(command[0])
          .containsPattern("cannot reach the API server[^;]*: connection refused")
          .contains("https://127.0.0.1:1/")
          .hasLineCount(1);
      Cli.assertNoStackTrace(r);
    }
  }

  @Test
  void aServerThatHangsUpIsAskedOnceNotRetried() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread hangUp =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket s = server.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      hangUp.setDaemon(true);
      hangUp.start();
      Path kubeconfig = kubeconfig("https://127.0.0.1:" + server.getLocalPort());

      Cli.Result r = Cli.run(live(COMMANDS[2], kubeconfig));

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).contains("cannot reach the API server").hasLineCount(1);
      assertThat(connections.get()).as("connections for one failed list").isLessThanOrEqualTo(2);
    }
  }

  private Path kubeconfig(String server) throws IOException {
    return Files.writeString(
        tmp.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """
            .formatted(server));
  }

  private static String[] live(String[] command, Path kubeconfig) {
    String[] all = new String[command.length + 3];
    System.arraycopy(command, 0, all, 0, command.length);
    all[command.length] = "--live";
    all[command.length + 1] = "--kubeconfig";
    all[command.length + 2] = kubeconfig.toString();
    return all;
  }
}
