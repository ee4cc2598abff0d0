package org.dvinspector.cli;

import static org.dvinspector.FindingCode.ADDRESS_NOT_PUBLIC;
import static org.dvinspector.FindingCode.CHECK_PASSED;
import static org.dvinspector.FindingCode.HTTP_BODY_TOO_LARGE;
import static org.dvinspector.FindingCode.HTTP_CONNECT_FAILED;
import static org.dvinspector.FindingCode.HTTP_CONTENT_MISMATCH;
import static org.dvinspector.FindingCode.HTTP_MALFORMED_RESPONSE;
import static org.dvinspector.FindingCode.HTTP_PLAIN_ON_HTTPS_PORT;
import static org.dvinspector.FindingCode.HTTP_REDIRECT_LOOP;
import static org.dvinspector.FindingCode.HTTP_REDIRECT_NOT_ALLOWED;
import static org.dvinspector.FindingCode.HTTP_TIMEOUT;
import static org.dvinspector.FindingCode.HTTP_TLS_PROBLEM;
import static org.dvinspector.FindingCode.HTTP_TOO_MANY_REDIRECTS;
import static org.dvinspector.FindingCode.INSPECTOR_LIMIT_REACHED;
import static org.dvinspector.Verdict.NOT_READY;
import static org.dvinspector.Verdict.READY;
import static org.dvinspector.Verdict.UNKNOWN;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.http.HttpModule;
import org.dvinspector.http.StaticHostAddressLookup;
import org.dvinspector.testkit.HostileHttp;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.dvinspector.testkit.HttpLabTls;
import org.jspecify.annotations.Nullable;

/**
 * The hostile-server battery, HTTP half: every case sets up misbehaving web servers on loopback
 * (the testkit's {@link HostileHttp} raw servers and {@link HttpLab} TLS servers, reached through
 * a sealed endpoint mapping, non-public addresses refused as by a CA), runs one inspection, and
 * checks five things: it ends within the deadline + 5 s, nothing escapes {@code inspect}, the
 * verdict is the case's, a finding names the server and the fault, and nothing from the network
 * reaches the human or JSON output unescaped. Traps stand in for loopback, private and link-local
 * targets in every case and count connection attempts (SSRF).
 *
 * <p>{@code HostileHttpBatteryTest} runs each case as a test and prints the counts; the command is
 * in SECURITY.md.
 */
final class HostileHttpBattery {
  static final String DOMAIN = "www.hostile-lab.com";
  static final String OTHER = "other.hostile-lab.com";
  /** Public stand-in addresses: the sealed mapping routes them to loopback, never the network. */
  static final String A = "203.0.114.10";
  static final String B = "203.0.114.20";
  static final String C = "203.0.114.30";
  static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
  static final String KEY_AUTHORIZATION = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  static final String PATH = "/.well-known/acme-challenge/" + TOKEN;
  static final String FILE_PATH = "/.well-known/pki-validation/fileauth.txt";
  static final String FILE_TOKEN = "2c1f8a7e9b0d4e6f8a1b3c5d7e9f0a2b";
  static final Duration LIVENESS_MARGIN = Duration.ofSeconds(5);

  /** Forbidden targets trapped in every case: the inspector must never connect to them. */
  private static final String[][] TRAPS = {
      {"127.0.0.1", "80"}, {"127.0.0.1", "443"}, {"::1", "80"}, {"10.0.0.1", "80"},
      {"10.1.2.3", "80"}, {"10.9.9.9", "80"}, {"169.254.169.254", "80"}, {"192.168.1.1", "80"},
      {B, "8080"}, {B, "22"},
  };

  private HostileHttpBattery() {}

  /** What a case sets up: hostile servers, lab TLS servers, the address table, the request. */
  static final class Env {
    final HostileHttp hostile;
    final HttpLab lab;
    private final Map<String, List<String>> table = new LinkedHashMap<>();
    private int nextLoopback = 60;
    Check check = AcmeHttp01Check.of(KEY_AUTHORIZATION);
    CaProfile profile = CaProfiles.LETS_ENCRYPT;
    UnaryOperator<NetworkPolicy.Builder> policy = b -> b;

