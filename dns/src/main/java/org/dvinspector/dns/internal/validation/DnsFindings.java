package org.dvinspector.dns.internal.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.dvinspector.CheckResult.Status;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Method;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.spi.Text;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.NameServer;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.dns.internal.resolve.Replies;
import org.dvinspector.dns.internal.validation.Hops.Chain;
import org.dvinspector.dns.internal.validation.Hops.End;
import org.dvinspector.dns.internal.validation.Hops.Hop;
import org.dvinspector.dns.internal.validation.Hops.Seen;
import org.dvinspector.dns.internal.validation.Hops.State;
import org.dvinspector.dns.internal.validation.NearNames.Candidate;
import org.dvinspector.dns.internal.validation.ValueClassifier.Classification;
import org.dvinspector.spi.InspectionContext;

/**
 * The words of the dns checks: every finding a TXT or CNAME check reports, with its message,
 * remedy, evidence and attributes. One instance per check run; it remembers whether an ERROR was
 * reported, which decides between a failed and an undecided check.
 */
final class DnsFindings {
  private final InspectionContext context;
  private final Method method;
  private final DomainName domain;
  private final DomainName recordName;
  private final Expectation expectation;
  private final AtomicBoolean errorReported = new AtomicBoolean();
  /** Where findings go: the inspection, or a check that decides later which to keep. */
  private final Consumer<Finding> sink;

  DnsFindings(InspectionContext context, Method method, DomainName domain, DomainName recordName,
      Expectation expectation, Consumer<Finding> sink) {
    this.context = context;
    this.sink = sink;
    this.method = method;
    this.domain = domain;
    this.recordName = recordName;
    this.expectation = expectation;
  }

  /** Whether an ERROR finding was reported. */
  boolean errorReported() {
    return errorReported.get();
  }

  /** An ERROR about this check was reported elsewhere (by the resolution: DNSSEC). */
  void failedWithReportedError() {
    errorReported.set(true);
  }

  /** The check's status: passed, or failed with an ERROR said, or else undecided. */
  Status status(boolean passed) {
    if (passed) {
      return Status.PASSED;
    }
    return errorReported.get() ? Status.FAILED : Status.UNDECIDED;
  }

  Finding.Builder finding(FindingCode code) {
    return Finding.builder(code).method(method);
  }

  void report(Finding f) {
    if (f.severity() == Severity.ERROR) {
      errorReported.set(true);
    }
    sink.accept(f);
  }

  /** What the record is, for messages: {@code TXT _dnsauth.example.com}. */
  String what(DomainName name) {
    return expectation.typeName() + " " + name;
  }

  /** The host field of a record in its zone: {@code _dnsauth}, or {@code @} for the apex. */
  static String host(DomainName name, DomainName zone) {
    if (name.equals(zone)) {
      return "@";
    }
    String n = name.ascii();
    String suffix = "." + zone.ascii();
    return n.endsWith(suffix) ? n.substring(0, n.length() - suffix.length()) : n;
  }

  /** How to create the expected record at {@code name}: concrete for a DNS panel. */
  String createRecord(DomainName name, DomainName zone) {
    String host = host(name, zone);
    return createRecord("in the zone " + zone + ", name (host) " + (host.equals("@")
        ? "@ (the zone apex; some panels want it empty)" : "\"" + Text.escape(host) + "\"")
        + " - the full name is " + name + " (many panels append the zone name themselves)");
  }

  String createRecord(String where) {
    if (expectation instanceof Expectation.Cname) {
      return "Create a CNAME record " + where + ", pointing to " + expectation.expectedText()
          + " (in a zone file write the target with a trailing dot: "
          + expectation.expectedText() + ".)";
    }
    return "Create a TXT record " + where + ", with the value " + expectation.expectedText()
        + " exactly (without adding quotes of your own; a value over 255 characters is entered"
        + " as several strings of one record)";
  }

  static String detail(ServerAnswer a) {
    return switch (a.outcome()) {
      case NXDOMAIN -> "NXDOMAIN: the name does not exist" + soa(a);
      case NODATA -> "NODATA: the name exists but has no record of this type" + soa(a);
      case ANSWER -> {
        List<String> records = new ArrayList<>();
        a.answer().forEach(r -> records.add(Replies.record(r)));
        yield (a.retriedOverTcp() ? "(over tcp after a truncated udp answer) " : "")
            + String.join("; ", records);
      }
      default -> a.outcome() + ": " + a.problem().orElse("");
    };
  }

  private static String soa(ServerAnswer a) {
    for (DnsRecord r : a.authority()) {
      if (r.is(RecordType.SOA)) {
        return " (zone serial " + r.soaSerial().orElse(0) + ", negative-cache TTL "
            + a.negativeTtl().orElse(0L) + " s)";
      }
    }
    return "";
  }

