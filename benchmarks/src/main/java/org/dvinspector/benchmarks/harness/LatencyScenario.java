package org.dvinspector.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Finding;
import org.dvinspector.InspectionReport;
import org.dvinspector.Observation;
import org.dvinspector.Verdict;

/**
 * Latency of one full inspection (dns-txt + http-file + CAA) against the least time the lab's
 * topology allows ({@link LatencyLab}): the dependent DNS round trips a perfect resolver needs
 * ({@link LatencyLab#minimalRoundTrips}), each timed as one plain DNS exchange with a lab server,
 * plus one HTTPS fetch of the file by a plain client on a new connection, both measured in the
 * same run; never the inspection's own questions. Also the number of DNS questions against the
 * least set the topology and the run's features need ({@link LatencyLab#minimalQuestions}).
 *
 * <p>The warm figure uses an inspector whose JVM and TLS stack were warmed on another domain
 * ({@code www.warmup.test}), so the root's and the top-level referrals are in its cache and
 * nothing at or below a registrable domain is. The cold figure is the first inspection of a
 * fresh process ({@link LatencyCold}) against the same lab, nothing cached.
 */
final class LatencyScenario {
  static final double TARGET = 1.25;
  static final double QUESTIONS_TARGET = 1.1;

  private LatencyScenario() {}

  /** One measured inspection and its references from the same run. */
  record Run(double wallMs, double dnsRttMs, double fetchMs, double leastMs, int questions,
      int minimalQuestions, int chainSteps, Verdict verdict) {
    double ratio() {
      return wallMs / leastMs;
    }

    double questionRatio() {
      return (double) questions / minimalQuestions;
    }
  }

  /** The scenario's figures. */
  record Result(List<Run> runs, double medianWallMs, double medianLeastMs, double medianRatio,
      double medianQuestionRatio, List<Run> cold) {
    boolean met() {
      return medianRatio <= TARGET && medianQuestionRatio <= QUESTIONS_TARGET;
    }
  }

