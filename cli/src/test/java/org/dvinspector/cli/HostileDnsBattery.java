package org.dvinspector.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.caa.CaaModule;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HostileDns;
import org.dvinspector.testkit.HostileDns.Responder;
import org.dvinspector.testkit.TestZone;
import org.jspecify.annotations.Nullable;

/**
 * The hostile-server battery, DNS half: every case starts a DNS lab (a root, the {@code com} and
 * {@code net} zones, {@code victim.com} on two nameservers, {@code target.net} for aliases to
 * point into) and lets the testkit's {@link HostileDns} raw servers stand in for one or both of
 * {@code victim.com}'s nameservers, or for the {@code com} server that delegates it; runs one
 * inspection (ACME dns-01 and CAA, Let's Encrypt profile, unless the case says otherwise); and
 * checks five things: it ends within the deadline + 5 s, nothing escapes {@code inspect}, the
 * verdict is the case's, a finding names the server and the fault, and nothing from the network
 * reaches the human or JSON output unescaped. Traps stand in for private, link-local, multicast
 * and unspecified addresses in every case and count the queries they get (SSRF): the policy
 * refuses non-public addresses except loopback, where the lab runs.
 *
 * <p>{@code HostileDnsBatteryTest} runs each case as a test and prints the counts; the command is
 * in SECURITY.md.
 */
final class HostileDnsBattery {
  static final String ZONE = "victim.com";
  static final String DOMAIN = "www.victim.com";
  static final String RECORD = "_acme-challenge.www.victim.com";
  static final String NS1 = "127.0.0.11";
  static final String NS2 = "127.0.0.12";
  static final String TARGET_NS = "127.0.0.21";
  static final String HOST_NS = "127.0.0.31";
  static final String KEY_AUTHORIZATION =
      "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  static final String DIGEST = AcmeChallenges.dns01TxtValue(KEY_AUTHORIZATION);
  static final Duration LIVENESS_MARGIN = Duration.ofSeconds(5);

  /** Addresses the inspector must never query, trapped in every case. */
  static final List<String> TRAPS = List.of("10.0.0.53", "10.1.2.3", "172.16.0.53",
      "192.168.1.53", "169.254.169.254", "100.64.0.53", "0.0.0.0", "224.0.0.53",
      "255.255.255.255", "fd00::53", "fe80::53", "::");

  private HostileDnsBattery() {}

  /** The lab every case starts from. */
  static DnsLab lab() {
    return DnsLab.builder()
        .zone(ZONE, z -> z
            .nameserver("ns1.victim.com", NS1)
            .nameserver("ns2.victim.com", NS2)
            .records("_acme-challenge.www TXT \"" + DIGEST + "\"",
                "www A 203.0.114.10",
                "@ CAA 0 issue \"letsencrypt.org\""))
        .zone("target.net", z -> z
            .nameserver("ns1.target.net", TARGET_NS)
            .records("_acme-challenge.www TXT \"" + DIGEST + "\"",
                "_acme-challenge.alias TXT \"" + DIGEST + "\"",
                "www CAA 0 issue \"other-ca.example\""))
        .zone("dns-host.net", z -> z
            .nameserver("ns1.dns-host.net", HOST_NS)
            .records("private1 A 10.0.0.53", "private2 A 192.168.1.53",
                "linklocal AAAA fe80::53", "good1 A " + NS1, "good2 A " + NS2))
        .start();
  }

  /** What a case sets up: the lab, the hostile servers, the request. */
  static final class Env {
    final DnsLab lab;
    final HostileDns hostile;
    final List<Check> checks = new ArrayList<>(
        List.of(AcmeDns01Check.of(KEY_AUTHORIZATION), CaaCheck.forProfile()));
    CaProfile profile = CaProfiles.LETS_ENCRYPT;
    String domain = DOMAIN;
    UnaryOperator<NetworkPolicy.Builder> policy = b -> b;