  /** The zone of {@code name} could not be found, for a reason on the domain's side. */
  void zoneNotFound(DomainName name, ZoneCut zone, Optional<DomainName> aliasFrom) {
    boolean undelegated = zone.failure() == ZoneCut.Failure.NOT_DELEGATED;
    String why = zone.problem().orElse("no nameserver of " + zone.zone() + " has an address");
    Finding.Builder b = finding(FindingCode.DNS_ZONE_NOT_FOUND)
        .attribute("name", name.ascii())
        .attribute("zone", zone.zone().ascii())
        .attribute("reason", zone.failure().name())
        .evidence(Perspective.inspector(), Text.escape(why));
    for (NameServer ns : zone.nameservers()) {
      ns.addressProblem().ifPresent(p -> b.evidence(Perspective.inspector(),
          ns.name() + " has no address: " + Text.escape(p)));
    }
    if (aliasFrom.isPresent()) {
      b.message("The CNAME target " + name + " (of " + aliasFrom.get() + ") has no reachable zone: "
          + Text.escape(why))
          .remedy("Point the CNAME at " + aliasFrom.get() + " to a name that exists and is"
              + " served by working nameservers, or remove the CNAME and create the record at "
              + aliasFrom.get() + " directly.");
    } else if (undelegated) {
      // Only a negative answer from the parent's own servers says "not delegated" (NXDOMAIN, or
      // NODATA with the parent's SOA); failing servers say something else.
      b.message(domain + " is not delegated: " + Text.escape(why)
              + ", so no record under it can be found (is the domain registered?)")
          .remedy("Register " + domain + " (or renew it) and set its nameservers (NS records) at"
              + " the registrar; then add the validation record in the zone those servers"
              + " serve.");
    } else {
      b.message("The zone of " + name + " could not be found: " + Text.escape(why))
          .remedy("Check that the nameservers " + domain + " is delegated to at the registrar"
              + " exist, have addresses (glue for in-zone nameservers, and no delegation loop"
              + " between nameserver names) and answer on port 53 for the zone.");
    }
    report(b.build());
  }

  /**
   * The inspector's own trouble stopped the search for the zone of {@code name}: its deadline or
   * its limits. The domain may be fine.
   */
  void searchStopped(DomainName name, ZoneCut zone) {
    String why = Text.escape(zone.problem().orElse("the inspector stopped"));
    boolean deadline = why.contains("deadline");
    report(finding(deadline ? FindingCode.INSPECTION_DEADLINE_EXCEEDED
            : FindingCode.INSPECTOR_LIMIT_REACHED)
        .message("The zone of " + name + " could not be looked up: " + why)
        .remedy(deadline ? "Allow a longer deadline; see the timeout findings and observations"
            + " for a slow server." : "Inspect again when the inspector is less busy, or raise"
            + " its limits (maxConcurrentQueries, file descriptors).")
        .attribute("name", name.ascii())
        .evidence(Perspective.inspector(), why)
        .build());
  }

