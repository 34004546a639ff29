package io.appseg.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Files of a git commit, read with the git command in a repository directory: {@code rev-parse} to
 * tell a commit from a path, {@code ls-tree} to list what is under some paths at that commit, and
 * one {@code cat-file --batch} for all their contents.
 */
final class GitTree {
  private final Path repository;

  GitTree(Path repository) {
    this.repository = repository;
  }

  /** The commit {@code ref} names, or null when it names none (or this is not a git repository). */
  String commit(String ref) throws InputException {
    Result r =
        git(new byte[0], "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
    return r.exit() == 0 ? r.text().strip() : null;
  }

  /** The manifests under {@code paths} at {@code commit}, as documents named {@code ref:path}. */
  List<Document> documents(String ref, String commit, List<String> paths) throws InputException {
    List<String> args =
        new ArrayList<>(List.of("ls-tree", "-r", "-z", "--full-name", "--name-only", commit, "--"));
    args.addAll(paths);
    Result listing = require(git(new byte[0], args.toArray(String[]::new)), "ls-tree");
    List<String> files =
        Arrays.stream(listing.text().split("\0"))
            .filter(f -> f.matches(".*\\.(ya?ml|json)$"))
            .sorted()
            .toList();
    StringBuilder batch = new StringBuilder();
    files.forEach(f -> batch.append(commit).append(':').append(f).append('\n'));
    byte[] blobs =
        require(
                git(batch.toString().getBytes(StandardCharsets.UTF_8), "cat-file", "--batch"),
                "cat-file")
            .bytes();
    List<Document> documents = new ArrayList<>();
    int at = 0;
    for (String file : files) {
      int header = indexOf(blobs, (byte) '\n', at);
      String[] fields = new String(blobs, at, header - at, StandardCharsets.UTF_8).split(" ");
      int size = Integer.parseInt(fields[2]);
      documents.addAll(
          InputReader.parse(
              ref + ":" + file, new String(blobs, header + 1, size, StandardCharsets.UTF_8)));
      at = header + 1 + size + 1;
    }
    return documents;
  }

  private record Result(int exit, byte[] bytes, String error) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static Result require(Result r, String what) throws InputException {
    if (r.exit() != 0) {
      throw new InputException(
          "git " + what + " failed: " + r.error().strip().lines().findFirst().orElse(""));
    }
    return r;
  }

  private Result git(byte[] input, String... args) throws InputException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(repository.toFile()).start();
      // stdin and stderr on their own threads: a full pipe on any of the three would stall git and
      // us
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      CompletableFuture<Void> written =
          CompletableFuture.runAsync(() -> write(process.getOutputStream(), input));
      byte[] out = readAll(process.getInputStream());
      written.join();
      return new Result(process.waitFor(), out, new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InputException("cannot run git in " + repository + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException("interrupted while running git");
    }
  }

  private static byte[] readAll(InputStream in) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static void write(OutputStream stream, byte[] input) {
    try (OutputStream in = stream) {
      in.write(input);
    } catch (IOException e) {
      // git exited early; its exit code and stderr say why
    }
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new IllegalStateException("git cat-file --batch: truncated output");
  }
}
