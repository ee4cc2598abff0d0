package org.dvinspector.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code dvi} in-process and captures what it writes. */
final class CliRun {
  final int exitCode;
  final String out;
  final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** Runs with no environment variables, not on a terminal. */
  static CliRun run(String... args) {
    return run(Map.of(), false, args);
  }

  /** Runs with these variables, on a terminal or not. */
  static CliRun run(Map<String, String> variables, boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment env = CliEnvironment.of(
        new PrintWriter(out, true), new PrintWriter(err, true), new HashMap<>(variables), terminal);
    int code = Dvi.run(env, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The non-empty lines of stderr. */
  String[] errLines() {
    return err.lines().filter(l -> !l.isBlank()).toArray(String[]::new);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
  }
}