  void serverProblems(Hop h, List<Seen> seen, boolean othersAnswered) {
    Severity severity = othersAnswered ? Severity.WARNING : Severity.ERROR;
    String zone = h.zone().zone().ascii();
    String consequence = othersAnswered
        ? "; the other servers answered, but a CA that picks this one may fail or be delayed"
        : "; no authoritative server answered, so the CA cannot validate";
    List<Seen> timeouts = filter(seen, State.TIMEOUT);
    Optional<Duration> budget = context.profile().dnsRules().lookupBudget();
    String ca = context.profile().displayName();
    if (!timeouts.isEmpty()) {
      Finding.Builder b = finding(FindingCode.DNS_SERVER_TIMEOUT)
          .severity(severity)
          .message(timeouts.size() + " of " + seen.size() + " authoritative server addresses of "
              + zone + " did not answer " + what(h.name()) + " in time: " + list(timeouts)
              + consequence + (othersAnswered && budget.isPresent()
                  ? ". " + budgetRisk(ca, budget.get()) : ""))
          .remedy("Check that " + String.join(", ", serverNames(timeouts)) + " " + isAre(timeouts)
              + " running and reachable from the internet on UDP and TCP port 53 (firewall,"
              + " rate limiting, a broken anycast node); if a server is no longer used, remove it"
              + " from the delegation at the registrar and from the NS records of " + zone + ".")
          .attribute("zone", zone)
          .attribute("servers", list(timeouts));
      budget.ifPresent(d -> b.attribute("caLookupBudgetMillis", d.toMillis()));
      timeouts.forEach(s -> b.evidence(s.answer().perspective(),
          Text.escape(s.answer().problem().orElse("no answer"))));
      report(b.build());
    }
    budget.ifPresent(d -> slowServers(h, seen, zone, ca, d));
    List<Seen> failed = new ArrayList<>(filter(seen, State.FAILED));
    failed.addAll(filter(seen, State.NOT_PERMITTED));
    List<NameServer> noAddress = new ArrayList<>();
    for (NameServer ns : h.zone().nameservers()) {
      if (ns.addresses().isEmpty()) {
        noAddress.add(ns);
      }
    }
    if (!failed.isEmpty() || !noAddress.isEmpty()) {
      Set<Outcome> kinds = new LinkedHashSet<>();
      failed.forEach(s -> kinds.add(s.answer().outcome()));
      List<String> fixes = new ArrayList<>();
      if (kinds.contains(Outcome.SERVFAIL)) {
        fixes.add("SERVFAIL usually means the server cannot load the zone " + zone
            + " (a zone file error, an expired secondary copy, or a DNSSEC signing problem):"
            + " check its logs");
      }
      if (kinds.contains(Outcome.REFUSED)) {
        fixes.add("REFUSED means the server does not serve " + zone
            + ": add the zone to it, or remove it from the delegation");
      }
      if (kinds.contains(Outcome.UNREACHABLE)) {
        fixes.add("an unreachable server must listen on UDP and TCP port 53 and be allowed"
            + " through firewalls");
      }
      if (kinds.contains(Outcome.OTHER_ERROR)) {
        fixes.add("an error answer or a malformed response points to server software trouble");
      }
      if (kinds.contains(Outcome.NOT_PERMITTED)) {
        fixes.add("a nameserver with a private or reserved address cannot be asked by CAs: give"
            + " it a public address");
      }
      if (!noAddress.isEmpty()) {
        fixes.add("a nameserver without address needs A/AAAA records (and glue at the parent when"
            + " it lies inside " + zone + ")");
      }
      List<String> who = new ArrayList<>();
      failed.forEach(s -> who.add(s.answer().perspective().label() + " ("
          + s.answer().outcome() + ")"));
      noAddress.forEach(ns -> who.add(ns.name() + " (no address)"));
      Finding.Builder b = finding(FindingCode.DNS_SERVER_FAILURE)
          .severity(severity)
          .message("Authoritative servers of " + zone + " failed to answer " + what(h.name())
              + ": " + String.join(", ", who) + consequence)
          .remedy(capitalize(String.join("; ", fixes)) + ".")
          .attribute("zone", zone)
          .attribute("servers", String.join(", ", who));
      failed.forEach(s -> b.evidence(s.answer().perspective(),
          Text.escape(s.answer().problem().orElse(s.answer().outcome().name()))));
      noAddress.forEach(ns -> b.evidence(Perspective.inspector(), ns.name() + " has no address: "
          + Text.escape(ns.addressProblem().orElse("none found"))));
      report(b.build());
    }
    List<Seen> unchecked = filter(seen, State.UNCHECKED);
    if (!unchecked.isEmpty()) {
      Set<String> problems = new LinkedHashSet<>();
      unchecked.forEach(s -> problems.add(s.answer().problem().orElse("not asked")));
      boolean network = problems.stream().allMatch(p -> p.contains("no route"));
      Finding.Builder b = finding(network ? FindingCode.INSPECTOR_NETWORK_UNAVAILABLE
              : FindingCode.INSPECTOR_LIMIT_REACHED)
          .message(unchecked.size() + " of " + seen.size() + " authoritative server addresses of "
              + zone + " could not be asked " + what(h.name()) + " from here, for the inspector's"
              + " own reasons (" + Text.escape(String.join("; ", problems)) + "): "
              + list(unchecked) + "; this says nothing about those servers")
          .remedy(network ? "Run the inspector on a host that can reach every address family the"
              + " nameservers use (CAs reach them over IPv4 and IPv6), or accept that these"
              + " addresses are not checked." : "Inspect again when the inspector is less busy,"
              + " or raise its limits (maxConcurrentQueries, file descriptors).")
          .attribute("zone", zone)
          .attribute("servers", list(unchecked));
      unchecked.forEach(s -> b.evidence(s.answer().perspective(),
          Text.escape(s.answer().problem().orElse("not asked"))));
      report(b.build());
    }
    List<Seen> lame = filter(seen, State.LAME);
    if (!lame.isEmpty()) {
      Finding.Builder b = finding(FindingCode.DNS_LAME_DELEGATION)
          .severity(severity)
          .message(String.join(", ", serverNames(lame)) + " " + isAre(lame) + " delegated for "
              + zone + " but not authoritative for it (" + list(lame)
              + " answered with a referral or without the AA flag)" + consequence)
          .remedy("Configure the zone " + zone + " on " + String.join(", ", serverNames(lame))
              + ", or remove " + (lame.size() == 1 ? "it" : "them") + " from the nameservers at"
              + " the registrar and from the NS records of " + zone + ".")
          .attribute("zone", zone)
          .attribute("servers", list(lame));
      lame.forEach(s -> b.evidence(s.answer().perspective(), detail(s.answer())));
      report(b.build());
    }
  }

  /**
   * Why a dead or slow server matters under the CA's budget: the CA's resolver may ask it first
   * and not reach another server before the CA stops waiting.
   */
  private static String budgetRisk(String ca, Duration budget) {
    return ca + "'s lookups have " + budget.toMillis() + " ms in all, retries included: a resolver"
        + " that asks this server first may not reach another in time, so " + ca
        + " can fail now and then";
  }

