package org.dvinspector.cli;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dvinspector.MissingModuleException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dvi}: the DV Inspector command line.
 *
 * <p>{@link #main} runs it as a process; {@link #run(CliEnvironment, String...)} runs it in-process
 * (tests), returning the exit code instead of exiting.
 */
@Command(
    name = "dvi",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    header = "DV Inspector: will the CA's domain validation pass, and if not, why?",
    description = {"", "Run 'dvi demo' to see every diagnosis on a built-in lab, no internet needed."},
    commandListHeading = "%nCommands:%n",
    subcommands = {
        CheckCommand.class,
        DemoCommand.class,
        AgentCommand.class,
        AutoComplete.GenerateCompletion.class,
    })
public final class Dvi implements Callable<Integer> {
  Dvi() {}

  /** Runs {@code dvi} and exits with its exit code. */
  public static void main(String[] args) {
    int code = run(CliEnvironment.system(), args);
    System.exit(code);
  }

  /** Runs {@code dvi} with these arguments in this environment and returns the exit code. */
  static int run(CliEnvironment env, String... args) {
    int code = commandLine(env).execute(args);
    env.out().flush();
    env.err().flush();
    return code;
  }

  /** The configured picocli command line. */
  static CommandLine commandLine(CliEnvironment env) {
    CommandLine cl = configure(new CommandLine(new Dvi(), new Factory(env)));
    cl.setOut(env.out());
    cl.setErr(env.err());
    cl.setParameterExceptionHandler(Dvi::usageError);
    cl.setExecutionExceptionHandler(Dvi::executionError);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(
        env.colourAllowed() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    CommandLine completion = cl.getSubcommands().get("generate-completion");
    if (completion != null) {
      completion.getCommandSpec().usageMessage().hidden(false);
    }
    return cl;
  }

  /** The converters every {@code dvi} command line uses (durations, enums in any case). */
  static CommandLine configure(CommandLine cl) {
    cl.registerConverter(Duration.class, Durations::parse);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  @Override
  public Integer call() {
    throw new UsageException(
        "Give a command: check, demo, agent or generate-completion (see 'dvi --help')");
  }

  /** Bad command line: one line on stderr, exit 64. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    cmd.getErr().println(name + ": "
        + oneLine(Suggestions.message(e, String.valueOf(e.getMessage())))
        + " (see '" + name + " --help')");
    cmd.getErr().flush();
    return ExitCodes.USAGE;
  }

  /** Bad input found while running (64), or a failure of the inspector itself (70): one line. */
  private static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    String name = cmd.getCommandSpec().qualifiedName();
    if (e instanceof UsageException) {
      cmd.getErr().println(name + ": " + oneLine(String.valueOf(e.getMessage())));
      cmd.getErr().flush();
      return ExitCodes.USAGE;
    }
    if (e instanceof InterruptedException) {
      cmd.getErr().println(name + ": interrupted");
      cmd.getErr().flush();
      return ExitCodes.INTERRUPTED;
    }
    String what = e instanceof MissingModuleException && e.getMessage() != null
        ? e.getMessage()
        : "internal error: " + (e.getMessage() == null ? e.getClass().getName()
            : e.getClass().getSimpleName() + ": " + e.getMessage());
    cmd.getErr().println(name + ": " + oneLine(what));
    String debug = System.getenv("DVI_DEBUG");
    if (debug != null && !debug.isEmpty()) {
      e.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return ExitCodes.SOFTWARE;
  }

  /** Longest error line written to stderr: a 10 MB CSV cell is not echoed whole. */
  static final int MAX_MESSAGE_LENGTH = 1000;

  static String oneLine(String s) {
    return Style.safe(abbreviate(s.strip().replaceAll("\\s*\\R\\s*", " "), MAX_MESSAGE_LENGTH));
  }

  /** {@code s} cut to {@code max} characters, with how long it was. */
  static String abbreviate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "… (" + s.length() + " characters)";
  }

  /** Creates commands with the environment when their constructor takes one. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliEnvironment env;

    Factory(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        Constructor<K> c = cls.getDeclaredConstructor(CliEnvironment.class);
        c.setAccessible(true);
        return c.newInstance(env);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }
}