    Env(HostileHttp hostile, HttpLab lab) {
      this.hostile = hostile;
      this.lab = lab;
      table.put(DOMAIN, new ArrayList<>(List.of(A)));
    }

    /** {@code name} resolves to {@code addresses}, in this order. */
    Env name(String name, String... addresses) {
      table.put(name, new ArrayList<>(List.of(addresses)));
      return this;
    }

    /** A raw hostile server for "{@code address}, {@code port}". */
    Env serve(String address, int port, HostileHttp.Behaviour behaviour) {
      hostile.serve(address, port, behaviour);
      return this;
    }

    /** A lab server pair (mockwebserver3, TLS per {@code tls}) standing in for {@code address}. */
    HttpLabEndpoint lab(String address, HttpLabTls tls) {
      HttpLabEndpoint e = lab.endpoint("127.0.0." + nextLoopback++, tls);
      hostile.route(address, 80, e.http().socketAddress());
      if (tls != HttpLabTls.CLOSED) {
        hostile.route(address, 443, e.https().socketAddress());
      }
      return e;
    }

    StaticHostAddressLookup addressTable() {
      StaticHostAddressLookup.Builder b = StaticHostAddressLookup.builder();
      table.forEach((name, addresses) -> b.add(name, addresses.toArray(new String[0])));
      return b.build();
    }
  }

  /** What one case gave. */
  static final class Outcome {
    final HostileHttpCase c;
    @Nullable InspectionReport report;
    boolean hung;
    @Nullable Throwable escaped;
    @Nullable String wrongVerdict;
    @Nullable String unescaped;
    int ssrfAttempts;
    Duration elapsed = Duration.ZERO;
    String human = "";
    String json = "";

    Outcome(HostileHttpCase c) {
      this.c = c;
    }

    boolean ok() {
      return !hung && escaped == null && wrongVerdict == null && unescaped == null
          && ssrfAttempts == 0;
    }

    String describe() {
      List<String> problems = new ArrayList<>();
      if (hung) {
        problems.add("did not end within the deadline + " + LIVENESS_MARGIN.toSeconds() + " s");
      }
      if (escaped != null) {
        problems.add("exception escaped: " + escaped);
      }
      if (wrongVerdict != null) {
        problems.add(wrongVerdict);
      }
      if (unescaped != null) {
        problems.add(unescaped);
      }
      if (ssrfAttempts > 0) {
        problems.add(ssrfAttempts + " connection attempt(s) to forbidden targets");
      }
      return c.name + ": " + (problems.isEmpty() ? "ok" : String.join("; ", problems))
          + (report == null ? "" : "\n" + human);
    }
  }

  /** The counts SECURITY.md records. */
  static final class Tally {
    int cases;
    int hangs;
    int exceptions;
    int wrongVerdicts;
    int unescaped;
    int ssrfAttempts;

    synchronized void add(Outcome o) {
      cases++;
      hangs += o.hung ? 1 : 0;
      exceptions += o.escaped != null ? 1 : 0;
      wrongVerdicts += o.wrongVerdict != null ? 1 : 0;
      unescaped += o.unescaped != null ? 1 : 0;
      ssrfAttempts += o.ssrfAttempts;
    }

    @Override
    public synchronized String toString() {
      return String.format(Locale.ROOT, "hostile HTTP battery: cases %d, hangs past deadline %d,"
          + " escaping exceptions %d, wrong verdicts %d, unescaped output %d, SSRF attempts %d",
          cases, hangs, exceptions, wrongVerdicts, unescaped, ssrfAttempts);
    }
  }

