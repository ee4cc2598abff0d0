package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dvi check --watch}: the live line, and READY once the record appears mid-watch. */
final class WatchTest {
  private static final String TOKEN = "watch-token-81c0";

  @TempDir Path dir;

  @Test
  void turnsReadyWhenTheRecordIsAddedMidWatch() throws Exception {
    try (DnsLab lab = DnsLab.builder()
        .zone("watch.example.com", z -> z
            .nameserver("ns1.watch.example.com", "127.0.0.31")
            .nameserver("ns2.watch.example.com", "127.0.0.32")
            .records("www A 127.0.1.1"))
        .start()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CliEnvironment env = CliEnvironment.of(new PrintWriter(out, true), new PrintWriter(err, true),
          Map.of(), false);
      String[] args = LabNetwork.args(lab, dir, "check", "www.watch.example.com", "--dns-txt", TOKEN,
          "--txt-label", "_dnsauth", "--watch", "--interval", "200ms", "--watch-timeout", "20s");
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Dvi.run(env, args));

      // Wait for the first attempt to be shown, then publish the record.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!err.toString().contains("#1 ") && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(err.toString()).contains("#1 ");
      lab.zone("watch.example.com").add("_dnsauth.www TXT \"" + TOKEN + "\"");
      // The user's resolver cached the absence; let that cache expire as it would with time.
      lab.flushCache();

      int code = exit.get(30, TimeUnit.SECONDS);
      assertThat(code).as(err.toString()).isZero();
      String[] lines = err.toString().split("\n");
      assertThat(lines[0]).matches("\\d\\d:\\d\\d:\\d\\d  #1  .*NOT READY \\(DNS_RECORD_MISSING.*");
      assertThat(lines[0]).contains("0/");
      assertThat(lines[lines.length - 2]).matches(
          "\\d\\d:\\d\\d:\\d\\d  #\\d+  (\\d+)/\\1 perspectives see the expected value  READY");
      assertThat(lines[lines.length - 1]).startsWith("dvi: READY after ");
      assertThat(out.toString()).startsWith("READY  www.watch.example.com");
    }
  }

  @Test
  void watchTimesOutWithTheLastVerdict() throws Exception {
    try (DnsLab lab = DnsLab.builder()
        .zone("watch2.example.com", z -> z
            .nameserver("ns1.watch2.example.com", "127.0.0.33")
            .nameserver("ns2.watch2.example.com", "127.0.0.34"))
        .start()) {
      CliRun r = CliRun.run(LabNetwork.args(lab, dir, "check", "www.watch2.example.com",
          "--dns-txt", TOKEN, "--watch", "--interval", "100ms", "--watch-timeout", "300ms"));
      assertThat(r.exitCode).isEqualTo(1);
      assertThat(r.errLines()[r.errLines().length - 1])
          .startsWith("dvi: still NOT_READY when the watch timed out after");
      assertThat(r.out).startsWith("NOT READY");
    }
  }

  @Test
  void liveLineUsesCarriageReturnsOnATerminal() throws Exception {
    try (DnsLab lab = DnsLab.builder()
        .zone("watch3.example.com", z -> z
            .nameserver("ns1.watch3.example.com", "127.0.0.35")
            .nameserver("ns2.watch3.example.com", "127.0.0.36"))
        .start()) {
      CliRun r = CliRun.run(Map.of(), true, LabNetwork.args(lab, dir, "check",
          "www.watch3.example.com", "--dns-txt", TOKEN, "--watch", "--interval", "100ms",
          "--watch-timeout", "250ms", "--no-color"));
      assertThat(r.err).startsWith("\r").contains("\u001b[K");
      // Every attempt rewrites the same line: one newline ends it, one closing line follows.
      assertThat(r.err.chars().filter(c -> c == '\n').count()).isEqualTo(2);
    }
  }
}
