package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers {@code mvn package} writes (target/appseg, target/kubectl-appseg), installed the
 * way a user would: the script copied into a directory beside the jar, called through a symlink on
 * PATH. They print what {@code java -jar} prints, byte for byte, and nothing else (no JVM notice
 * about the class-data archive, fresh, reused or stale).
 */
class LauncherIT {
  private static final Path TARGET = Path.of("target");
  private static final Path SAMPLE = Path.of("samples/01-three-tier.yaml").toAbsolutePath();

  @TempDir Path tmp;
  private Path install;
  private Path bin;

  @BeforeEach
  void installBesideTheJar() throws IOException {
    install = Files.createDirectories(tmp.resolve("lib"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    for (String launcher : List.of("appseg", "kubectl-appseg")) {
      Path script = Files.copy(TARGET.resolve(launcher), install.resolve(launcher));
      assertThat(Files.isExecutable(script)).as(launcher).isTrue();
      Files.createSymbolicLink(bin.resolve(launcher), script);
    }
    Files.createSymbolicLink(
        install.resolve("appseg.jar"), TARGET.resolve("appseg.jar").toAbsolutePath());
  }

  @Test
  void bothNamesPrintWhatTheJarPrintsAndNothingElse() throws Exception {
    Result jar =
        run(
            Map.of(),
            javaBinary(),
            "-jar",
            TARGET.resolve("appseg.jar").toString(),
            "render",
            "-f",
            SAMPLE.toString());
    assertThat(jar.exit()).as(jar.err()).isZero();

    Result first =
        run(Map.of(), bin.resolve("appseg").toString(), "render", "-f", SAMPLE.toString());
    assertThat(install.resolve("appseg.jsa"))
        .as("the class-data archive of the first run")
        .exists();
    Result second =
        run(Map.of(), bin.resolve("kubectl-appseg").toString(), "render", "-f", SAMPLE.toString());
    Files.setLastModifiedTime(install.resolve("appseg.jsa"), FileTime.fromMillis(0));
    Result stale =
        run(Map.of(), bin.resolve("appseg").toString(), "render", "-f", SAMPLE.toString());

    for (Result r : List.of(first, second, stale)) {
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo(jar.out());
      assertThat(r.err()).isEmpty();
    }
    assertThat(Files.getLastModifiedTime(install.resolve("appseg.jsa")).toMillis())
        .as("a stale archive is written again")
        .isPositive();
  }

  @Test
  void exitCodesAndHelpPassThrough() throws Exception {
    Result usage = run(Map.of(), bin.resolve("appseg").toString(), "render");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required option: '--filename=FILE|DIR|-'");

    Result help = run(Map.of(), bin.resolve("kubectl-appseg").toString(), "help", "graph");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: appseg graph");
  }

  @Test
  void withoutJavaItSaysWhatToInstall() throws Exception {
    Path tools = Files.createDirectories(tmp.resolve("tools-without-java"));
    for (String tool : List.of("readlink", "dirname")) {
      Files.createSymbolicLink(tools.resolve(tool), which(tool));
    }
    Map<String, String> noJava = Map.of("PATH", tools.toString(), "JAVA_HOME", "");
    Result r = run(noJava, "/bin/bash", bin.resolve("appseg").toString(), "--version");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("appseg: no java found: install JDK 17 or newer, or set JAVA_HOME\n");
  }

  private static Path which(String tool) {
    return Path.of("/usr/bin", tool).toFile().exists()
        ? Path.of("/usr/bin", tool)
        : Path.of("/bin", tool);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private record Result(int exit, String out, String err) {}

  private Result run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command)));
    pb.environment().putAll(env);
    pb.environment().remove("APPSEG_JAVA_OPTS");
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