  /**
   * Servers that answered, but only after the CA's whole lookup budget (DigiCert: 2 s): the CA's
   * resolver may give up on them. Always a warning: the time is measured from here, and the
   * inspector's own network or load may have added to it.
   */
  private void slowServers(Hop h, List<Seen> seen, String zone, String ca,
      Duration budget) {
    List<Seen> answered = new ArrayList<>();
    List<Seen> slow = new ArrayList<>();
    for (Seen s : seen) {
      if (s.state() == State.OK || s.state() == State.MISSING) {
        answered.add(s);
        if (s.answer().latency().compareTo(budget) >= 0) {
          slow.add(s);
        }
      }
    }
    if (slow.isEmpty()) {
      return;
    }
    boolean all = slow.size() == answered.size();
    List<String> who = new ArrayList<>();
    slow.forEach(s -> who.add(s.answer().perspective().label() + " ("
        + s.answer().latency().toMillis() + " ms)"));
    Finding.Builder b = finding(FindingCode.DNS_SERVER_TIMEOUT)
        .severity(Severity.WARNING)
        .message(slow.size() + " of " + seen.size() + " authoritative server addresses of " + zone
            + " answered " + what(h.name()) + " only after " + ca + "'s whole lookup budget of "
            + budget.toMillis() + " ms (measured from here): " + String.join(", ", who) + (all
                ? "; no server answers faster, so " + ca + "'s lookup may time out"
                : ". " + budgetRisk(ca, budget)))
        .remedy("Find out why " + String.join(", ", Hops.serverNames(slow)) + " answer"
            + (Hops.serverNames(slow).size() == 1 ? "s" : "") + " so slowly (an overloaded server,"
            + " a distant anycast node, packet loss with retransmissions), or remove "
            + (Hops.serverNames(slow).size() == 1 ? "it" : "them") + " from the delegation of "
            + zone + ".")
        .attribute("zone", zone)
        .attribute("servers", String.join(", ", who))
        .attribute("caLookupBudgetMillis", budget.toMillis());
    slow.forEach(s -> b.evidence(s.answer().perspective(), "answered after "
        + s.answer().latency().toMillis() + " ms: " + detail(s.answer())));
    report(b.build());
  }

  private static String isAre(List<Seen> seen) {
    return serverNames(seen).size() == 1 ? "is" : "are";
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static List<Seen> filter(List<Seen> seen, State state) {
    return Hops.filter(seen, state);
  }

  private static String list(List<Seen> seen) {
    return Hops.list(seen);
  }

  private static Set<String> serverNames(List<Seen> seen) {
    return Hops.serverNames(seen);
  }

  void deadlineFinding(List<Seen> cut) {
    Finding.Builder b = finding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)
        .message("The inspection deadline was reached before " + cut.size()
            + " authoritative server address" + (cut.size() == 1 ? "" : "es")
            + " could answer; their result is unknown: " + list(cut))
        .remedy("Allow a longer deadline, or look at the timeout findings: a slow server may"
            + " be the cause.");
    cut.forEach(s -> b.evidence(s.answer().perspective(),
        Text.escape(s.answer().problem().orElse("deadline reached"))));
    report(b.build());
  }

  void cnameFollowed(List<Hop> hops) {
    List<String> chain = new ArrayList<>();
    hops.forEach(h -> chain.add(h.name().ascii()));
    DomainName end = hops.get(hops.size() - 1).name();
    Finding.Builder b = finding(FindingCode.DNS_CNAME_FOLLOWED)
        .message(recordName + " is an alias (" + String.join(" -> ", chain) + "); the CA looks"
            + " for the " + expectation.typeName() + " record at " + end)
        .attribute("chain", String.join(" -> ", chain))
        .attribute("target", end.ascii());
    for (Hop h : hops) {
      if (h.alias().isEmpty()) {
        continue;
      }
      for (ServerAnswer a : h.answers()) {
        if (a.outcome() == Outcome.ANSWER) {
          b.evidence(a.perspective(), h.name() + " CNAME " + h.alias().get());
          break;
        }
      }
    }
    report(b.build());
  }

  void cnameLoop(Chain chain) {
    List<String> names = new ArrayList<>();
    chain.hops().forEach(h -> names.add(h.name().ascii()));
    Hop last = chain.hops().get(chain.hops().size() - 1);
    last.alias().ifPresent(a -> names.add(a.ascii()));
    boolean loop = chain.end() == End.LOOP;
    Finding.Builder b = finding(FindingCode.DNS_CNAME_LOOP)
        .message(loop
            ? "The CNAME chain from " + recordName + " loops: " + String.join(" -> ", names)
            : "The CNAME chain from " + recordName + " is longer than " + RecordCheck.MAX_CNAME_HOPS
                + " aliases: " + String.join(" -> ", names))
        .remedy(loop
            ? "Remove the CNAME at " + last.name() + " that points back into the chain, and let"
                + " the last name of the chain hold the " + expectation.typeName() + " record."
            : "Shorten the chain: point " + recordName + " directly to the name that holds the "
                + expectation.typeName() + " record, or create the record at " + recordName + ".")
        .attribute("chain", String.join(" -> ", names));
    for (Hop h : chain.hops()) {
      for (ServerAnswer a : h.answers()) {
        if (a.outcome() == Outcome.ANSWER) {
          b.evidence(a.perspective(), detail(a));
          break;
        }
      }
    }
    report(b.build());
  }