  /** Runs one case. Never throws: everything that goes wrong is in the outcome. */
  static Outcome run(HostileHttpCase c) {
    Outcome o = new Outcome(c);
    ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "battery-" + c.name);
      t.setDaemon(true);
      return t;
    });
    try (HostileHttp hostile = HostileHttp.start();
        HttpLab lab = HttpLab.start(DOMAIN, OTHER)) {
      for (String[] t : TRAPS) {
        hostile.trap(t[0], Integer.parseInt(t[1]), KEY_AUTHORIZATION);
      }
      Env env = new Env(hostile, lab);
      c.setup.accept(env);
      NetworkPolicy policy = env.policy.apply(hostile.networkPolicy()).build();
      InspectionRequest request = InspectionRequest.builder()
          .domain(DOMAIN)
          .profile(env.profile)
          .addChecks(env.check)
          .build();
      Duration bound = request.deadline().orElse(policy.deadline()).plus(LIVENESS_MARGIN);
      DomainValidationInspector inspector = DomainValidationInspector.builder()
          .networkPolicy(policy)
          .addModule(HttpModule.builder()
              .client(lab.trustingClient())
              .addressLookup(env.addressTable())
              .build())
          .build();
      try {
        long t0 = System.nanoTime();
        Future<InspectionReport> f = runner.submit(() -> inspector.inspect(request));
        try {
          o.report = f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          o.hung = true;
          f.cancel(true);
        } catch (ExecutionException e) {
          o.escaped = e.getCause();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          o.escaped = e;
        }
        o.elapsed = Duration.ofNanos(System.nanoTime() - t0);
      } finally {
        inspector.close();
      }
      InspectionReport report = o.report;
      if (report != null) {
        try {
          o.human = new HumanReport(Style.plain(), true).render(report);
          o.json = ReportJson.line(ReportJson.toJson(report, 1));
          o.unescaped = firstUnsafe("human output", o.human, true);
          if (o.unescaped == null) {
            o.unescaped = firstUnsafe("JSON output", o.json, false);
          }
        } catch (RuntimeException e) {
          o.escaped = e;
        }
        o.wrongVerdict = judge(c, report);
      }
      o.ssrfAttempts = hostile.trappedConnections();
    } catch (RuntimeException e) {
      o.escaped = e;
    } finally {
      runner.shutdownNow();
    }
    return o;
  }

  /** Null when the verdict and the finding are the case's; else what differs. */
  static @Nullable String judge(HostileHttpCase c, InspectionReport report) {
    if (report.verdict() != c.verdict) {
      return "verdict " + report.verdict() + ", expected " + c.verdict;
    }
    List<Finding> candidates = report.findings(c.code);
    if (candidates.isEmpty()) {
      return "no " + c.code + " finding";
    }
    for (Finding f : candidates) {
      StringBuilder text = new StringBuilder(f.message());
      for (Evidence e : f.evidence()) {
        text.append('\n').append(e.perspective().label()).append(' ').append(e.detail());
      }
      String t = text.toString().toLowerCase(Locale.ROOT);
      if (t.contains(c.server.toLowerCase(Locale.ROOT))
          && t.contains(c.fault.toLowerCase(Locale.ROOT))) {
        return null;
      }
    }
    return "no " + c.code + " finding names " + c.server + " and says \"" + c.fault + "\": "
        + candidates.get(0).message();
  }

  /**
   * The first character that must not reach a terminal or a JSON consumer raw: C0 controls (but
   * the human output's own line breaks), DEL, C1 controls, Unicode format characters (bidi
   * controls, zero-width characters), line and paragraph separators, lone surrogates.
   */
  static @Nullable String firstUnsafe(String where, String text, boolean newlinesAllowed) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean bad = (ch < 0x20 && !(newlinesAllowed && ch == '\n'))
          || (ch >= 0x7f && ch <= 0x9f)
          || Character.getType(ch) == Character.FORMAT
          || ch == '\u2028' || ch == '\u2029'
          || (Character.isHighSurrogate(ch)
              && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))))
          || (Character.isLowSurrogate(ch)
              && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))));
      if (bad) {
        int from = Math.max(0, i - 40);
        return where + " holds U+" + String.format(Locale.ROOT, "%04X", (int) ch) + " raw at "
            + i + ", after \"" + org.dvinspector.Text.escape(text.substring(from, i)) + "\"";
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // The cases

  private static HostileHttp.Behaviour redirectTo(String location) {
    return HostileHttp.redirect(301, location);
  }

  private static String url(String host, String path) {
    return "http://" + host + path;
  }

  static List<HostileHttpCase> cases() {
    List<HostileHttpCase> all = new ArrayList<>();
    Duration slow = Duration.ofMillis(200);

    // -- slow, endless and oversized answers: the domain's server is at fault
    all.add(HostileHttpCase.named("slowloris-headers",
            "one header byte every 200 ms: the CA's client times out")
        .setup(e -> e.serve(A, 80, HostileHttp.slowlorisHeaders(slow)))
        .expect(NOT_READY, HTTP_TIMEOUT, DOMAIN, "in time"));
    all.add(HostileHttpCase.named("slowloris-body",
            "headers at once, then one body byte every 200 ms")
        .setup(e -> e.serve(A, 80, HostileHttp.slowlorisBody(slow)))
        .expect(NOT_READY, HTTP_TIMEOUT, DOMAIN, "in time"));
    all.add(HostileHttpCase.named("endless-body", "a body without end: only 128 bytes are read")
        .setup(e -> e.serve(A, 80, HostileHttp.endlessBody()))
        .expect(NOT_READY, HTTP_BODY_TOO_LARGE, DOMAIN, "larger than"));
    all.add(HostileHttpCase.named("ten-megabyte-body", "a 10 MB body with its Content-Length")
        .setup(e -> e.serve(A, 80, HostileHttp.largeBody(10L * 1024 * 1024)))
        .expect(NOT_READY, HTTP_BODY_TOO_LARGE, DOMAIN, "larger than"));
    all.add(HostileHttpCase.named("gzip-bomb",
            "Content-Encoding gzip inflating to 100 MB of zeros: read to the cap only")
        .setup(e -> e.serve(A, 80, HostileHttp.gzipBomb(100L * 1024 * 1024)))
        .expect(NOT_READY, HTTP_BODY_TOO_LARGE, DOMAIN, "larger than"));

    // -- answers that are not HTTP/1.1
    all.add(HostileHttpCase.named("bogus-chunking", "a chunk size that is not hexadecimal")
        .setup(e -> e.serve(A, 80, HostileHttp.bogusChunking(KEY_AUTHORIZATION)))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "malformed"));
    all.add(HostileHttpCase.named("invalid-status-code", "status \"2OO\" with terminal escapes")
        .setup(e -> e.serve(A, 80, HostileHttp.statusLine("HTTP/1.1 2OO OK" + HostileHttp.POISON)))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "not valid HTTP"));
    all.add(HostileHttpCase.named("garbage-status-line", "the status line is terminal escapes")
        .setup(e -> e.serve(A, 80, HostileHttp.statusLine(HostileHttp.POISON)))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "not valid HTTP"));
    all.add(HostileHttpCase.named("http-0.9", "the body alone, no status line (Go refuses it too)")
        .setup(e -> e.serve(A, 80, HostileHttp.http09(KEY_AUTHORIZATION)))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "not valid HTTP"));
    all.add(HostileHttpCase.named("tls-on-port-80", "port 80 answers a TLS alert")
        .setup(e -> e.serve(A, 80, HostileHttp.tlsOnPlainPort()))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "TLS instead of HTTP"));
    all.add(HostileHttpCase.named("thousand-headers",
            "1,000 headers before the right body: Go's client (10 MiB of headers) validates")
        .setup(e -> e.serve(A, 80, HostileHttp.manyHeaders(1000, KEY_AUTHORIZATION)))
        .expect(READY, CHECK_PASSED, A, "expected value"));
    all.add(HostileHttpCase.named("megabyte-header-line",
            "a 1 MB header line: Let's Encrypt reads it, OkHttp stops at 256 KiB: unknown")
        .setup(e -> e.serve(A, 80, HostileHttp.longHeaderLine(1024 * 1024, KEY_AUTHORIZATION)))
        .expect(UNKNOWN, INSPECTOR_LIMIT_REACHED, DOMAIN, "longer than the inspector reads"));

    // -- connections that end badly
    all.add(HostileHttpCase.named("port-80-refused", "nothing listens on port 80")
        .expect(NOT_READY, HTTP_CONNECT_FAILED, DOMAIN, "refused"));
    all.add(HostileHttpCase.named("immediate-close", "accepted, then closed before any answer")
        .setup(e -> e.serve(A, 80, HostileHttp.closeImmediately()))
        .expect(NOT_READY, HTTP_CONNECT_FAILED, DOMAIN, "closed the connection without answering"));
    all.add(HostileHttpCase.named("reset", "the request read, then a TCP RST")
        .setup(e -> e.serve(A, 80, HostileHttp.reset()))
        .expect(NOT_READY, HTTP_CONNECT_FAILED, DOMAIN, "reset"));

    // -- TLS after a redirect to https (Let's Encrypt does not check the certificate there)
    all.add(HostileHttpCase.named("plaintext-on-443", "the https target speaks plain HTTP")
        .setup(e -> {
          e.serve(A, 80, redirectTo("https://" + DOMAIN + PATH));
          HttpLabEndpoint plain = e.lab(B, HttpLabTls.PLAIN_HTTP);
          e.hostile.route(A, 443, plain.https().socketAddress());
          plain.https().serve(PATH, KEY_AUTHORIZATION);
        })
        .expect(NOT_READY, HTTP_PLAIN_ON_HTTPS_PORT, DOMAIN, "plain HTTP"));
    for (Object[] t : new Object[][] {
        {HttpLabTls.EXPIRED, "expired"}, {HttpLabTls.SELF_SIGNED, "self-signed"},
        {HttpLabTls.WRONG_NAME, "does not cover"}}) {
      HttpLabTls tls = (HttpLabTls) t[0];
      all.add(HostileHttpCase.named("certificate-" + tls.name().toLowerCase(Locale.ROOT),
              "redirect to https with a bad certificate: Let's Encrypt does not verify it there")
          .setup(e -> {
            e.serve(A, 80, redirectTo("https://" + DOMAIN + PATH));
            HttpLabEndpoint bad = e.lab(B, tls);
            e.hostile.route(A, 443, bad.https().socketAddress());
            bad.https().serve(PATH, KEY_AUTHORIZATION);
          })
          .expect(READY, HTTP_TLS_PROBLEM, DOMAIN, (String) t[1]));
    }
    all.add(HostileHttpCase.named("tls-stall", "the TLS server reads the ClientHello and stalls")
        .setup(e -> {
          e.serve(A, 80, redirectTo("https://" + DOMAIN + PATH));
          e.serve(A, 443, HostileHttp.stall());
        })
        .expect(NOT_READY, HTTP_TIMEOUT, DOMAIN, "in time"));
    all.add(HostileHttpCase.named("https-to-http", "http -> https -> http again: followed")
        .setup(e -> {
          HttpLabEndpoint site = e.lab(A, HttpLabTls.VALID);
          site.http().redirect(PATH, 301, "https://" + DOMAIN + PATH);
          site.https().redirect(PATH, 302, url(DOMAIN, "/final"));
          site.http().serve("/final", KEY_AUTHORIZATION);
        })
        .expect(READY, CHECK_PASSED, A, "expected value"));

    // -- redirect chains
    all.add(HostileHttpCase.named("thirty-hop-chain", "30 redirects; Let's Encrypt follows 10")
        .setup(e -> {
          HttpLabEndpoint site = e.lab(A, HttpLabTls.CLOSED);
          site.http().redirect(PATH, 301, "/hop/1");
          for (int i = 1; i < 30; i++) {
            site.http().redirect("/hop/" + i, 301, "/hop/" + (i + 1));
          }
          site.http().serve("/hop/30", KEY_AUTHORIZATION);
        })
        .expect(NOT_READY, HTTP_TOO_MANY_REDIRECTS, DOMAIN, "more than 10 redirects"));
    all.add(HostileHttpCase.named("redirect-loop", "a -> b -> a")
        .setup(e -> {
          HttpLabEndpoint site = e.lab(A, HttpLabTls.CLOSED);
          site.http().redirect(PATH, 301, "/b");
          site.http().redirect("/b", 302, PATH);
        })
        .expect(NOT_READY, HTTP_REDIRECT_LOOP, DOMAIN, "loop"));
    all.add(HostileHttpCase.named("redirect-without-location", "a 302 with no Location header")
        .setup(e -> e.serve(A, 80, HostileHttp.redirect(302)))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "without a Location header"));
    all.add(HostileHttpCase.named("cr-in-location",
            "a CR inside the Location value (Go's url.Parse refuses control characters)")
        .setup(e -> e.serve(A, 80, redirectTo(url(OTHER, "/x\rSet-Cookie: owned=1"))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "control characters"));
    all.add(HostileHttpCase.named("escapes-in-location", "terminal escapes in the Location value")
        .setup(e -> e.serve(A, 80, redirectTo("/" + HostileHttp.POISON)))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "control characters"));
    all.add(HostileHttpCase.named("two-location-headers",
            "the first Location is good, the second is not: Boulder follows the first")
        .setup(e -> {
          e.serve(A, 80, HostileHttp.redirect(301, url(OTHER, PATH), url("bad.hostile-lab.com", PATH)));
          e.name(OTHER, B).name("bad.hostile-lab.com", C);
          e.serve(B, 80, HostileHttp.ok(KEY_AUTHORIZATION));
          e.serve(C, 80, HostileHttp.ok("not the key authorization"));
        })
        .expect(READY, CHECK_PASSED, B, "expected value"));

    // -- redirect targets the CA refuses (and the inspector must not contact: see the traps)
    all.add(HostileHttpCase.named("redirect-to-localhost", "http://localhost/...")
        .setup(e -> e.serve(A, 80, redirectTo(url("localhost", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, "localhost", "not in the public root zone"));
    all.add(HostileHttpCase.named("redirect-to-loopback-ip", "http://127.0.0.1/...")
        .setup(e -> e.serve(A, 80, redirectTo(url("127.0.0.1", PATH))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "127.0.0.1", "loopback"));
    all.add(HostileHttpCase.named("redirect-to-ipv6-loopback", "http://[::1]/...")
        .setup(e -> e.serve(A, 80, redirectTo(url("[::1]", PATH))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "0:0:0:0:0:0:0:1", "loopback"));
    all.add(HostileHttpCase.named("redirect-to-metadata-link-local",
            "http://169.254.169.254/latest/meta-data/ (cloud metadata)")
        .setup(e -> e.serve(A, 80, redirectTo(url("169.254.169.254", "/latest/meta-data/"))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "169.254.169.254", "link-local"));
    all.add(HostileHttpCase.named("redirect-to-private-ip", "http://10.0.0.1/...")
        .setup(e -> e.serve(A, 80, redirectTo(url("10.0.0.1", PATH))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "10.0.0.1", "private"));
    all.add(HostileHttpCase.named("redirect-to-decimal-ip", "http://2130706433/ (127.0.0.1)")
        .setup(e -> e.serve(A, 80, redirectTo(url("2130706433", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, "2130706433", "not a valid domain name"));
    all.add(HostileHttpCase.named("redirect-to-invalid-ipv4",
            "http://999.1.1.1/: neither an address nor a name, and never looked up")
        .setup(e -> e.serve(A, 80, redirectTo(url("999.1.1.1", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, "999.1.1.1", "neither a valid IP address"));
    all.add(HostileHttpCase.named("redirect-to-short-ipv4", "http://127.1/ (127.0.0.1 to some)")
        .setup(e -> e.serve(A, 80, redirectTo(url("127.1", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, "127.1", "not a valid domain name"));
    all.add(HostileHttpCase.named("redirect-to-ipv4-mapped-ipv6", "http://[::ffff:127.0.0.1]/")
        .setup(e -> e.serve(A, 80, redirectTo(url("[::ffff:127.0.0.1]", PATH))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "127.0.0.1", "loopback"));
    all.add(HostileHttpCase.named("redirect-with-userinfo",
            "http://www.hostile-lab.com@127.0.0.1/: the host is the loopback address")
        .setup(e -> e.serve(A, 80, redirectTo("http://" + DOMAIN + ":pw@127.0.0.1" + PATH)))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "127.0.0.1", "loopback"));
    all.add(HostileHttpCase.named("redirect-to-private-name",
            "a name that resolves only to 10.1.2.3")
        .setup(e -> {
          e.serve(A, 80, redirectTo(url("internal.hostile-lab.com", PATH)));
          e.name("internal.hostile-lab.com", "10.1.2.3");
        })
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "10.1.2.3", "non-public addresses only"));
    for (boolean privateFirst : new boolean[] {true, false}) {
      all.add(HostileHttpCase.named("redirect-to-mixed-name-" + (privateFirst ? "private" : "public")
                  + "-first",
              "a name with one private and one public address: Boulder drops the private one")
          .setup(e -> {
            e.serve(A, 80, redirectTo(url(OTHER, PATH)));
            if (privateFirst) {
              e.name(OTHER, "10.9.9.9", B);
            } else {
              e.name(OTHER, B, "10.9.9.9");
            }
            e.serve(B, 80, HostileHttp.ok(KEY_AUTHORIZATION));
          })
          .expect(READY, ADDRESS_NOT_PUBLIC, "10.9.9.9", "skips them"));
    }
    all.add(HostileHttpCase.named("redirect-to-file-scheme", "file:///etc/passwd")
        .setup(e -> e.serve(A, 80, redirectTo("file:///etc/passwd")))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "not a valid http or https URL"));
    all.add(HostileHttpCase.named("redirect-to-ftp", "ftp://other.hostile-lab.com/...")
        .setup(e -> e.serve(A, 80, redirectTo("ftp://" + OTHER + PATH)))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "not a valid http or https URL"));
    all.add(HostileHttpCase.named("redirect-to-odd-port", "http://other.hostile-lab.com:8080/")
        .setup(e -> {
          e.serve(A, 80, redirectTo("http://" + OTHER + ":8080" + PATH));
          e.name(OTHER, B);
        })
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, OTHER, "port 8080"));
    all.add(HostileHttpCase.named("redirect-to-port-22",
            "port 22 is an Authorized Port in the BR, but Let's Encrypt follows only 80 and 443")
        .setup(e -> {
          e.serve(A, 80, redirectTo("http://" + OTHER + ":22" + PATH));
          e.name(OTHER, B);
        })
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, OTHER, "port 22"));
    all.add(HostileHttpCase.named("redirect-to-public-ip",
            "a public IP literal: followed (boulder va/http.go extractRequestTarget)")
        .setup(e -> {
          e.serve(A, 80, redirectTo(url(B, PATH)));
          e.serve(B, 80, HostileHttp.ok(KEY_AUTHORIZATION));
        })
        .expect(READY, CHECK_PASSED, B, "expected value"));
    all.add(HostileHttpCase.named("redirect-to-idn-host",
            "a U-label host in Location: fetched at its A-label")
        .setup(e -> {
          e.serve(A, 80, redirectTo(url("bücher.hostile-lab.com", PATH)));
          e.name("xn--bcher-kva.hostile-lab.com", B);
          e.serve(B, 80, HostileHttp.ok(KEY_AUTHORIZATION));
        })
        .expect(READY, CHECK_PASSED, B, "expected value"));
    all.add(HostileHttpCase.named("redirect-to-bidi-host",
            "a host with U+202E (RIGHT-TO-LEFT OVERRIDE): not a valid IDN")
        .setup(e -> e.serve(A, 80, redirectTo(url("\u202eevil.hostile-lab.com", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "not a valid http or https URL"));

    // -- content from the network in the report
    all.add(HostileHttpCase.named("escapes-in-body", "the body is terminal escapes and bidi controls")
        .setup(e -> e.serve(A, 80, HostileHttp.ok(HostileHttp.POISON)))
        .expect(NOT_READY, HTTP_CONTENT_MISMATCH, DOMAIN, "instead of"));

    // -- the inspector's own deadline
    all.add(HostileHttpCase.named("deadline-cuts-https-while-http-refused",
            "file method over http or https: http refused, https would answer after the deadline")
        .setup(e -> {
          e.profile = CaProfiles.BASELINE_REQUIREMENTS;
          e.check = HttpFileCheck.of(FILE_PATH, FILE_TOKEN);
          e.policy = b -> b.httpTimeout(Duration.ofSeconds(10)).deadline(Duration.ofMillis(1500));
          HttpLabEndpoint slowTls = e.lab.endpoint("127.0.0.90", HttpLabTls.VALID);
          e.hostile.route(A, 443, slowTls.https().socketAddress());
          slowTls.https().respond(FILE_PATH, new MockResponse.Builder()
              .code(200)
              .headersDelay(3, TimeUnit.SECONDS)
              .body(FILE_TOKEN)
              .build());
        })
        .expect(UNKNOWN, HTTP_TIMEOUT, DOMAIN, "deadline"));
    return all;
  }
}
