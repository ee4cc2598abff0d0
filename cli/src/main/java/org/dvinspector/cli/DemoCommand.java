package org.dvinspector.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dvi demo}: starts the embedded lab, stages every situation of the seed FAQ on its own
 * domain, inspects them all and prints the reports, then whether each showed its finding. Needs
 * no internet: every server is on loopback.
 */
@Command(
    name = "demo",
    sortOptions = false,
    usageHelpAutoWidth = true,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Show every diagnosis on a built-in lab (no internet needed).",
    description = {
        "Starts DNS servers under a fake root and web servers on loopback, stages one domain per"
            + " situation of the seed FAQ (plus one that is READY) and per situation of the other"
            + " methods (tls-alpn-01, dns-account-01, dns-persist-01, e-mail and phone), inspects"
            + " each and prints the reports. Exit code 0 when every scenario shows its finding, 1"
            + " otherwise.",
    },
    parameterListHeading = "%nParameters:%n",
    optionListHeading = "%nOptions:%n")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {
  /** Inspections in flight at once. */
  private static final int CONCURRENCY = 4;

  private final CliEnvironment env;

  @Parameters(arity = "0..*", paramLabel = "SCENARIO", completionCandidates = ScenarioNames.class,
      description = "Scenarios to run (default: all); see --list.")
  List<String> names = new ArrayList<>();

  @Option(names = "--list", description = "List the scenarios and the finding each shows.")
  boolean list;

  @Option(names = "--json", description = "Write the reports as JSON Lines (with a \"scenario\" field).")
  boolean json;

  @Option(names = "--no-color", description = "No colour (also: the NO_COLOR variable).")
  boolean noColor;

  @Option(names = {"-v", "--verbose"}, description = "Also list every observation.")
  boolean verbose;

  @Option(names = "--serve",
      description = "Keep the lab running after the reports and print the dvi check options that"
          + " point at it, until Ctrl-C.")
  boolean serve;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "10s",
      description = "Deadline of each inspection (default: ${DEFAULT-VALUE}).")
  Duration deadline = Duration.ofSeconds(10);

  DemoCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    Durations.atMost("--deadline", deadline, NetworkOptions.MAX_DEADLINE);
    List<DemoScenario> scenarios = selected();
    if (list) {
      printList(scenarios);
      return 0;
    }
    Style style = !noColor && env.colourAllowed() ? Style.colour() : Style.plain();
    env.err().println("dvi demo: starting the lab (DNS and web servers on loopback) for "
        + HumanReport.plural(scenarios.size(), "scenario") + "...");
    env.err().flush();
    try (DemoLab lab = DemoLab.start(scenarios, deadline)) {
      List<List<String>> arguments = new ArrayList<>();
      List<InspectionRequest> requests = new ArrayList<>();
      List<Inspection> inspections = new ArrayList<>();
      List<CompletableFuture<InspectionReport>> reports = new ArrayList<>();
      for (DemoScenario s : scenarios) {
        List<String> args = s.arguments(lab);
        arguments.add(args);
        CheckCommand check = parse(args);
        requests.add(request(check, args));
        // A scenario with --perspectives is inspected as dvi check would: with the agents.
        inspections.add(check.perspectives.around(lab.inspector()));
        reports.add(new CompletableFuture<>());
      }
      try {
        return run(lab, scenarios, arguments, requests, inspections, reports, style);
      } finally {
        inspections.forEach(Inspection::close);
      }
    }
  }

  private int run(DemoLab lab, List<DemoScenario> scenarios, List<List<String>> arguments,
      List<InspectionRequest> requests, List<Inspection> inspections,
      List<CompletableFuture<InspectionReport>> reports, Style style)
      throws InterruptedException {
    // A few inspections at a time, so a loaded machine does not turn slow answers into
    // timeouts; the reports are printed in order as they arrive.
    Semaphore permits = new Semaphore(CONCURRENCY);
    AtomicBoolean stopped = new AtomicBoolean();
    Thread submitter = new Thread(() -> {
      for (int i = 0; i < requests.size() && !stopped.get(); i++) {
        CompletableFuture<InspectionReport> target = reports.get(i);
        try {
          permits.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          target.completeExceptionally(e);
          return;
        }
        try {
          inspections.get(i).inspectAsync(requests.get(i)).whenComplete((report, error) -> {
            permits.release();
            if (error != null) {
              target.completeExceptionally(error);
            } else {
              target.complete(report);
            }
          });
        } catch (RuntimeException e) {
          permits.release();
          target.completeExceptionally(e);
        }
      }
    }, "dvi-demo-submit");
    submitter.setDaemon(true);
    submitter.start();
    int shown = 0;
    List<String> summary = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      DemoScenario s = scenarios.get(i);
      InspectionReport report = get(reports.get(i));
      boolean ok = s.isShownBy(report);
      if (ok) {
        shown++;
      }
      if (json) {
        env.out().println(ReportJson.line(ReportJson.toJson(report, 0, s.name())));
      } else {
        env.out().println(style.bold("[" + (i + 1) + "/" + scenarios.size() + "] " + s.name()
            + ": " + s.situation()));
        env.out().println(style.dim("    expects " + s.expectation() + "; as: dvi check "
            + String.join(" ", quoted(arguments.get(i)))));
        env.out().println();
        env.out().print(new HumanReport(style, verbose).render(report));
        env.out().println();
      }
      env.out().flush();
      if (env.out().checkError()) {
        // Whoever read the output has gone (dvi demo --json | head -1): stop now instead of
        // running the remaining scenarios for nobody. Closing the lab ends those in flight.
        stopped.set(true);
        submitter.interrupt();
        return ExitCodes.OUTPUT_CLOSED;
      }
      summary.add(String.format("  %s  %-24s %s", ok ? style.green("shown  ") : style.red("MISSING"),
          s.name(), s.expectation()));
    }
    // With --json, stdout holds only JSON Lines; the summary goes to stderr.
    java.io.PrintWriter w = json ? env.err() : env.out();
    w.println(style.bold("Summary: " + shown + " of " + scenarios.size()
        + " scenarios show their finding"));
    summary.forEach(w::println);
    w.flush();
    if (serve) {
      serve(lab, scenarios, arguments);
    }
    return shown == scenarios.size() ? 0 : 1;
  }

  /** Prints how to reach the lab with {@code dvi check}, then waits until the process is stopped. */
  private void serve(DemoLab lab, List<DemoScenario> scenarios, List<List<String>> arguments)
      throws InterruptedException {
    Path hints;
    try {
      hints = Files.createTempFile("dvi-demo-", ".root");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    hints.toFile().deleteOnExit();
    String network = String.join(" ", quoted(lab.networkArguments(hints)));
    java.io.PrintWriter w = env.err();
    w.println();
    w.println("dvi demo: the lab is running; point dvi check at it with these options:");
    w.println("  " + network);
    w.println("for example:");
    for (int i = 0; i < Math.min(3, scenarios.size()); i++) {
      w.println("  dvi check " + String.join(" ", quoted(arguments.get(i))) + " " + network);
    }
    w.println("(HTTPS servers use the lab's own CA, so dvi check reports their certificates as"
        + " untrusted.) Press Ctrl-C to stop the lab.");
    w.flush();
    new CountDownLatch(1).await();
  }

  private List<DemoScenario> selected() {
    if (names.isEmpty()) {
      return DemoScenarios.all();
    }
    List<DemoScenario> out = new ArrayList<>();
    for (String n : names) {
      out.add(DemoScenarios.byName(n).orElseThrow(() -> new UsageException(
          "Unknown scenario '" + Style.safe(n) + "'; see 'dvi demo --list'")));
    }
    return out;
  }

  private void printList(List<DemoScenario> scenarios) {
    int width = 0;
    for (DemoScenario s : scenarios) {
      width = Math.max(width, s.name().length());
    }
    for (DemoScenario s : scenarios) {
      env.out().println(String.format("%-" + width + "s  %-34s %s", s.name(), s.expectation(),
          s.situation()));
    }
    env.out().flush();
  }

  /** The scenario's {@code dvi check} arguments, parsed as the CLI does. */
  private CheckCommand parse(List<String> args) {
    CheckCommand check = new CheckCommand(env);
    Dvi.configure(new CommandLine(check)).parseArgs(args.toArray(new String[0]));
    return check;
  }

  /** The request the scenario's {@code dvi check} arguments describe. */
  private static InspectionRequest request(CheckCommand check, List<String> args) {
    if (check.domain == null) {
      throw new IllegalStateException("A demo scenario has no domain: " + args);
    }
    return RequestFactory.build(check.commandLineSpec().with(RequestField.DOMAIN, check.domain));
  }

  private static InspectionReport get(CompletableFuture<InspectionReport> f)
      throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("A demo inspection failed", e.getCause());
    }
  }

  private static List<String> quoted(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      out.add(a.matches("[A-Za-z0-9_./:=@+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return out;
  }

  /** The scenario names, for completion. */
  static final class ScenarioNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> out = new ArrayList<>();
      for (DemoScenario s : DemoScenarios.all()) {
        out.add(s.name());
      }
      return out.iterator();
    }
  }
}