  void recordMissing(Hop h, List<Seen> missing, List<ServerAnswer> recursive,
      Optional<DomainName> aliasFrom) {
    long nx = missing.stream().filter(s -> s.answer().outcome() == Outcome.NXDOMAIN).count();
    long nodata = missing.size() - nx;
    String negative = nx == missing.size() ? "NXDOMAIN" : nx == 0 ? "NODATA" : "MIXED";
    String how = switch (negative) {
      case "NXDOMAIN" -> "the name does not exist (NXDOMAIN)";
      case "NODATA" -> "the name exists but has no " + expectation.typeName()
          + " record (NODATA)";
      default -> "NXDOMAIN from " + nx + " and NODATA from " + nodata;
    };
    DomainName zone = h.zone().zone();
    String where = aliasFrom.map(a -> " (the target of the CNAME at " + recordName + ")")
        .orElse("");
    Finding.Builder b = finding(FindingCode.DNS_RECORD_MISSING)
        .message("No " + what(h.name()) + " record" + where + ": " + how + " on "
            + (nx == missing.size() || nx == 0 ? "all " : "") + missing.size()
            + " authoritative server address" + (missing.size() == 1 ? "" : "es")
            + " that answered for " + zone)
        .remedy(createRecord(h.name(), zone) + "."
            + aliasFrom.map(a -> " Or remove the CNAME at " + recordName
                + " and create the record there.").orElse("")
            + " Then check again: the CA asks the authoritative servers directly.")
        .attribute("name", h.name().ascii())
        .attribute("type", expectation.typeName())
        .attribute("zone", zone.ascii())
        .attribute("negativeAnswer", negative)
        .attribute("expected", expectation.expectedRaw());
    missing.forEach(s -> b.evidence(s.answer().perspective(), detail(s.answer())));
    for (ServerAnswer r : recursive) {
      if (r.isConclusive() && expectation.satisfiedAnywhere(r.answer())) {
        b.evidence(r.perspective(), "still serves the expected value from its cache ("
            + detail(r) + "); the authoritative servers no longer have it");
      }
    }
    report(b.build());
  }

  void valueMismatch(Hop h, List<Seen> missing, List<Seen> withRecords,
      Optional<DomainName> aliasFrom) {
    if (expectation instanceof PersistExpectation persist) {
      // dns-persist-01 has a finding per way a record fails (PersistFindings).
      new PersistFindings(this, persist).mismatch(h, missing, withRecords, aliasFrom);
      return;
    }
    DomainName zone = h.zone().zone();
    List<DnsRecord> records = expectation.at(withRecords.get(0).answer().answer(), h.name());
    Classification c = expectation.classify(records, zone);
    boolean cname = expectation instanceof Expectation.Cname;
    String found = cname ? Text.escape(c.found()) : Text.quote(c.found());
    Finding.Builder b = finding(cname ? FindingCode.DNS_CNAME_TARGET_MISMATCH
        : FindingCode.DNS_VALUE_MISMATCH)
        .message((cname ? "CNAME " + h.name() + " points to " + found + " instead of "
            : what(h.name()) + aliasFrom.map(a -> " (the target of the CNAME at " + recordName
                + ")").orElse("") + " has " + found + " instead of ")
            + expectation.expectedText() + ": " + c.explanation())
        .remedy(mismatchRemedy(c, h.name(), Optional.of(zone)))
        .attribute("name", h.name().ascii())
        .attribute("zone", zone.ascii())
        .attribute("expected", expectation.expectedRaw())
        .attribute("found", c.found())
        .attribute("classification", c.kind().label());
    for (Seen s : missing) {
      b.evidence(s.answer().perspective(), detail(s.answer()));
    }
    report(b.build());
  }