    Env(DnsLab lab, HostileDns hostile) {
      this.lab = lab;
      this.hostile = hostile;
    }

    /** The zone {@code victim.com} as the lab holds it (changes show at once). */
    TestZone zone() {
      return lab.zone(ZONE);
    }

    /** What an authoritative server of {@code victim.com} answers. */
    Responder good() {
      return HostileDns.authoritative(zone());
    }

    /** What the {@code com} server answers (referrals to {@code victim.com} among them). */
    Responder parentGood() {
      return HostileDns.authoritative(lab.zone("com"));
    }

    /** {@code fault} for {@code name}/{@code type} (any type when negative), the zone's answer otherwise. */
    Responder onlyFor(String name, int type, Responder fault) {
      return HostileDns.when(HostileDns.asking(name, type), fault, good());
    }

    /** {@code fault} for the validation record (TXT at {@link #RECORD}), the zone's answer otherwise. */
    Responder forRecord(Responder fault) {
      return onlyFor(RECORD, org.xbill.DNS.Type.TXT, fault);
    }

    /** ns1.victim.com is hostile. */
    Env ns1(Responder r) {
      hostile.serve(NS1, r, "ns1.victim.com");
      return this;
    }

    /** ns2.victim.com is hostile. */
    Env ns2(Responder r) {
      hostile.serve(NS2, r, "ns2.victim.com");
      return this;
    }

    /** Both nameservers of victim.com are hostile (the same responder). */
    Env both(Responder r) {
      return ns1(r).ns2(r);
    }

    /** The com server (which delegates victim.com) is hostile. */
    Env parent(Responder r) {
      String address = lab.server("ns.nic.com").address().getAddress().getHostAddress();
      hostile.serve(address, r, "ns.nic.com");
      return this;
    }

    /** Changes victim.com's records now: {@code add} records in master-file syntax. */
    Env add(String... records) {
      zone().add(records);
      return this;
    }

    /** Only these checks. */
    Env checks(Check... c) {
      checks.clear();
      checks.addAll(List.of(c));
      return this;
    }
  }

  /** What one case gave. */
  static final class Outcome {
    final HostileDnsCase c;
    @Nullable InspectionReport report;
    boolean hung;
    @Nullable Throwable escaped;
    @Nullable String wrongVerdict;
    @Nullable String unescaped;
    @Nullable String setupProblem;
    int ssrfAttempts;
    Duration elapsed = Duration.ZERO;
    String human = "";
    String json = "";

    Outcome(HostileDnsCase c) {
      this.c = c;
    }

    boolean ok() {
      return !hung && escaped == null && wrongVerdict == null && unescaped == null
          && ssrfAttempts == 0 && setupProblem == null;
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
        problems.add(ssrfAttempts + " query(s) to forbidden addresses");
      }
      if (setupProblem != null) {
        problems.add("the case itself is broken: " + setupProblem);
      }
      return c.name + ": " + (problems.isEmpty() ? "ok" : String.join("; ", problems))
          + " (" + elapsed.toMillis() + " ms)" + (report == null ? "" : "\n" + human);
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
    final List<String> disabled = new ArrayList<>();

