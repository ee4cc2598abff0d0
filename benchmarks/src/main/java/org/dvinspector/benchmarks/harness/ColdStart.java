package org.dvinspector.benchmarks.harness;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.dvinspector.CaaCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.testkit.DnsLab;

/**
 * One cold start, as its own process: start a small loopback lab, build an inspector (dns + caa),
 * run the first inspection (dns-txt + CAA), then a second one for contrast, and print one line
 * {@code COLDSTART jvm=<ms> lab=<ms> build=<ms> first=<ms> second=<ms> verdict=<v>}: the time
 * from the process's start to {@code main} (as told by the parent, see {@link #main}), and each
 * phase after it. {@link ColdStartScenario}
 * runs this process several times and also times each whole process from outside.
 */
public final class ColdStart {
  private ColdStart() {}

  private static long spawnedAt(String[] args) {
    for (String a : args) {
      if (a.startsWith("--spawned-at-ms=")) {
        return Long.parseLong(a.substring("--spawned-at-ms=".length()));
      }
    }
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  /**
   * Runs one cold start.
   *
   * @param args optionally {@code --spawned-at-ms=<epoch ms>}: when the parent started this
   *     process, to time the JVM's start to {@code main}; without it the JVM's own record of its
   *     start is used (which misses the launcher's first milliseconds)
   */
  public static void main(String[] args) {
    long mainNanos = System.nanoTime();
    long mainAtMillis = System.currentTimeMillis();
    String token = "2026coldstarttoken0123456789abcd";
    DnsLab lab = DnsLab.builder()
        .zone("example.test", z -> z
            .nameserver("ns1.example.test", "127.0.0.11")
            .nameserver("ns2.example.test", "127.0.0.12")
            .records("_dnsauth.www 300 IN TXT \"" + token + "\"", "www 300 IN A 127.0.0.50",
                "@ 300 IN CAA 0 issue \"" + BulkZones.ISSUER + "\""))
        .start();
    try {
      long labNanos = System.nanoTime();
      InspectionRequest request = InspectionRequest.builder()
          .domain("www.example.test")
          .addChecks(DnsTxtCheck.of("_dnsauth", token), CaaCheck.forIssuers(BulkZones.ISSUER))
          .build();
      try (DomainValidationInspector inspector =
          Inspectors.dnsAndCaa(lab.networkPolicy().deadline(Duration.ofSeconds(10)).build())) {
        long builtNanos = System.nanoTime();
        InspectionReport first = inspector.inspect(request);
        long firstNanos = System.nanoTime();
        InspectionReport second = inspector.inspect(request);
        long secondNanos = System.nanoTime();
        long jvmMillis = mainAtMillis - spawnedAt(args);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("COLDSTART jvm=" + jvmMillis
            + " lab=" + Stats.f1(Stats.ms(labNanos - mainNanos))
            + " build=" + Stats.f1(Stats.ms(builtNanos - labNanos))
            + " first=" + Stats.f1(Stats.ms(firstNanos - builtNanos))
            + " second=" + Stats.f1(Stats.ms(secondNanos - firstNanos))
            + " verdict=" + first.verdict() + "/" + second.verdict());
      }
    } finally {
      lab.close();
    }
  }
}