  String mismatchRemedy(Classification c, DomainName name, Optional<DomainName> zone) {
    String exact = expectation.expectedText();
    String edit = "Edit the " + expectation.typeName() + " record at " + name + zone.map(z ->
        " (zone " + z + ", host \"" + Text.escape(host(name, z)) + "\")").orElse("");
    return switch (c.kind()) {
      case SURROUNDING_QUOTES -> edit + ": remove the quote characters you typed, so the value"
          + " is exactly " + exact + " (the DNS panel adds the zone file's quotes itself).";
      case WHITESPACE -> edit + ": remove the spaces and line breaks, so the value is exactly "
          + exact + ".";
      case CASE -> edit + ": enter the value with exactly the same upper and lower case: "
          + exact + " (copy and paste it).";
      case TRUNCATED -> edit + ": enter the whole value " + exact + " ("
          + expectation.expectedRaw().length() + " characters); if the panel limits a string to"
          + " 255 characters, enter it as several quoted strings of one record, which CAs join"
          + " without spaces.";
      case SPLIT_WRONGLY -> expectation instanceof Expectation.Txt t
          && t.matching() != org.dvinspector.DnsRules.TxtMatching.JOINED_EQUALS
          ? "Put the whole value " + exact + " into one string of one TXT record at " + name
              + ": " + context.profile().displayName() + " does not join the strings of a record"
              + " (a value of up to 255 characters fits one string)."
          : "Replace the records at " + name + " with one TXT record whose value"
          + " is " + exact + "; a value over 255 characters is entered as several quoted strings"
          + " of that one record (\"first part\" \"rest\"), which CAs join without spaces.";
      case ZONE_APPENDED -> edit + ": write the target as " + exact + ". with a trailing dot (or"
          + " as the panel expects a full name), so the zone name is not appended.";
      case OLD_TOKEN -> expectation instanceof Expectation.Cname
          ? edit + ": point it to the current target " + exact + "; the CA issued a new one."
          : "Add a TXT record at " + name + " with the current value " + exact + " (the CA"
              + " issued a new token; several TXT records at one name are fine, so the old one"
              + " may stay until validation is done).";
      default -> edit + ": set its value to exactly " + exact + ".";
    };
  }

  void wildcardMasks(Hop h, List<Seen> withRecords, ServerAnswer probe,
      Optional<DomainName> aliasFrom) {
    DomainName zone = h.zone().zone();
    String wildcardName = h.name().parent().map(p -> "*." + p.ascii()).orElse("*");
    List<DnsRecord> records = expectation.at(withRecords.get(0).answer().answer(), h.name());
    String values = expectation.showAll(records);
    report(finding(FindingCode.DNS_RECORD_MISSING)
        .message("No " + what(h.name()) + " record" + aliasFrom.map(a -> " (the target of the"
            + " CNAME at " + recordName + ")").orElse("") + ": the answer " + values
            + " comes from the wildcard " + wildcardName + ", which answers for any name")
        .remedy(createRecord(h.name(), zone) + ". A record at the exact name takes precedence"
            + " over the wildcard.")
        .attribute("name", h.name().ascii())
        .attribute("type", expectation.typeName())
        .attribute("zone", zone.ascii())
        .attribute("negativeAnswer", "WILDCARD")
        .attribute("expected", expectation.expectedRaw())
        .evidence(withRecords.get(0).answer().perspective(), detail(withRecords.get(0).answer()))
        .build());
    DomainName probeName = probeNameOf(probe);
    report(finding(FindingCode.DNS_WILDCARD_ANSWER)
        .message("A wildcard record " + wildcardName + " answers " + expectation.typeName() + " "
            + values + " for names that do not exist (a random name " + probeName
            + " gets the same answer), masking the missing record at " + h.name())
        .remedy("Create the record at the exact name " + h.name() + " (it takes precedence over"
            + " the wildcard); if the wildcard was added by the DNS provider and is not wanted,"
            + " remove " + wildcardName + " " + expectation.typeName() + ".")
        .attribute("name", h.name().ascii())
        .attribute("wildcard", wildcardName)
        .attribute("probe", probeName.ascii())
        .evidence(probe.perspective(), detail(probe))
        .build());
  }

  private DomainName probeNameOf(ServerAnswer probe) {
    for (DnsRecord r : probe.answer()) {
      Optional<DomainName> n = DomainName.tryParse(r.name());
      if (n.isPresent()) {
        return n.get();
      }
    }
    return recordName;
  }

  void wrongName(Hop h, Probes.NearHit hit, List<Seen> missing) {
    DomainName zone = h.zone().zone();
    Candidate c = hit.candidate();
    Finding.Builder b = finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .message("The " + expectation.typeName() + " record with the expected value is at "
            + c.name() + " (" + c.explanation() + "), not at " + h.name()
            + ", where the CA looks")
        .remedy(createRecord(h.name(), zone) + ". The record at " + c.name()
            + " is not used by the CA and can be deleted.")
        .attribute("name", h.name().ascii())
        .attribute("foundAt", c.name().ascii())
        .attribute("mistake", c.mistake().label())
        .attribute("expected", expectation.expectedRaw())
        .evidence(hit.answer().perspective(), detail(hit.answer()));
    missing.forEach(s -> b.evidence(s.answer().perspective(), detail(s.answer())));
    report(b.build());
  }

  /** The recursive resolver had not answered within {@code grace} of the authoritative answers. */
  void recursiveNotCompared(java.time.Duration grace) {
    report(finding(FindingCode.DNS_RECURSIVE_NOT_COMPARED)
        .message("The recursive resolver had not answered " + what(recordName) + " within "
            + grace.toMillis() + " ms of the authoritative servers, so its cache was not compared;"
            + " the verdict rests on the authoritative servers, as the CA's does")
        .remedy("Nothing to fix for the CA. A slow or unreachable resolver only matters to your"
            + " own tools; check it with dig if they show something else.")
        .attribute("name", recordName.ascii())
        .evidence(Perspective.inspector(), "no answer from the recursive resolver within "
            + grace.toMillis() + " ms")
        .build());
  }

