package org.dvinspector.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** bind9's DNSSEC command-line tools (dnssec-keygen, dnssec-signzone, dnssec-verify, ...). */
final class BindTools {
  private BindTools() {}

  /** The outcome of one tool run. */
  record Run(int exitCode, String output) {}

  /** Skips (or fails under CI=true) unless every tool named is installed. */
  static void require(String... tools) {
    List<String> missing = new ArrayList<>();
    for (String t : tools) {
      if (LabEnvironment.binary(t).isEmpty()) {
        missing.add(t);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String line = "needs bind9's " + String.join(", ", missing) + " (package bind9-utils)";
    if (LabEnvironment.CI) {
      fail(line + " (CI=true)");
    }
    Assumptions.abort(line);
  }

  /** Runs {@code tool args...} in {@code dir}, at most 60 s; output is stdout and stderr. */
  static Run run(Path dir, String tool, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(LabEnvironment.path(tool));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(tool + " did not finish in 60 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.exitValue(), out);
  }

  /** Like {@link #run} but fails unless the tool exits 0; returns its output. */
  static String check(Path dir, String tool, String... args) throws IOException {
    Run r = run(dir, tool, args);
    if (r.exitCode() != 0) {
      throw new IOException(tool + " " + String.join(" ", args) + " exited " + r.exitCode()
          + ":\n" + r.output());
    }
    return r.output();
  }
}