    synchronized void disabled(HostileDnsCase c) {
      disabled.add(c.name);
    }

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
      return String.format(Locale.ROOT, "hostile DNS battery: cases %d, hangs past deadline %d,"
          + " escaping exceptions %d, wrong verdicts %d, unescaped output %d, SSRF attempts %d",
          cases, hangs, exceptions, wrongVerdicts, unescaped, ssrfAttempts)
          + (disabled.isEmpty() ? "" : "; disabled for known bugs outside the battery "
              + disabled.size() + " " + disabled);
    }
  }

  /** Runs one case. Never throws: everything that goes wrong is in the outcome. */
  static Outcome run(HostileDnsCase c) {
    Outcome o = new Outcome(c);
    ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dns-battery-" + c.name);
      t.setDaemon(true);
      return t;
    });
    try (DnsLab lab = lab(); HostileDns hostile = HostileDns.start()) {
      Env env = new Env(lab, hostile);
      for (String t : TRAPS) {
        hostile.trap(t, env.good());
      }
      c.setup.accept(env);
      NetworkPolicy policy = env.policy.apply(hostile.networkPolicy(lab)).build();
      InspectionRequest request = InspectionRequest.builder()
          .domain(env.domain)
          .profile(env.profile)
          .addAllChecks(env.checks)
          .build();
      Duration bound = request.deadline().orElse(policy.deadline()).plus(LIVENESS_MARGIN);
      DomainValidationInspector inspector = DomainValidationInspector.builder()
          .networkPolicy(policy)
          .addModule(new DnsModule())
          .addModule(new CaaModule())
          .build();
      HostileHttpBattery.Inspected ran =
          HostileHttpBattery.inspectWithin(runner, inspector, request, bound);
      o.report = ran.report();
      o.hung = ran.hung();
      o.escaped = ran.escaped();
      o.elapsed = ran.elapsed();
      InspectionReport report = o.report;
      if (report != null) {
        try {
          HostileHttpBattery.Rendered shown = HostileHttpBattery.render(report);
          o.human = shown.human();
          o.json = shown.json();
          o.unescaped = shown.unescaped();
        } catch (RuntimeException e) {
          o.escaped = e;
        }
        o.wrongVerdict = judge(c, report);
      }
      o.ssrfAttempts = hostile.trappedQueries();
      if (hostile.responderErrors() > 0) {
        o.setupProblem = hostile.responderErrors() + " responder error(s), e.g. "
            + hostile.servers().stream().map(s -> s.lastResponderError())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
      }
    } catch (RuntimeException e) {
      o.escaped = e;
    } finally {
      runner.shutdownNow();
    }
    return o;
  }

  /** Null when the verdict, the finding and the case's extra condition hold; else what differs. */
  static @Nullable String judge(HostileDnsCase c, InspectionReport report) {
    if (report.verdict() != c.verdict) {
      return "verdict " + report.verdict() + ", expected " + c.verdict;
    }
    String server = c.server.toLowerCase(Locale.ROOT);
    String fault = c.fault.toLowerCase(Locale.ROOT);
    FindingCode code = c.code;
    if (code == null) {
      for (Observation o : report.observations()) {
        String t = (o.perspective().label() + " " + o.query() + " -> " + o.result())
            .toLowerCase(Locale.ROOT);
        if (t.contains(server) && t.contains(fault)) {
          return c.also.apply(report);
        }
      }
      return "no observation of " + c.server + " says \"" + c.fault + "\"";
    }
    List<Finding> candidates = report.findings(code);
    if (candidates.isEmpty()) {
      return "no " + code + " finding";
    }
    boolean named = false;
    for (Finding f : candidates) {
      StringBuilder text = new StringBuilder(f.message());
      for (Evidence e : f.evidence()) {
        text.append('\n').append(e.perspective().label()).append(' ').append(e.detail());
      }
      String t = text.toString().toLowerCase(Locale.ROOT);
      if (t.contains(server) && t.contains(fault)) {
        named = true;
        break;
      }
    }
    if (!named) {
      return "no " + code + " finding names " + c.server + " and says \"" + c.fault + "\": "
          + candidates.get(0).message();
    }
    return c.also.apply(report);
  }

  /**
   * Every case, in order; only those whose name matches the regular expression in the system
   * property {@code dns.battery.cases} when it is set (to run one case while working on it).
   */
  static List<HostileDnsCase> cases() {
    String only = System.getProperty("dns.battery.cases");
    List<HostileDnsCase> all = HostileDnsCases.all();
    if (only == null || only.isBlank()) {
      return all;
    }
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(only);
    return all.stream().filter(c -> p.matcher(c.name).matches()).toList();
  }
}
