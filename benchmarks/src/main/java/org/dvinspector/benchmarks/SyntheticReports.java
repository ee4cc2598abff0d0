package org.dvinspector.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.dvinspector.Verdict;

/**
 * The parts of a large, realistic inspection report, made deterministically (fixed seed) so that
 * every benchmark run builds the same report: a dns-txt + http-file + CAA request, observations
 * from eight nameserver addresses, a resolver and four web endpoints arranged in dependent waves
 * (discovery, then fan-out, then CAA climbing), and findings with evidence and attributes.
 */
public final class SyntheticReports {
  private static final FindingCode[] CODES = {
      FindingCode.DNS_NOT_ON_ALL_NAMESERVERS, FindingCode.DNS_VALUE_MISMATCH,
      FindingCode.DNS_SERVER_TIMEOUT, FindingCode.DNS_STALE_VALUE_CACHED,
      FindingCode.HTTP_FILE_NOT_FOUND, FindingCode.HTTP_SCHEMES_DISAGREE,
      FindingCode.HTTP_TLS_PROBLEM, FindingCode.CAA_RELEVANT_SET, FindingCode.CAA_IODEF,
      FindingCode.CHECK_PASSED};

  private final InspectionRequest request;
  private final List<Observation> observations;
  private final List<Finding> findings;
  private final List<CheckResult> checkResults;
  private final Instant startedAt = Instant.parse("2026-01-15T10:00:00Z");

  private SyntheticReports(int findingCount, int observationCount) {
    DnsTxtCheck txt = DnsTxtCheck.of("_dnsauth", "2026011500000000abcdefghijklmnop");
    HttpFileCheck file = HttpFileCheck.of(HttpFileCheck.PATH_PREFIX + "fileauth.txt",
        "2026011500000000abcdefghijklmnop");
    CaaCheck caa = CaaCheck.forIssuers("digicert.com");
    this.request = InspectionRequest.builder()
        .domain("www.example.com")
        .addChecks(txt, file, caa)
        .build();
    SplittableRandom random = new SplittableRandom(20_260_115L);
    this.observations = observations(observationCount, random);
    this.findings = findings(findingCount, random);
    List<Check> checks = List.of(txt, file, caa);
    List<CheckResult> results = new ArrayList<>();
    for (Check c : checks) {
      results.add(CheckResult.of(c, CheckResult.Status.FAILED, Duration.ofMillis(412)));
    }
    this.checkResults = results;
  }

  /** The parts of a report with {@code findings} findings and {@code observations} observations. */
  public static SyntheticReports of(int findings, int observations) {
    if (findings < 0 || observations < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    return new SyntheticReports(findings, observations);
  }

  /** The request. */
  public InspectionRequest request() {
    return request;
  }

  /** The observations, each with a start offset. */
  public List<Observation> observations() {
    return observations;
  }

  /** The findings. */
  public List<Finding> findings() {
    return findings;
  }

  /** Builds the report (which computes its critical path as it is built). */
  public InspectionReport build() {
    return InspectionReport.builder()
        .request(request)
        .verdict(Verdict.NOT_READY)
        .addAllFindings(findings)
        .addAllObservations(observations)
        .addAllCheckResults(checkResults)
        .startedAt(startedAt)
        .duration(Duration.ofMillis(431))
        .build();
  }

  private static List<Observation> observations(int count, SplittableRandom random) {
    List<Perspective> servers = new ArrayList<>();
    for (int ns = 1; ns <= 4; ns++) {
      for (int a = 0; a < 2; a++) {
        servers.add(Perspective.authoritative(
            "ns" + ns + ".example.com", address(192, 0, 2, ns * 10 + a), "udp"));
      }
    }
    servers.add(Perspective.builder().kind(Perspective.Kind.RECURSIVE_RESOLVER).name("resolver")
        .address("198.51.100.53:53").transport("udp").build());
    for (int a = 0; a < 2; a++) {
      servers.add(Perspective.httpEndpoint("http", "www.example.com", address(203, 0, 113, 80 + a)));
      servers.add(Perspective.httpEndpoint("https", "www.example.com", address(203, 0, 113, 80 + a)));
    }
    String[] queries = {"NS example.com", "A ns1.example.com", "AAAA ns1.example.com",
        "TXT _dnsauth.www.example.com", "CAA www.example.com", "CAA example.com", "CAA com",
        "GET http://www.example.com/.well-known/pki-validation/fileauth.txt"};
    List<Observation> out = new ArrayList<>(count);
    List<Long> previousWave = new ArrayList<>();
    List<Long> thisWave = new ArrayList<>();
    int currentWave = 0;
    for (int i = 0; i < count; i++) {
      // Eight dependent waves of about 110 ms; inside a wave the questions overlap.
      int wave = i * 8 / Math.max(1, count);
      if (wave != currentWave) {
        previousWave = thisWave;
        thisWave = new ArrayList<>();
        currentWave = wave;
      }
      long start = wave * 110L + random.nextInt(15);
      long latency = 60L + random.nextInt(45);
      Perspective p = servers.get(random.nextInt(servers.size()));
      String query = queries[random.nextInt(queries.length)];
      Observation.Outcome outcome = random.nextInt(10) == 0
          ? Observation.Outcome.TIMEOUT : Observation.Outcome.ANSWER;
      String result = outcome == Observation.Outcome.ANSWER
          ? "NOERROR TXT " + Text.quote("2026011500000000abcdefghijkl" + random.nextInt(1000))
              + " ttl=300"
          : "no answer after 1 attempt of 400 ms over udp";
      // Each question waited for one answer of the wave before, as a real inspection records it.
      List<Long> causes = previousWave.isEmpty() ? List.of()
          : List.of(previousWave.get(random.nextInt(previousWave.size())));
      long id = i + 1;
      thisWave.add(id);
      out.add(Observation.of(p, query, outcome, result, Duration.ofMillis(latency))
          .withCauses(causes)
          .recorded(id, Duration.ofMillis(start)));
    }
    return out;
  }

  private static List<Finding> findings(int count, SplittableRandom random) {
    List<Finding> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      FindingCode code = CODES[i % CODES.length];
      int ns = 1 + random.nextInt(4);
      out.add(Finding.builder(code)
          .message(code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + " seen at ns" + ns + ".example.com for _dnsauth.www.example.com (" + i + ")")
          .remedy("Publish the record on every nameserver of example.com and wait for the zone"
              + " transfer; then run the inspection again.")
          .method(Method.DNS_TXT)
          .evidence(Perspective.authoritative("ns" + ns + ".example.com",
              address(192, 0, 2, ns * 10), "udp"), "NOERROR TXT \"old-token-" + i + "\" ttl=300")
          .evidence(Perspective.authoritative("ns" + ns + ".example.com",
              address(192, 0, 2, ns * 10 + 1), "udp"), "NXDOMAIN soa-min=300")
          .attribute("expected", "2026011500000000abcdefghijklmnop")
          .attribute("found", "old-token-" + i)
          .attribute("waitSeconds", 300)
          .build());
    }
    return out;
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always a valid address
    }
  }
}
