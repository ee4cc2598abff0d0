package org.dvinspector.cli;


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
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
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
      Inspected ran = inspectWithin(runner, inspector, request, bound);
      o.report = ran.report();
      o.hung = ran.hung();
      o.escaped = ran.escaped();
      o.elapsed = ran.elapsed();
      InspectionReport report = o.report;
      if (report != null) {
        try {
          Rendered shown = render(report);
          o.human = shown.human();
          o.json = shown.json();
          o.unescaped = shown.unescaped();
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

  /** What one inspection under a liveness bound gave: its report, unless it hung or threw. */
  record Inspected(@Nullable InspectionReport report, boolean hung, @Nullable Throwable escaped,
      Duration elapsed) {}

  /**
   * Runs {@code request} on {@code runner} and waits at most {@code bound} (the deadline plus a
   * margin) for the report; closes the inspector. Never throws: a hang or an exception escaping
   * {@code inspect} is in the result.
   */
  static Inspected inspectWithin(ExecutorService runner, DomainValidationInspector inspector,
      InspectionRequest request, Duration bound) {
    InspectionReport report = null;
    boolean hung = false;
    Throwable escaped = null;
    long t0 = System.nanoTime();
    try {
      Future<InspectionReport> f = runner.submit(() -> inspector.inspect(request));
      try {
        report = f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        hung = true;
        f.cancel(true);
      } catch (ExecutionException e) {
        escaped = e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        escaped = e;
      }
    } finally {
      inspector.close();
    }
    return new Inspected(report, hung, escaped, Duration.ofNanos(System.nanoTime() - t0));
  }

  /** A report as the CLI shows it, human and JSON, and the first raw character in either. */
  record Rendered(String human, String json, @Nullable String unescaped) {}

  /** Renders {@code report} both ways and looks for what must not reach a terminal raw. */
  static Rendered render(InspectionReport report) {
    String human = new HumanReport(Style.plain(), true).render(report);
    String json = ReportJson.line(ReportJson.toJson(report, 1));
    String unescaped = firstUnsafe("human output", human, true);
    if (unescaped == null) {
      unescaped = firstUnsafe("JSON output", json, false);
    }
    return new Rendered(human, json, unescaped);
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
            + i + ", after \"" + org.dvinspector.spi.Text.escape(text.substring(from, i)) + "\"";
      }
    }
    return null;
  }

  /** Every case, in order. */
  static List<HostileHttpCase> cases() {
    return HostileHttpCases.all();
  }
}