  void recursiveView(List<ServerAnswer> recursive, Hop last) {
    for (ServerAnswer r : recursive) {
      if (!r.isConclusive()) {
        continue;
      }
      List<DnsRecord> records = expectation.anywhere(r.answer());
      if (expectation.satisfiedAnywhere(r.answer())) {
        continue;
      }
      String resolver = r.perspective().address().orElse(r.serverName());
      if (records.isEmpty()) {
        Optional<Long> wait = r.negativeTtl();
        Finding.Builder b = finding(FindingCode.DNS_NOT_YET_VISIBLE)
            .message("The authoritative servers have " + what(last.name()) + ", but the resolver "
                + resolver + " still caches its absence (" + r.outcome() + ")"
                + wait.map(w -> " for up to " + w + " s").orElse(" (its answer gives no"
                    + " negative-caching time)"))
            .remedy("Nothing to fix for the CA, which asks the authoritative servers: "
                + wait.map(w -> "wait about " + w + " s (the negative-caching TTL, RFC 2308 §5)")
                    .orElse("wait until the resolver's negative cache expires")
                + " before checking through this resolver. Next time, create the record before"
                + " anything looks it up, or lower the SOA minimum TTL of the zone.")
            .attribute("name", last.name().ascii())
            .attribute("resolver", resolver)
            .attribute("negativeAnswer", r.outcome().name())
            .evidence(r.perspective(), detail(r));
        wait.ifPresent(w -> b.attribute("waitSeconds", w));
        report(b.build());
      } else {
        long ttl = Long.MAX_VALUE;
        for (DnsRecord rec : records) {
          ttl = Math.min(ttl, rec.ttl());
        }
        report(finding(FindingCode.DNS_STALE_VALUE_CACHED)
            .message("The resolver " + resolver + " still serves an old " + expectation.typeName()
                + " value " + expectation.showAll(records) + " for " + recordName
                + " for another " + ttl + " s; the authoritative servers serve the expected one")
            .remedy("Nothing to fix for the CA, which asks the authoritative servers; checks"
                + " through this resolver show the new value in about " + ttl + " s (the old"
                + " record's remaining TTL). A changed record waits for the old TTL to expire;"
                + " a new record at a new name is visible at once.")
            .attribute("name", recordName.ascii())
            .attribute("resolver", resolver)
            .attribute("found", String.join(", ", expectation.values(records)))
            .attribute("remainingTtlSeconds", ttl)
            .attribute("waitSeconds", ttl)
            .evidence(r.perspective(), detail(r))
            .build());
      }
    }
  }

  Status fallback(ZoneCut zone, List<ServerAnswer> recursive) {
    List<ServerAnswer> conclusive = new ArrayList<>();
    for (ServerAnswer r : recursive) {
      if (r.isConclusive()) {
        conclusive.add(r);
      }
    }
    String rootProblem = zone.problem().orElse("the root servers did not answer");
    if (conclusive.isEmpty()) {
      Finding.Builder b = finding(FindingCode.INSPECTOR_NETWORK_UNAVAILABLE)
          .message("The inspector could not reach any DNS server: " + Text.escape(rootProblem)
              + (recursive.isEmpty() ? ", and no recursive resolver is configured"
                  : ", and the recursive resolver" + (recursive.size() == 1 ? "" : "s")
                      + " did not answer either"))
          .remedy("Check this host's network and DNS settings (outgoing UDP and TCP port 53),"
              + " then inspect again; the domain itself may be fine.")
          .evidence(Perspective.inspector(), Text.escape(rootProblem));
      recursive.forEach(r -> b.evidence(r.perspective(), detail(r)));
      report(b.build());
      return Status.UNDECIDED;
    }
    boolean sees = conclusive.stream()
        .anyMatch(r -> expectation.satisfiedAnywhere(r.answer()));
    Finding.Builder unreachable = finding(FindingCode.DNS_AUTHORITATIVE_UNREACHABLE)
        .message("The authoritative servers could not be asked directly from here ("
            + Text.escape(rootProblem) + "); only the recursive resolver's view was used, and it"
            + (sees ? " sees the expected " + what(recordName) + " record, but whether every"
                + " authoritative server has it could not be checked"
                : " does not see the expected " + what(recordName) + " record"))
        .remedy("Allow outgoing DNS queries (UDP and TCP port 53) to any address from this host,"
            + " or run the inspector where it can reach the authoritative servers: the CA asks"
            + " them directly, and a resolver may serve cached data.")
        .attribute("name", recordName.ascii())
        .evidence(Perspective.inspector(), Text.escape(rootProblem));
    conclusive.forEach(r -> unreachable.evidence(r.perspective(), detail(r)));
    report(unreachable.build());
    if (sees) {
      return Status.UNDECIDED;
    }
    List<ServerAnswer> withRecords = new ArrayList<>();
    for (ServerAnswer r : conclusive) {
      if (!expectation.anywhere(r.answer()).isEmpty()) {
        withRecords.add(r);
      }
    }
    if (!withRecords.isEmpty()) {
      List<DnsRecord> records = expectation.anywhere(withRecords.get(0).answer());
      Classification c = expectation.classify(records, zone.zone());
      boolean cname = expectation instanceof Expectation.Cname;
      Finding.Builder b = finding(cname ? FindingCode.DNS_CNAME_TARGET_MISMATCH
          : FindingCode.DNS_VALUE_MISMATCH)
          .message("The recursive resolver sees " + what(recordName) + " "
              + expectation.showAll(records) + " instead of " + expectation.expectedText() + ": "
              + c.explanation() + " (authoritative servers not asked)")
          .remedy(mismatchRemedy(c, recordName, Optional.empty()))
          .attribute("name", recordName.ascii())
          .attribute("expected", expectation.expectedRaw())
          .attribute("found", c.found())
          .attribute("classification", c.kind().label());
      withRecords.forEach(r -> b.evidence(r.perspective(), detail(r)));
      report(b.build());
    } else {
      long nx = conclusive.stream().filter(r -> r.outcome() == Outcome.NXDOMAIN).count();
      String negative = nx == conclusive.size() ? "NXDOMAIN" : nx == 0 ? "NODATA" : "MIXED";
      Finding.Builder b = finding(FindingCode.DNS_RECORD_MISSING)
          .message("The recursive resolver finds no " + what(recordName) + " record ("
              + negative + "; authoritative servers not asked)")
          .remedy(createRecord("named " + recordName + " at the DNS provider of " + domain) + ".")
          .attribute("name", recordName.ascii())
          .attribute("type", expectation.typeName())
          .attribute("negativeAnswer", negative)
          .attribute("expected", expectation.expectedRaw());
      conclusive.forEach(r -> b.evidence(r.perspective(), detail(r)));
      report(b.build());
    }
    return Status.FAILED;
  }

