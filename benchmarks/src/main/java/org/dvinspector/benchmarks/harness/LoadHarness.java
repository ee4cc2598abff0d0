package org.dvinspector.benchmarks.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The loopback load harness of {@code BENCHMARKS.md}. Runs the named scenarios (all when none is
 * named) and prints, for each, the measured figure next to its reference from the same run:
 *
 * <ul>
 *   <li>{@code latency}: wall time of a full inspection (warm inspector, and a fresh process) vs
 *       the least time the lab's topology allows, and its DNS questions vs the least set;
 *   <li>{@code fanout}: asking four nameservers 150 ms away costs about one round trip (issue 3);
 *   <li>{@code bulk}: inspections per second and CPU per inspection vs raw dnsjava queries;
 *   <li>{@code burst}: 2,000 inspections of ready names submitted at once with the library's
 *       defaults: no NOT_READY, at least 99 % READY;
 *   <li>{@code memory}: 10,000 inspections at once in a 256 MiB heap, peak heap and sockets;
 *   <li>{@code coldstart}: a new JVM building an inspector and inspecting once;
 *   <li>{@code hostile}: 10,000 inspections of zones served by hostile DNS servers (the hostile
 *       battery's cases) in one process: threads, descriptors and heap before and after.
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.dvinspector.benchmarks.harness.LoadHarness \
 *     [latency] [fanout] [bulk] [burst] [memory] [coldstart] [hostile] [--names=10000] ...
 * </pre>
 *
 * <p>All traffic goes to loopback addresses: DNS labs and web servers started here. Every size is
 * an option, so {@code --names=200 --memory-names=200 --runs=1 --warmup=0 --coldstart-runs=1}
 * makes a smoke run of seconds.
 */
public final class LoadHarness {
  /** The scenarios, in the order {@code all} runs them. */
  static final List<String> SCENARIOS =
      List.of("latency", "fanout", "bulk", "burst", "memory", "coldstart", "hostile");

  /** Every option any scenario reads. */
  static final Set<String> OPTIONS = Set.of(
      "runs", "warmup", "latency-ms", "cold-runs", "dump", "signed", "fanout-latency-ms",
      "names", "pairs", "bulk-window", "bulk-max-queries", "bulk-warmup", "bulk-warmup-max",
      "bulk-jit-settled-ms", "bulk-rounds", "burst",
      "memory-names", "memory-latency-ms", "memory-max-queries", "memory-max-connections",
      "memory-attempts",
      "memory-deadline-s", "heap-mb", "in-process",
      "coldstart-runs", "hostile-inspections", "hostile-warmup", "hostile-window");

  private LoadHarness() {}

  /** Runs the scenarios named in {@code args}. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Options options;
    try {
      options = Options.parse(OPTIONS, args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: LoadHarness [" + String.join("|", SCENARIOS) + "|all]... [--option=value]...");
      System.exit(2);
      return;
    }
    System.exit(run(options, out));
  }

  /** Runs the scenarios of {@code options}; returns the exit status. */
  static int run(Options options, PrintStream out) throws InterruptedException {
    Set<String> chosen = new LinkedHashSet<>();
    for (String p : options.positional()) {
      if (p.equals("all")) {
        chosen.addAll(SCENARIOS);
      } else if (SCENARIOS.contains(p)) {
        chosen.add(p);
      } else {
        throw new IllegalArgumentException("Unknown scenario " + p + "; known: " + SCENARIOS);
      }
    }
    if (chosen.isEmpty()) {
      chosen.addAll(SCENARIOS);
    }
    if (!options.flag("in-process")) {
      header(out);
    }
    int status = 0;
    for (String s : chosen) {
      switch (s) {
        case "latency" -> LatencyScenario.run(options, out);
        case "fanout" -> FanOutScenario.run(options, out);
        case "bulk" -> BulkScenario.run(options, out);
        case "burst" -> BurstScenario.run(options, out);
        case "memory" -> status |= memory(options, out);
        case "coldstart" -> ColdStartScenario.run(options, out);
        case "hostile" -> status |= HostileScenario.run(options, out).met() ? 0 : 1;
        default -> throw new IllegalStateException(s);
      }
      out.println();
    }
    return status;
  }

  /**
   * The memory scenario, in a JVM whose heap is {@code --heap-mb} (256 MiB): in this one when it
   * already is that small or {@code --in-process} is given, else in a new one.
   */
  static int memory(Options options, PrintStream out) throws InterruptedException {
    long limit = options.positive("heap-mb", 256) * 1024L * 1024L;
    if (options.flag("in-process") || Runtime.getRuntime().maxMemory() <= limit) {
      MemoryScenario.Result r = MemoryScenario.run(options, out);
      return r.noError() ? 0 : 1;
    }
    List<String> args = new ArrayList<>(List.of("memory"));
    for (String a : options.toArgs()) {
      if (a.startsWith("--")) {
        args.add(a);
      }
    }
    args.add("--in-process");
    List<String> cmd = Jvm.command(
        List.of("-Xmx" + options.positive("heap-mb", 256) + "m"), LoadHarness.class, args);
    out.println("(memory: running in a new JVM with -Xmx" + options.positive("heap-mb", 256) + "m)");
    out.flush();
    try {
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      return p.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + cmd, e);
    }
  }

  private static void header(PrintStream out) {
    Runtime rt = Runtime.getRuntime();
    out.println("DV Inspector load harness, " + ZonedDateTime.now()
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    out.println("JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + ", " + rt.availableProcessors() + " processors, max heap " + Stats.mib(rt.maxMemory())
        + ", options " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    out.println("OS " + System.getProperty("os.name") + " " + System.getProperty("os.version")
        + ", load average " + Stats.f2(ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage()) + " (other processes share these cores)");
    out.println();
  }
}
