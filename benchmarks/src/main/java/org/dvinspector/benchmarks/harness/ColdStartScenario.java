package org.dvinspector.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start: runs {@link ColdStart} {@code --coldstart-runs} times as a new JVM each time and
 * reports the medians: the whole process timed from here (JVM start and exit included, like a
 * shell loop or {@code hyperfine} would), and the phases the process reports itself.
 */
final class ColdStartScenario {
  private ColdStartScenario() {}

  /** The scenario's figures (medians, milliseconds). */
  record Result(int runs, double processMs, double jvmMs, double labMs, double buildMs,
      double firstMs, double secondMs, List<String> verdicts) {}

  static Result run(Options o, PrintStream out) throws InterruptedException {
    int runs = o.positive("coldstart-runs", 10);
    List<String> base = Jvm.command(List.of(), ColdStart.class, List.of());
    out.println("== cold start: " + runs + " new JVMs, each starting a 2-nameserver loopback lab,"
        + " building an inspector (dns + caa) and inspecting once (dns-txt + CAA), then once more");
    List<Double> process = new ArrayList<>();
    Map<String, List<Double>> phases = new HashMap<>();
    List<String> verdicts = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      List<String> cmd = new ArrayList<>(base);
      cmd.add("--spawned-at-ms=" + System.currentTimeMillis());
      long start = System.nanoTime();
      Process p;
      try {
        p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start " + cmd, e);
      }
      String line = null;
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          if (l.startsWith("COLDSTART ")) {
            line = l;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("The cold start process did not end");
      }
      long wall = System.nanoTime() - start;
      if (p.exitValue() != 0 || line == null) {
        throw new IllegalStateException("The cold start process failed (exit " + p.exitValue() + ")");
      }
      process.add(Stats.ms(wall));
      for (String part : line.substring("COLDSTART ".length()).split(" ")) {
        String[] kv = part.split("=", 2);
        if (kv[0].equals("verdict")) {
          verdicts.add(kv[1]);
        } else {
          phases.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Double.parseDouble(kv[1]));
        }
      }
      out.println("  run " + (i + 1) + ": whole process " + Stats.f1(Stats.ms(wall)) + " ms; " + line);
    }
    Result r = new Result(runs, Stats.median(process), median(phases, "jvm"), median(phases, "lab"),
        median(phases, "build"), median(phases, "first"), median(phases, "second"), verdicts);
    out.println("  RESULT cold start (medians of " + runs + "): whole process "
        + Stats.f1(r.processMs()) + " ms = JVM start to main " + Stats.f1(r.jvmMs())
        + " ms + lab start " + Stats.f1(r.labMs()) + " ms + building the inspector "
        + Stats.f1(r.buildMs()) + " ms + first inspection " + Stats.f1(r.firstMs())
        + " ms (+ exit); a second inspection in the same JVM takes " + Stats.f1(r.secondMs())
        + " ms");
    return r;
  }

  private static double median(Map<String, List<Double>> phases, String key) {
    return Stats.median(phases.getOrDefault(key, List.of()));
  }
}
