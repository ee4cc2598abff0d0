package org.dvinspector.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.DnsLab;

/**
 * Issue 3's benchmark: the zone has four nameservers, every server {@code --fanout-latency-ms}
 * (150) away. Once discovery has found them, asking the validation name at all four must cost
 * about one round trip, not four. Measured from the report's own observations: from the first
 * question to a zone nameserver about the validation name to the last answer, against the
 * latency.
 */
final class FanOutScenario {
  static final String DOMAIN = "www.example.test";
  static final String RECORD = "_dnsauth.www.example.test";
  static final String TOKEN = "2026fanouttoken0123456789abcdef";

  private FanOutScenario() {}

  /** One inspection's figures. */
  record Run(double wallMs, double discoveryMs, double fanOutMs, int nameserverQuestions,
      int maxOverlap, Verdict verdict) {}

  /** The scenario's figures. */
  record Result(List<Run> runs, double latencyMs, double medianFanOutMs) {
    /** The fan-out in round trips: about 1 when concurrent, about 4 when one after another. */
    double roundTrips() {
      return medianFanOutMs / latencyMs;
    }
  }

  static Result run(Options o, PrintStream out) {
    Duration latency = o.millis("fanout-latency-ms", 150);
    int runs = o.positive("runs", 5);
    int warmup = o.nonNegative("warmup", 3);
    out.println("== fan-out (issue 3): dns-txt of " + DOMAIN + "; 4 nameservers, every server "
        + latency.toMillis() + " ms away; " + runs + " runs after " + warmup + " warm-up");
    try (DnsLab dns = DnsLab.builder()
        .zone("example.test", z -> z
            .nameserver("ns1.example.test", "127.0.0.21")
            .nameserver("ns2.example.test", "127.0.0.22")
            .nameserver("ns3.example.test", "127.0.0.23")
            .nameserver("ns4.example.test", "127.0.0.24")
            .records("_dnsauth.www 300 IN TXT \"" + TOKEN + "\"", "www 300 IN A 127.0.0.50"))
        .resolverTimeout(latency.multipliedBy(2).plusMillis(500))
        .start()) {
      BulkZones.delayEverything(dns, latency);
      NetworkPolicy policy = dns.networkPolicy()
          .queryTimeout(latency.multipliedBy(4).plusSeconds(1))
          .deadline(latency.multipliedBy(40).plusSeconds(5))
          .build();
      InspectionRequest request = InspectionRequest.builder()
          .domain(DOMAIN)
          .addChecks(DnsTxtCheck.of("_dnsauth", TOKEN))
          .build();
      List<Run> measured = new ArrayList<>();
      try (DomainValidationInspector inspector = Inspectors.dns(policy)) {
        for (int i = 0; i < warmup + runs; i++) {
          dns.flushCache();
          long start = System.nanoTime();
          InspectionReport report = inspector.inspect(request);
          long wall = System.nanoTime() - start;
          if (i >= warmup) {
            measured.add(measure(report, Stats.ms(wall)));
          }
        }
      }
      out.println("  run  verdict    wall ms  discovery ms  4-server fan-out ms  questions  max in flight");
      for (int i = 0; i < measured.size(); i++) {
        Run r = measured.get(i);
        out.printf(Locale.ROOT, "  %3d  %-9s %8s  %12s  %19s  %9d  %13d%n", i + 1, r.verdict(),
            Stats.f1(r.wallMs()), Stats.f1(r.discoveryMs()), Stats.f1(r.fanOutMs()),
            r.nameserverQuestions(), r.maxOverlap());
      }
      double fanOut = Stats.median(measured.stream().map(Run::fanOutMs).toList());
      Result result = new Result(measured, Stats.ms(latency), fanOut);
      out.println("  RESULT fan-out: asking " + RECORD + " at the 4 nameservers took "
          + Stats.f1(fanOut) + " ms (median) = " + Stats.f2(result.roundTrips())
          + " round trips of " + latency.toMillis() + " ms; one after another it would be 4 ("
          + latency.multipliedBy(4).toMillis() + " ms)");
      return result;
    }
  }

  /**
   * The fan-out of one report: the TXT questions about the validation name to the zone's
   * nameservers, from the first one asked to the last one answered. Everything before the first
   * is discovery.
   */
  static Run measure(InspectionReport report, double wallMs) {
    List<Observation> asked = new ArrayList<>();
    for (Observation o : report.observations()) {
      // The root and the TLD are asked the question too (it leads to the zone): only the zone's
      // own servers' answers are the fan-out.
      if (o.perspective().kind() == Perspective.Kind.AUTHORITATIVE_SERVER
          && o.perspective().name().endsWith(".example.test")
          && o.query().equalsIgnoreCase("TXT " + RECORD) && o.startOffset().isPresent()) {
        asked.add(o);
      }
    }
    if (asked.isEmpty()) {
      return new Run(wallMs, Double.NaN, Double.NaN, 0, 0, report.verdict());
    }
    long first = Long.MAX_VALUE;
    long last = 0;
    for (Observation o : asked) {
      long s = o.startOffset().orElse(Duration.ZERO).toNanos();
      first = Math.min(first, s);
      last = Math.max(last, s + o.latency().toNanos());
    }
    int overlap = 0;
    for (Observation o : asked) {
      long s = o.startOffset().orElse(Duration.ZERO).toNanos();
      int inFlight = 0;
      for (Observation p : asked) {
        long ps = p.startOffset().orElse(Duration.ZERO).toNanos();
        if (ps <= s && s < ps + p.latency().toNanos()) {
          inFlight++;
        }
      }
      overlap = Math.max(overlap, inFlight);
    }
    return new Run(wallMs, Stats.ms(first), Stats.ms(last - first), asked.size(), overlap,
        report.verdict());
  }
}
