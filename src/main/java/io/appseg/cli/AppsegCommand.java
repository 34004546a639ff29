package io.appseg.cli;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code appseg} executable: one jar, one subcommand per job, plus {@code help <command>} and
 * {@code generate-completion} (picocli's bash completion script, which zsh loads through
 * bashcompinit).
 */
@Command(
    name = "appseg",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Zero-trust networking for Kubernetes: AppSegmentation resources in, exact NetworkPolicies out.",
    subcommands = {
      RenderCommand.class,
      ExplainCommand.class,
      MatrixCommand.class,
      CheckCommand.class,
      PlanCommand.class,
      AuditCommand.class,
      ProposeCommand.class,
      GraphCommand.class,
      DiffCommand.class,
      TestCommand.class,
      OperatorCommand.class,
      LocalCommand.class,
      HelpCommand.class,
      GenerateCompletion.class
    })
public final class AppsegCommand {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    Charset charset = Charset.defaultCharset();
    return commandLine(
            new OutputStreamWriter(System.out, charset),
            new OutputStreamWriter(System.err, charset))
        .execute(args);
  }

  /**
   * The command line printing to {@code out} and {@code err}, both through a {@link VisibleWriter}.
   */
  static CommandLine commandLine(Writer out, Writer err) {
    return new CommandLine(new AppsegCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(VisibleWriter.wrap(out))
        .setErr(VisibleWriter.wrap(err));
  }
}
