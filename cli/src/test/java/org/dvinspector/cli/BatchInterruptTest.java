package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a batch (Ctrl-C) keeps every report already written, whole, and nothing after. */
final class BatchInterruptTest {
  private static final int N = 40;
  private static DnsLab lab;

  @TempDir static Path dir;

  @BeforeAll
  static void startSlowLab() {
    lab = DnsLab.builder()
        .zone("slow.example.com", z -> z
            .nameserver("ns1.slow.example.com", "127.0.0.51")
            .nameserver("ns2.slow.example.com", "127.0.0.52")
            .records("_dnsauth.www TXT \"tok\""))
        .start();
    // Slow nameservers: each inspection takes a few hundred milliseconds.
    lab.server("ns1.slow.example.com").addFault(DnsFault.latency(Duration.ofMillis(150)));
    lab.server("ns2.slow.example.com").addFault(DnsFault.latency(Duration.ofMillis(150)));
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  @Test
  void cancelKeepsWhatFinishedAndStopsTheRest() throws Exception {
    NetworkPolicy policy = lab.networkPolicy().build();
    List<BatchRunner.Item> items = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      items.add(new BatchRunner.Item(i + 1, InspectionRequest.builder()
          .domain("www.slow.example.com").addChecks(DnsTxtCheck.of("_dnsauth", "tok")).build()));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (DomainValidationInspector inspector = Inspectors.create(policy)) {
      BatchRunner runner = new BatchRunner(inspector, items, 2, new PrintWriter(out, true),
          new Progress(new PrintWriter(err, true), false, N));
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
        try {
          return runner.run();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (runner.written() < 3 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      int kept = runner.cancel();

      assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.INTERRUPTED);
      Thread.sleep(500); // inspections still in flight finish now; none may be written
      String[] lines = out.toString().split("\n");
      assertThat(kept).isBetween(3, N - 1);
      assertThat(lines).hasSize(kept);
      for (String line : lines) {
        assertThat(ReportSchema.errors(line)).isEmpty();
      }
    }
  }

  @Test
  void interruptSignalStopsTheProcessAndKeepsCompleteLines() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < N; i++) {
      jsonl.append("{\"domain\":\"www.slow.example.com\",\"dns-txt\":\"tok\"}\n");
    }
    Path input = dir.resolve("slow.jsonl");
    Files.writeString(input, jsonl);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Dvi.class.getName());
    command.addAll(List.of(LabNetwork.args(lab, dir, "check", "--input", input.toString(),
        "--txt-label", "_dnsauth", "--concurrency", "2")));
    Process p = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (lines.size() < 3 && (line = r.readLine()) != null) {
        lines.add(line);
      }
      // Ctrl-C: SIGINT, sent with the shell's built-in kill.
      new ProcessBuilder("sh", "-c", "kill -INT " + p.pid()).start().waitFor();
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    } finally {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(p.exitValue()).as(err).isEqualTo(130);
    assertThat(lines.size()).isBetween(3, N - 1);
    for (String line : lines) {
      assertThat(ReportSchema.errors(line)).isEmpty();
    }
    assertThat(err).contains("dvi: interrupted; kept the " + lines.size() + " reports already"
        + " written (of " + N + ")");
  }
}
