package io.appseg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code appseg} executable: one jar, one subcommand per job. */
@Command(name = "appseg", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Zero-trust networking for Kubernetes: AppSegmentation resources in, exact NetworkPolicies out.",
    subcommands = {RenderCommand.class, ExplainCommand.class, MatrixCommand.class, GraphCommand.class,
        OperatorCommand.class, LocalCommand.class})
public final class AppsegCommand {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return new CommandLine(new AppsegCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }
}