  static Result run(Options o, PrintStream out) {
    Duration rtt = o.millis("latency-ms", 100);
    int runs = o.positive("runs", 5);
    int warmup = o.nonNegative("warmup", 3);
    int coldRuns = o.nonNegative("cold-runs", 3);
    boolean signed = o.flag("signed");
    out.println("== latency: dns-txt + http-file + CAA of " + LatencyLab.DOMAIN + "; "
        + LatencyLab.NAMESERVERS + " nameservers x " + LatencyLab.ADDRESSES_PER_NAMESERVER
        + " addresses named in dns-host.net (no glue), site on 2 addresses (HTTP and HTTPS);"
        + " every DNS and web exchange " + rtt.toMillis() + " ms away, TCP and TLS handshakes"
        + " included; " + runs + " warm runs after " + warmup + " warm-up inspections of "
        + LatencyLab.WARM_DOMAIN + ", " + coldRuns + " cold processes"
        + (signed ? "; every zone signed, DNSSEC validated from the lab root's anchor" : ""));
    try (LatencyLab lab = LatencyLab.start(rtt, signed)) {
      OkHttpClient client = lab.web.trustingClient();
      List<Run> measured = new ArrayList<>();
      InspectionReport last = null;
      try (DomainValidationInspector inspector = Inspectors.full(lab.policy(), client)) {
        for (int i = 0; i < warmup; i++) {
          lab.reset();
          InspectionReport w = inspector.inspect(LatencyLab.request(LatencyLab.WARM_DOMAIN));
          if (w.verdict() != Verdict.READY) {
            out.println("  note: warm-up verdict " + w.verdict());
          }
          lab.plainHttpsFetchNanos(client);
        }
        for (int i = 0; i < runs; i++) {
          lab.reset();
          long fetch = lab.plainHttpsFetchNanos(client);
          long dns = lab.plainDnsExchangeNanos();
          lab.reset();
          long t0 = System.nanoTime();
          InspectionReport report = inspector.inspect(LatencyLab.request(LatencyLab.DOMAIN));
          long wall = System.nanoTime() - t0;
          int questions = lab.inspectorQuestions();
          last = report;
          measured.add(run(wall, dns, fetch, true, signed, questions, report));
        }
      }
      if (last == null) {
        throw new IllegalStateException("no measured run");
      }
      print(out, "warm", measured);
      if (last.verdict() != Verdict.READY) {
        out.println("  note: the verdict is " + last.verdict() + "; findings:");
        for (Finding f : last.findings()) {
          out.println("    " + f);
        }
      }
      out.println("  least possible time, from the topology: " + LatencyLab.minimalRoundTrips(true)
          + " dependent DNS round trips (referral to example.test, referral to dns-host.net, the"
          + " nameservers' addresses, the zone's answers; root and TLD referrals cached) + one"
          + " HTTPS fetch on a new connection");
      out.println("  least DNS questions for this topology and these features (warm):");
      LatencyLab.minimalQuestions(true, signed).forEach((what, n) ->
          out.println(String.format(Locale.ROOT, "    %3d  %s", n, what)));
      out.println("  the inspection's dependent chain (last warm run):");
      for (Observation step : last.dependentChain().steps()) {
        out.println("    " + step.startOffset().map(d -> "+" + Stats.f1(Stats.ms(d)) + " ms ")
            .orElse("") + step.perspective().label() + " " + step.query() + " ("
            + Stats.f1(Stats.ms(step.latency())) + " ms)");
      }

      if (o.flag("dump")) {
        out.println("  every observation of the last warm run, by start:");
        last.observations().stream()
            .sorted(java.util.Comparator.comparing(x -> x.startOffset().orElse(Duration.ZERO)))
            .forEach(x -> out.println("    #" + x.id() + " +" + x.startOffset()
                .map(d -> Stats.f1(Stats.ms(d))).orElse("?") + " ms " + x.perspective().label()
                + " " + x.query() + " (" + Stats.f1(Stats.ms(x.latency())) + " ms) causes "
                + x.causes() + (x.auxiliary() ? " aux" : "")));
      }
      List<Run> cold = new ArrayList<>();
      for (int i = 0; i < coldRuns; i++) {
        lab.reset();
        long fetch = lab.plainHttpsFetchNanos(client);
        long dns = lab.plainDnsExchangeNanos();
        lab.reset();
        String line = coldProcess(lab, rtt, out);
        int questions = lab.inspectorQuestions();
        Run r = run((long) (field(line, "wall") * 1e6), dns, fetch, false, signed, questions,
            null);
        cold.add(new Run(r.wallMs(), r.dnsRttMs(), r.fetchMs(), r.leastMs(), r.questions(),
            r.minimalQuestions(), 0, Verdict.valueOf(text(line, "verdict"))));
      }
      if (!cold.isEmpty()) {
        print(out, "cold process", cold);
      }

      double wall = Stats.median(measured.stream().map(Run::wallMs).toList());
      double least = Stats.median(measured.stream().map(Run::leastMs).toList());
      double ratio = Stats.median(measured.stream().map(Run::ratio).toList());
      double qRatio = Stats.median(measured.stream().map(Run::questionRatio).toList());
      Run q = measured.get(measured.size() - 1);
      out.println("  RESULT latency: warm inspector median " + Stats.f1(wall)
          + " ms vs least possible " + Stats.f1(least) + " ms: ratio " + Stats.f2(ratio)
          + " (target <= " + TARGET + ": " + Stats.verdict(ratio, TARGET) + ")");
      out.println("  RESULT questions: " + q.questions() + " DNS questions vs least "
          + q.minimalQuestions() + ": ratio " + Stats.f2(qRatio) + " (target <= "
          + QUESTIONS_TARGET + ": " + Stats.verdict(qRatio, QUESTIONS_TARGET) + ")");
      if (!cold.isEmpty()) {
        double coldRatio = Stats.median(cold.stream().map(Run::ratio).toList());
        out.println("  RESULT cold process: first inspection median "
            + Stats.f1(Stats.median(cold.stream().map(Run::wallMs).toList())) + " ms vs least "
            + Stats.f1(Stats.median(cold.stream().map(Run::leastMs).toList())) + " ms: ratio "
            + Stats.f2(coldRatio) + " (reported)");
      }
      return new Result(measured, wall, least, ratio, qRatio, cold);
    } catch (Exception e) {
      throw new IllegalStateException("latency scenario failed: " + e, e);
    }
  }

