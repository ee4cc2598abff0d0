package org.dvinspector.cli;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the command sees of the world outside the JVM: its output streams, its environment
 * variables and whether it writes to a terminal. Tests build one around string buffers so the
 * whole command runs in-process.
 */
final class CliEnvironment {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, String> variables;
  private final boolean terminal;
  private final boolean installShutdownHooks;

  CliEnvironment(
      PrintWriter out, PrintWriter err, Map<String, String> variables, boolean terminal,
      boolean installShutdownHooks) {
    this.out = out;
    this.err = err;
    this.variables = Map.copyOf(variables);
    this.terminal = terminal;
    this.installShutdownHooks = installShutdownHooks;
  }

  /** The real process: stdout, stderr, the environment, terminal detection. */
  static CliEnvironment system() {
    Charset charset = outputCharset();
    PrintWriter out = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset), true);
    PrintWriter err = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset), true);
    Map<String, String> env = System.getenv();
    return new CliEnvironment(out, err, env, isTerminal(env), true);
  }

  /** For tests: given writers and variables, never a terminal unless asked, no shutdown hooks. */
  static CliEnvironment of(PrintWriter out, PrintWriter err, Map<String, String> variables,
      boolean terminal) {
    return new CliEnvironment(out, err, variables, terminal, false);
  }

  /** Standard output: reports. */
  PrintWriter out() {
    return out;
  }

  /** Standard error: progress, live lines, errors. */
  PrintWriter err() {
    return err;
  }

  /** An environment variable, or null. */
  @Nullable String variable(String name) {
    return variables.get(name);
  }

  /** Whether output goes to an interactive terminal (colour, carriage-return live lines). */
  boolean terminal() {
    return terminal;
  }

  /**
   * Whether colour is allowed at all: on a terminal, and no {@code NO_COLOR} variable with a
   * non-empty value (no-color.org), and not a dumb terminal.
   */
  boolean colourAllowed() {
    String noColor = variable("NO_COLOR");
    String term = variable("TERM");
    return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
  }

  /** Whether commands may register JVM shutdown hooks (the real process; not in tests). */
  boolean installShutdownHooks() {
    return installShutdownHooks;
  }

  private static Charset outputCharset() {
    String enc = System.getProperty("stdout.encoding");
    if (enc == null) {
      enc = System.getProperty("sun.stdout.encoding");
    }
    try {
      return enc != null ? Charset.forName(enc) : Charset.defaultCharset();
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static boolean isTerminal(Map<String, String> env) {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    String term = env.getOrDefault("TERM", "");
    if (term.toLowerCase(Locale.ROOT).equals("dumb")) {
      return false;
    }
    // JDK 22+ returns a Console even when redirected; Console.isTerminal() tells the truth there.
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