  /** The record is on some servers and not on others; {@code serials} by server address. */
  void notOnAll(Hop h, List<Seen> seen, Optional<DomainName> next, Map<String, Long> serials) {
    DomainName zone = h.zone().zone();
    List<Seen> have = filter(seen, State.OK);
    List<Seen> lack = filter(seen, State.MISSING);
    String thing = next.isPresent() ? "The CNAME " + h.name() + " -> " + next.get()
        : "The expected " + what(h.name()) + " record";
    Set<Long> haveSerials = new LinkedHashSet<>();
    have.forEach(s -> Optional.ofNullable(serials.get(key(s.answer())))
        .ifPresent(haveSerials::add));
    Set<Long> lackSerials = new LinkedHashSet<>();
    lack.forEach(s -> Optional.ofNullable(serials.get(key(s.answer())))
        .ifPresent(lackSerials::add));
    String serialNote = "";
    if (!haveSerials.isEmpty() && !lackSerials.isEmpty()
        && !haveSerials.equals(lackSerials)) {
      serialNote = " The servers without it serve zone serial " + joinLongs(lackSerials)
          + ", the others " + joinLongs(haveSerials) + ": they have not received the"
          + " latest version of the zone.";
    }
    int k = have.size();
    int n = have.size() + lack.size();
    Finding.Builder b = finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .message(thing + " is on " + k + " of " + n + " authoritative server addresses that"
            + " answered; missing on " + list(lack) + ". Validation passes from " + k + " of " + n
            + " servers; the CA reaches one of them at random")
        .remedy("Make every nameserver of " + zone + " serve the record: check zone"
            + " transfers (NOTIFY, IXFR/AXFR) from the primary to "
            + String.join(", ", serverNames(lack)) + ", or, if " + zone + " is served by"
            + " several DNS providers, add the record at each of them. Then wait until"
            + " every server has it: the CA may ask any of them." + serialNote)
        .attribute("name", h.name().ascii())
        .attribute("zone", zone.ascii())
        .attribute("present", list(have))
        .attribute("missing", list(lack))
        .attribute("k", k)
        .attribute("n", n);
    if (!serials.isEmpty()) {
      List<String> s = new ArrayList<>();
      serials.forEach((server, serial) -> s.add(server + "=" + serial));
      b.attribute("serials", String.join(", ", s));
    }
    for (Seen s : seen) {
      if (s.state() != State.OK && s.state() != State.MISSING) {
        continue;
      }
      Long serial = serials.get(key(s.answer()));
      b.evidence(s.answer().perspective(), (s.state() == State.OK ? "has it: " : "lacks it: ")
          + detail(s.answer()) + (serial == null ? "" : " [zone serial " + serial + "]"));
    }
    report(b.build());
  }

  static String key(ServerAnswer a) {
    return a.serverName() + " [" + a.address().getHostAddress() + "]";
  }

  private static String joinLongs(Set<Long> values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    return String.join("/", out);
  }

}