  private static Run run(long wallNanos, long dnsNanos, long fetchNanos, boolean warm,
      boolean signed, int questions, @org.jspecify.annotations.Nullable InspectionReport report) {
    int roundTrips = LatencyLab.minimalRoundTrips(warm);
    double least = roundTrips * Stats.ms(dnsNanos) + Stats.ms(fetchNanos);
    int minimal = LatencyLab.minimalQuestions(warm, signed).values().stream()
        .mapToInt(i -> i).sum();
    return new Run(Stats.ms(wallNanos), Stats.ms(dnsNanos), Stats.ms(fetchNanos), least,
        questions, minimal, report == null ? 0 : report.dependentChain().steps().size(),
        report == null ? Verdict.UNKNOWN : report.verdict());
  }

  private static void print(PrintStream out, String what, List<Run> runs) {
    out.println("  " + what + ":");
    out.println("  run  verdict    wall ms  DNS rtt ms  https fetch ms  least ms  ratio"
        + "  questions (least)");
    for (int i = 0; i < runs.size(); i++) {
      Run r = runs.get(i);
      out.printf(Locale.ROOT, "  %3d  %-9s %8s  %10s  %14s  %8s  %5s  %4d (%d)%n", i + 1,
          r.verdict(), Stats.f1(r.wallMs()), Stats.f1(r.dnsRttMs()), Stats.f1(r.fetchMs()),
          Stats.f1(r.leastMs()), Stats.f2(r.ratio()), r.questions(), r.minimalQuestions());
    }
  }

  private static String text(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    throw new IllegalStateException("no " + key + " in " + line);
  }

  private static double field(String line, String key) {
    return Double.parseDouble(text(line, key));
  }

  /** Runs {@link LatencyCold} in a fresh JVM; returns the line it printed. */
  private static String coldProcess(LatencyLab lab, Duration rtt, PrintStream out)
      throws IOException, InterruptedException, java.security.GeneralSecurityException {
    Path ca = Files.createTempFile("dvi-latency-ca", ".pem");
    try {
      Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder()
          .encodeToString(lab.web.caCertificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
      String anchorFile = "-";
      if (!lab.dns.trustAnchors().isEmpty()) {
        Path anchors = Files.createTempFile("dvi-latency-anchors", ".zone");
        anchors.toFile().deleteOnExit();
        Files.writeString(anchors, String.join("\n", lab.dns.trustAnchors().stream()
            .map(org.dvinspector.TrustAnchor::presentation).toList()) + "\n");
        anchorFile = anchors.toString();
      }
      List<String> args = new ArrayList<>(List.of(String.valueOf(lab.dns.port()),
          String.valueOf(rtt.toMillis()), ca.toString(), anchorFile));
      for (Map.Entry<java.net.InetSocketAddress, java.net.InetSocketAddress> r
          : lab.proxyRoutes().entrySet()) {
        args.add(r.getKey().getAddress().getHostAddress() + ":" + r.getKey().getPort() + "="
            + r.getValue().getAddress().getHostAddress() + ":" + r.getValue().getPort());
      }
      Process p = new ProcessBuilder(Jvm.command(List.of(), LatencyCold.class, args))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String line;
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        line = r.readLine();
      }
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
      if (line == null || !line.startsWith("COLD ")) {
        throw new IllegalStateException("the cold process said " + line);
      }
      out.println("  cold process: " + line);
      return line;
    } finally {
      Files.deleteIfExists(ca);
    }
  }
}
