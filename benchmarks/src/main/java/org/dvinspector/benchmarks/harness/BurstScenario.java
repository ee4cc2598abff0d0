package org.dvinspector.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dvinspector.CaaCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Finding;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;

/**
 * A burst: {@code --burst} inspections of correctly configured names (dns-txt + CAA) submitted at
 * once, with the library's default settings (timeouts, attempts, deadline, limits; only the lab's
 * root, resolver and port differ), against the bulk lab in its own process. Every name is ready,
 * so a NOT_READY verdict is the inspector blaming a domain for its own backlog. Target: none, and
 * at least 99 % READY; whatever cannot finish must be UNKNOWN with a finding that names the
 * inspector's own limit.
 */
final class BurstScenario {
  static final double READY_TARGET = 0.99;

  private BurstScenario() {}

  /** The scenario's figures. */
  record Result(int submitted, Map<Verdict, Integer> verdicts, Map<String, Integer> findings,
      double wallMs) {
    int count(Verdict v) {
      return verdicts.getOrDefault(v, 0);
    }

    boolean met() {
      return count(Verdict.NOT_READY) == 0 && count(Verdict.READY) >= READY_TARGET * submitted;
    }
  }

  static Result run(Options o, PrintStream out) throws InterruptedException {
    int burst = o.positive("burst", 2000);
    int pairs = Math.min(o.positive("pairs", 50), burst);
    out.println("== burst: " + burst + " inspections (dns-txt + CAA) of ready names submitted at"
        + " once; library defaults; lab in its own process");
    try (RemoteLab lab = RemoteLab.start(burst, pairs, Duration.ZERO, Duration.ofSeconds(2))) {
      NetworkPolicy defaults = NetworkPolicy.defaults();
      NetworkPolicy policy = lab.networkPolicy()
          .queryAttempts(defaults.queryAttempts())
          .queryTimeout(defaults.queryTimeout())
          .deadline(defaults.deadline())
          .build();
      try (DomainValidationInspector inspector = Inspectors.dnsAndCaa(policy)) {
        List<CompletableFuture<InspectionReport>> all = new ArrayList<>(burst);
        long t0 = System.nanoTime();
        for (int i = 0; i < burst; i++) {
          all.add(inspector.inspectAsync(InspectionRequest.builder()
              .domain(BulkZones.zone(i))
              .addChecks(DnsTxtCheck.of("_dnsauth", BulkZones.token(i)),
                  CaaCheck.forIssuers(BulkZones.ISSUER))
              .build()).toCompletableFuture());
        }
        Map<Verdict, Integer> verdicts = new TreeMap<>();
        Map<String, Integer> findings = new TreeMap<>();
        for (CompletableFuture<InspectionReport> f : all) {
          InspectionReport r;
          try {
            r = f.get(5, TimeUnit.MINUTES);
          } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            verdicts.merge(Verdict.UNKNOWN, 1, Integer::sum);
            findings.merge("(no report: " + e.getClass().getSimpleName() + ")", 1, Integer::sum);
            continue;
          }
          verdicts.merge(r.verdict(), 1, Integer::sum);
          if (r.verdict() != Verdict.READY) {
            for (Finding x : r.findings()) {
              if (x.severity() != Severity.INFO) {
                findings.merge(x.severity() + " " + x.code(), 1, Integer::sum);
              }
            }
          }
        }
        double wall = Stats.ms(System.nanoTime() - t0);
        Result result = new Result(burst, verdicts, findings, wall);
        out.println("  verdicts: " + verdicts + " in " + Stats.f1(wall) + " ms");
        if (!findings.isEmpty()) {
          out.println("  findings of the reports that are not READY (count):");
          findings.forEach((k, v) -> out.println("    " + v + "  " + k));
        }
        out.println("  RESULT burst: " + result.count(Verdict.READY) + "/" + burst + " READY, "
            + result.count(Verdict.NOT_READY) + " NOT_READY, " + result.count(Verdict.UNKNOWN)
            + " UNKNOWN (target: 0 NOT_READY and >= 99 % READY: "
            + (result.met() ? "MET" : "NOT MET") + ")");
        return result;
      }
    }
  }
}
