package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code appseg help <command>}, each command's own help, and the shell completion script. */
class CommandHelpTest {
  private static final Set<String> BUILT_IN = Set.of("help", "generate-completion");

  @TempDir Path tmp;

  @Test
  void helpOfACommandIsThatCommandsHelp() {
    for (String name : commands()) {
      Cli.Result help = Cli.run("help", name);
      Cli.Result own = Cli.run(name, "--help");

      assertThat(help.exitCode()).as(name).isZero();
      assertThat(help.out()).as(name).isEqualTo(own.out()).startsWith("Usage: appseg " + name);
      assertThat(help.out()).as(name + " says its exit codes").contains("Exit codes:");
    }
  }

  @Test
  void everyCommandDescribesItselfInItsOwnWords() {
    Set<String> seen = new HashSet<>();
    for (String name : commands()) {
      String[] description =
          root().getSubcommands().get(name).getCommandSpec().usageMessage().description();
      assertThat(description).as(name).isNotEmpty();
      assertThat(seen.add(description[0])).as(name + ": a description of its own").isTrue();
    }
  }

  @Test
  void theCompletionScriptIsValidBashAndKnowsEveryCommand() throws Exception {
    Cli.Result r = Cli.run("generate-completion");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("complete -F _complete_appseg");
    commands().forEach(name -> assertThat(r.out()).as(name).contains(name));
    Path script = Files.writeString(tmp.resolve("appseg.bash"), r.out());
    assertThat(bashParses(script)).as("bash -n").isZero();
  }

  private static int bashParses(Path script) throws IOException, InterruptedException {
    return new ProcessBuilder("bash", "-n", script.toString()).inheritIO().start().waitFor();
  }

  private static CommandLine root() {
    return new CommandLine(new AppsegCommand());
  }

  private static List<String> commands() {
    return root().getSubcommands().keySet().stream().filter(n -> !BUILT_IN.contains(n)).toList();
  }
}
