package org.dvinspector.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.dvinspector.CaaCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Finding;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabEndpoint;

/**
 * Latency of one full inspection against its critical path. The zone {@code example.test} has
 * four nameservers with two addresses each; {@code www.example.test} has two addresses, each an
 * HTTP and an HTTPS server; every DNS server (root, TLD, the zone's, the resolver) answers {@code
 * --latency-ms} late and every web server sends its response headers that late. The inspection
 * runs dns-txt + http-file + CAA; its wall time is compared with the report's {@linkplain
 * InspectionReport#criticalPath() critical path} (target: at most 1.25 times), and with the same
 * questions asked one after another ({@link SequentialPeer}).
 */
final class LatencyScenario {
  static final String DOMAIN = "www.example.test";
  static final String TOKEN = "2026latencytoken0123456789abcdef";
  static final String PATH = HttpFileCheck.PATH_PREFIX + "fileauth.txt";
  static final double TARGET = 1.25;

  private LatencyScenario() {}

  /** One measured inspection. */
  record Run(double wallMs, double reportMs, double criticalPathMs, int roundTrips,
      int observations, Verdict verdict) {
    double ratio() {
      return wallMs / criticalPathMs;
    }
  }

  /** The scenario's figures. */
  record Result(List<Run> runs, double medianWallMs, double medianCriticalPathMs,
      double medianRatio, SequentialPeer.Result peer) {
    boolean met() {
      return medianRatio <= TARGET;
    }
  }

  static Result run(Options o, PrintStream out) {
    Duration latency = o.millis("latency-ms", 100);
    int runs = o.positive("runs", 5);
    int warmup = o.nonNegative("warmup", 3);
    out.println("== latency: dns-txt + http-file + CAA of " + DOMAIN + "; 4 nameservers x 2"
        + " addresses, site on 2 addresses (HTTP and HTTPS); every server " + latency.toMillis()
        + " ms away; " + runs + " runs after " + warmup + " warm-up");
    try (DnsLab dns = DnsLab.builder()
            .zone("example.test", z -> z
                .nameserver("ns1.example.test", "127.0.0.11", "127.0.0.12")
                .nameserver("ns2.example.test", "127.0.0.13", "127.0.0.14")
                .nameserver("ns3.example.test", "127.0.0.15", "127.0.0.16")
                .nameserver("ns4.example.test", "127.0.0.17", "127.0.0.18")
                .records("_dnsauth.www 300 IN TXT \"" + TOKEN + "\"",
                    "www 300 IN A 127.0.0.50",
                    "www 300 IN A 127.0.0.51",
                    "@ 300 IN CAA 0 issue \"" + BulkZones.ISSUER + "\""))
            .resolverTimeout(latency.multipliedBy(2).plusMillis(500))
            .start();
        HttpLab web = HttpLab.start(DOMAIN)) {
      BulkZones.delayEverything(dns, latency);
      MockResponse file = new MockResponse.Builder()
          .code(200)
          .setHeader("Content-Type", "text/plain")
          .body(TOKEN)
          .headersDelay(latency.toNanos(), TimeUnit.NANOSECONDS)
          .build();
      for (String address : List.of("127.0.0.50", "127.0.0.51")) {
        HttpLabEndpoint e = web.endpoint(address);
        e.http().respond(PATH, file);
        e.https().respond(PATH, file);
      }
      Duration perQuestion = latency.multipliedBy(4).plusSeconds(1);
      NetworkPolicy policy = dns.networkPolicy(web.endpointMapping())
          .queryTimeout(perQuestion)
          .httpTimeout(perQuestion)
          .deadline(latency.multipliedBy(40).plusSeconds(5))
          .build();
      InspectionRequest request = InspectionRequest.builder()
          .domain(DOMAIN)
          .addChecks(DnsTxtCheck.of("_dnsauth", TOKEN), HttpFileCheck.of(PATH, TOKEN),
              CaaCheck.forIssuers(BulkZones.ISSUER))
          .build();
      List<Run> measured = new ArrayList<>();
      InspectionReport last = null;
      try (DomainValidationInspector inspector = Inspectors.full(policy, web.trustingClient())) {
        for (int i = 0; i < warmup + runs; i++) {
          dns.flushCache(); // every run pays the same recursive work
          long start = System.nanoTime();
          InspectionReport report = inspector.inspect(request);
          long wall = System.nanoTime() - start;
          if (i < warmup) {
            continue;
          }
          last = report;
          Run r = new Run(Stats.ms(wall), Stats.ms(report.duration()),
              Stats.ms(report.dependentChain().waiting()), report.dependentChain().steps().size(),
              report.observations().size(), report.verdict());
          measured.add(r);
        }
      }
      if (last == null) {
        throw new IllegalStateException("no measured run");
      }
      out.println("  run  verdict    wall ms  report ms  critical path ms (round trips)  ratio  observations");
      for (int i = 0; i < measured.size(); i++) {
        Run r = measured.get(i);
        out.printf(java.util.Locale.ROOT, "  %3d  %-9s %8s  %9s  %16s (%d)%s  %5s  %d%n", i + 1,
            r.verdict(), Stats.f1(r.wallMs()), Stats.f1(r.reportMs()), Stats.f1(r.criticalPathMs()),
            r.roundTrips(), r.roundTrips() < 10 ? "     " : "    ", Stats.f2(r.ratio()),
            r.observations());
      }
      if (last.verdict() != Verdict.READY) {
        out.println("  note: the verdict is " + last.verdict() + "; findings:");
        for (Finding f : last.findings()) {
          out.println("    " + f);
        }
      }
      out.println("  critical path of the last run:");
      last.dependentChain().steps().forEach(obs -> out.println("    "
          + obs.startOffset().map(d -> "+" + Stats.f1(Stats.ms(d)) + " ms ").orElse("")
          + obs.perspective().label() + " " + obs.query() + " (" + Stats.f1(Stats.ms(obs.latency()))
          + " ms)"));

      List<Questions.Question> questions = Questions.all(last.observations());
      dns.flushCache();
      SequentialPeer.Result peer =
          new SequentialPeer(policy, web.trustingClient(), perQuestion).run(questions);

      double wall = Stats.median(measured.stream().map(Run::wallMs).toList());
      double cp = Stats.median(measured.stream().map(Run::criticalPathMs).toList());
      double ratio = Stats.median(measured.stream().map(Run::ratio).toList());
      double peerMs = Stats.ms(peer.wallNanos());
      out.println("  RESULT latency: median wall " + Stats.f1(wall) + " ms vs critical path "
          + Stats.f1(cp) + " ms: ratio " + Stats.f2(ratio) + " (target <= " + TARGET + ": "
          + Stats.verdict(ratio, TARGET) + ")");
      out.println("  RESULT sequential peer: the same " + peer.dnsQuestions() + " DNS questions and "
          + peer.httpFetches() + " HTTP fetches one after another: " + Stats.f1(peerMs) + " ms ("
          + peer.failures() + " failed) vs inspector " + Stats.f1(wall) + " ms: the inspector is "
          + Stats.f1(peerMs / wall) + "x faster");
      return new Result(measured, wall, cp, ratio, peer);
    }
  }
}
