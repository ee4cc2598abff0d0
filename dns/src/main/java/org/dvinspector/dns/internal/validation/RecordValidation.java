package org.dvinspector.dns.internal.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dvinspector.Check;
import org.dvinspector.CheckResult.Status;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Method;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.Text;
import org.dvinspector.dns.NameServer;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.dns.internal.Answers;
import org.dvinspector.dns.internal.InspectionState;
import org.dvinspector.dns.internal.Names;
import org.dvinspector.dns.internal.RealCaDnsView;
import org.dvinspector.dns.internal.validation.NearNames.Candidate;
import org.dvinspector.dns.internal.validation.ValueClassifier.Classification;
import org.dvinspector.spi.InspectionContext;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One DNS validation check ({@code dns-txt}, {@code acme-dns-01} or {@code dns-cname}) run the
 * way a CA runs it: the zone found from the root, the record asked of every address of every
 * authoritative server at once, CNAMEs followed (TXT methods), and the recursive view compared.
 *
 * <p>The check passes only when every authoritative address that answered has the record and
 * none is missing it: the CA (and each of its remote perspectives, BR 3.2.2.9) may ask any of
 * them. Servers that fail while others answer are warnings; a check fails only with at least one
 * ERROR finding saying why, and is undecided when the inspector itself could not find out.
 */
public final class RecordValidation {
  /** Most CNAME hops followed; resolvers cap alias chains, and long ones fail at CAs. */
  public static final int MAX_CNAME_HOPS = 8;

  private final RealCaDnsView view;
  private final InspectionContext context;
  private final Method method;
  private final DomainName domain;
  private final DomainName recordName;
  private final Optional<String> label;
  private final Expectation expectation;
  private final InspectionState state;
  private final AtomicBoolean errorReported = new AtomicBoolean();

  private RecordValidation(RealCaDnsView view, InspectionContext context, Check check,
      DomainName recordName, Optional<String> label, Expectation expectation) {
    this.view = view;
    this.context = context;
    this.method = check.method().orElse(Method.DNS_TXT);
    this.domain = context.domain().withoutWildcard();
    this.recordName = recordName;
    this.label = label;
    this.expectation = expectation;
    this.state = view.state(context);
  }

  /** A TXT check ({@code dns-txt} or {@code acme-dns-01}). */
  public static RecordValidation txt(RealCaDnsView view, InspectionContext context, Check check,
      DomainName recordName, String expectedValue, Optional<String> label) {
    return new RecordValidation(view, context, check, recordName, label,
        new Expectation.Txt(expectedValue));
  }

  /** A CNAME check ({@code dns-cname}). */
  public static RecordValidation cname(RealCaDnsView view, InspectionContext context, Check check,
      DomainName recordName, DomainName expectedTarget, Optional<String> label) {
    return new RecordValidation(view, context, check, recordName, label,
        new Expectation.Cname(expectedTarget));
  }

  // ------------------------------------------------------------------ model

  /** How one server address fared for one hop. */
  enum State {
    /** It has the record (or the alias to the next hop). */
    OK,
    /** It answered, without the record. */
    MISSING,
    /** No answer in time. */
    TIMEOUT,
    /** Not fully asked: the inspection deadline came first. */
    DEADLINE,
    /** SERVFAIL, REFUSED, another error, unreachable. */
    FAILED,
    /** Not authoritative for the zone (referral, no AA bit). */
    LAME,
    /** Not asked: a non-public address. */
    NOT_PERMITTED
  }

  record Seen(ServerAnswer answer, State state) {}

  /** One name of the alias chain and what its zone's servers said about it. */
  record Hop(DomainName name, ZoneCut zone, List<ServerAnswer> answers,
      Optional<DomainName> alias) {}

  enum ChainEnd {
    COMPLETE,
    LOOP,
    TOO_LONG
  }

  record Chain(List<Hop> hops, ChainEnd end) {}

  // ------------------------------------------------------------------ flow

  /** Runs the check; never completes exceptionally for network or data problems. */
  public CompletableFuture<Status> run() {
    CompletableFuture<List<ServerAnswer>> recursive =
        view.askRecursive(recordName, expectation.type(), context).toCompletableFuture();
    return view.findZone(recordName, context).toCompletableFuture().thenCompose(zone -> {
      if (zone.networkUnavailable()) {
        return recursive.thenApply(rec -> fallback(zone, rec));
      }
      if (!hasAddresses(zone) && context.remaining().isZero()) {
        // The deadline cut discovery short; the inspector reports the deadline itself.
        return CompletableFuture.completedFuture(Status.UNDECIDED);
      }
      if (!hasAddresses(zone) || notDelegated(zone, recordName)) {
        zoneNotFound(recordName, zone, Optional.empty());
        return recursive.thenApply(rec -> status(false));
      }
      nsSetsDiffer(zone);
      return follow(recordName, zone, new ArrayList<>())
          .thenCompose(chain -> recursive.thenCompose(rec -> analyze(chain, rec)));
    });
  }

  private Status status(boolean passed) {
    if (passed) {
      return Status.PASSED;
    }
    return errorReported.get() ? Status.FAILED : Status.UNDECIDED;
  }

  private static boolean hasAddresses(ZoneCut zone) {
    return zone.nameservers().stream().anyMatch(ns -> !ns.addresses().isEmpty());
  }

  /**
   * A top-level zone holds the name itself: its domain has no delegation of its own (TLD zones
   * hold delegations, not names under them).
   */
  private static boolean notDelegated(ZoneCut zone, DomainName name) {
    return zone.zone().labelCount() == 1 && name.labelCount() > 1;
  }

  private CompletableFuture<Chain> follow(DomainName name, ZoneCut zone, List<Hop> hops) {
    return view.askAuthoritative(zone, name, expectation.type(), context).toCompletableFuture()
        .thenCompose(answers -> {
          Optional<DomainName> alias =
              expectation.followsAliases() ? aliasOf(name, answers) : Optional.empty();
          hops.add(new Hop(name, zone, answers, alias));
          if (alias.isEmpty()) {
            return CompletableFuture.completedFuture(new Chain(hops, ChainEnd.COMPLETE));
          }
          DomainName target = alias.get();
          if (hops.stream().anyMatch(h -> h.name().equals(target))) {
            return CompletableFuture.completedFuture(new Chain(hops, ChainEnd.LOOP));
          }
          if (hops.size() >= MAX_CNAME_HOPS) {
            return CompletableFuture.completedFuture(new Chain(hops, ChainEnd.TOO_LONG));
          }
          return view.findZone(target, context).toCompletableFuture().thenCompose(next -> {
            if (next.networkUnavailable() || !hasAddresses(next) || notDelegated(next, target)) {
              hops.add(new Hop(target, next, List.of(), Optional.empty()));
              return CompletableFuture.completedFuture(new Chain(hops, ChainEnd.COMPLETE));
            }
            return follow(target, next, hops);
          });
        });
  }

  /**
   * The CNAME target of {@code name} in an authoritative answer. A server that follows the alias
   * inside its zone to a name that does not exist answers NXDOMAIN with the CNAME (RFC 2308 §2.1),
   * so negative answers count too.
   */
  private static Optional<DomainName> aliasOf(DomainName name, List<ServerAnswer> answers) {
    for (ServerAnswer a : answers) {
      if (!a.isConclusive() || !a.authoritative()) {
        continue;
      }
      for (Record r : a.answer()) {
        if (r instanceof CNAMERecord cname && owns(r, name)) {
          Optional<DomainName> t = Names.toDomain(cname.getTarget());
          if (t.isPresent()) {
            return t;
          }
        }
      }
    }
    return Optional.empty();
  }

  private CompletableFuture<Status> analyze(Chain chain, List<ServerAnswer> recursive) {
    List<Hop> hops = chain.hops();
    if (chain.end() != ChainEnd.COMPLETE) {
      cnameLoop(chain);
      for (Hop h : hops) {
        serverProblems(h, classify(h, Optional.empty(), false), true);
      }
      return CompletableFuture.completedFuture(status(false));
    }
    if (hops.size() > 1) {
      cnameFollowed(hops);
    }
    boolean passed = true;
    List<CompletableFuture<Void>> more = new ArrayList<>();
    List<Seen> deadline = new ArrayList<>();
    for (int i = 0; i < hops.size(); i++) {
      Hop h = hops.get(i);
      boolean last = i == hops.size() - 1;
      if (!hasAddresses(h.zone()) || h.zone().networkUnavailable()
          || notDelegated(h.zone(), h.name())) {
        zoneNotFound(h.name(), h.zone(), i > 0 ? Optional.of(hops.get(i - 1).name())
            : Optional.empty());
        passed = false;
        continue;
      }
      Optional<DomainName> next = last ? Optional.empty() : Optional.of(hops.get(i + 1).name());
      List<Seen> seen = classify(h, next, last);
      long answered = seen.stream().filter(s -> s.state() == State.OK || s.state() == State.MISSING)
          .count();
      long ok = seen.stream().filter(s -> s.state() == State.OK).count();
      seen.stream().filter(s -> s.state() == State.DEADLINE).forEach(deadline::add);
      serverProblems(h, seen, answered > 0);
      if (answered == 0) {
        passed = false;
      } else if (ok > 0 && ok < answered) {
        passed = false;
        more.add(notOnAll(h, seen, next));
      } else if (ok == 0) {
        passed = false;
        more.add(valueProblem(h, seen, hops.size() == 1, recursive, i > 0
            ? Optional.of(hops.get(i - 1).name()) : Optional.empty()));
      }
    }
    if (!deadline.isEmpty()) {
      deadlineFinding(deadline);
    }
    if (passed) {
      recursiveView(recursive, hops.get(hops.size() - 1));
    }
    boolean result = passed;
    return CompletableFuture.allOf(more.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> status(result));
  }

  private List<Seen> classify(Hop h, Optional<DomainName> next, boolean last) {
    List<Seen> out = new ArrayList<>();
    for (ServerAnswer a : h.answers()) {
      out.add(new Seen(a, stateOf(a, h, next, last)));
    }
    return out;
  }

  private State stateOf(ServerAnswer a, Hop h, Optional<DomainName> next, boolean last) {
    return switch (a.outcome()) {
      case ANSWER -> answered(a, h, next, last);
      case NXDOMAIN, NODATA -> next.isPresent() ? answered(a, h, next, last) : State.MISSING;
      case REFERRAL, NOT_AUTHORITATIVE -> State.LAME;
      case TIMEOUT -> a.deadlineReached() ? State.DEADLINE : State.TIMEOUT;
      case NOT_PERMITTED -> State.NOT_PERMITTED;
      default -> State.FAILED;
    };
  }

  private State answered(ServerAnswer a, Hop h, Optional<DomainName> next, boolean last) {
    if (next.isPresent()) {
      for (Record r : a.answer()) {
        if (r instanceof CNAMERecord cname && owns(r, h.name())
            && Names.toDomain(cname.getTarget()).equals(next)) {
          return State.OK;
        }
      }
      return State.MISSING;
    }
    return last && expectation.anyExpected(expectation.at(a.answer(), h.name()))
        ? State.OK : State.MISSING;
  }

  private static boolean owns(Record r, DomainName name) {
    return Names.toDomain(r.getName()).map(name::equals).orElse(false);
  }

  // ------------------------------------------------------------------ reporting helpers

  private Finding.Builder finding(FindingCode code) {
    return Finding.builder(code).method(method);
  }

  private void report(Finding f) {
    if (f.severity() == Severity.ERROR) {
      errorReported.set(true);
    }
    context.report(f);
  }

  /** What the record is, for messages: {@code TXT _dnsauth.example.com}. */
  private String what(DomainName name) {
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
  private String createRecord(DomainName name, DomainName zone) {
    String host = host(name, zone);
    return createRecord("in the zone " + zone + ", name (host) " + (host.equals("@")
        ? "@ (the zone apex; some panels want it empty)" : "\"" + Text.escape(host) + "\"")
        + " - the full name is " + name + " (many panels append the zone name themselves)");
  }

  private String createRecord(String where) {
    if (expectation instanceof Expectation.Cname) {
      return "Create a CNAME record " + where + ", pointing to " + expectation.expectedText()
          + " (in a zone file write the target with a trailing dot: "
          + expectation.expectedText() + ".)";
    }
    return "Create a TXT record " + where + ", with the value " + expectation.expectedText()
        + " exactly (without adding quotes of your own; a value over 255 characters is entered"
        + " as several strings of one record)";
  }

  private static String detail(ServerAnswer a) {
    return switch (a.outcome()) {
      case NXDOMAIN -> "NXDOMAIN: the name does not exist" + soa(a);
      case NODATA -> "NODATA: the name exists but has no record of this type" + soa(a);
      case ANSWER -> {
        List<String> records = new ArrayList<>();
        a.answer().forEach(r -> records.add(Answers.record(r)));
        yield (a.retriedOverTcp() ? "(over tcp after a truncated udp answer) " : "")
            + String.join("; ", records);
      }
      default -> a.outcome() + ": " + a.problem().orElse("");
    };
  }

  private static String soa(ServerAnswer a) {
    for (Record r : a.authority()) {
      if (r instanceof SOARecord soa) {
        return " (zone serial " + soa.getSerial() + ", negative-cache TTL "
            + a.negativeTtl().orElse(0L) + " s)";
      }
    }
    return "";
  }

  private static String list(List<Seen> seen) {
    List<String> out = new ArrayList<>();
    for (Seen s : seen) {
      out.add(s.answer().perspective().label());
    }
    return String.join(", ", out);
  }

  private static Set<String> serverNames(List<Seen> seen) {
    Set<String> out = new LinkedHashSet<>();
    seen.forEach(s -> out.add(s.answer().serverName()));
    return out;
  }

  // ------------------------------------------------------------------ zone-level findings

  private void zoneNotFound(DomainName name, ZoneCut zone, Optional<DomainName> aliasFrom) {
    boolean undelegated = notDelegated(zone, name);
    String why = zone.problem().orElse(undelegated
        ? "the servers of the top-level domain ." + zone.zone() + " answer for " + name
            + " themselves: no zone is delegated for it"
        : "no nameserver of " + zone.zone() + " has an address");
    Finding.Builder b = finding(FindingCode.DNS_ZONE_NOT_FOUND)
        .attribute("name", name.ascii())
        .attribute("zone", zone.zone().ascii())
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
      b.message(domain + " is not delegated: " + Text.escape(why)
              + ", so no record under it can be found (is the domain registered?)")
          .remedy("Register " + domain + " (or renew it) and set its nameservers (NS records) at"
              + " the registrar; then add the validation record in the zone those servers"
              + " serve.");
    } else {
      b.message("The zone of " + name + " could not be found: " + Text.escape(why))
          .remedy("Check that " + domain + " is registered and delegated at the registrar to"
              + " nameservers that exist, have addresses (glue for in-zone nameservers) and"
              + " answer on port 53.");
    }
    report(b.build());
  }

  private void nsSetsDiffer(ZoneCut zone) {
    if (zone.parentNameservers().isEmpty() || zone.childNameservers().isEmpty()) {
      return;
    }
    Set<DomainName> parent = new LinkedHashSet<>();
    zone.parentNameservers().forEach(ns -> parent.add(ns.name()));
    Set<DomainName> child = new LinkedHashSet<>();
    zone.childNameservers().forEach(ns -> child.add(ns.name()));
    if (parent.equals(child) || !state.firstReport("ns-sets-differ " + zone.zone())) {
      return;
    }
    Set<DomainName> onlyParent = new LinkedHashSet<>(parent);
    onlyParent.removeAll(child);
    Set<DomainName> onlyChild = new LinkedHashSet<>(child);
    onlyChild.removeAll(parent);
    String parentZone = zone.zone().parent().map(DomainName::ascii).orElse(".");
    report(finding(FindingCode.DNS_NS_SETS_DIFFER)
        .message("The parent zone " + parentZone + " delegates " + zone.zone() + " to "
            + join(parent) + ", but the zone's own NS records list " + join(child))
        .remedy("Make both lists the same: set the nameservers at the registrar (the delegation"
            + " in " + parentZone + ") and the NS records in the zone " + zone.zone()
            + " to one list"
            + (onlyParent.isEmpty() ? "" : "; only the parent lists " + join(onlyParent))
            + (onlyChild.isEmpty() ? "" : "; only the zone lists " + join(onlyChild))
            + ". CAs may ask servers from either list.")
        .attribute("zone", zone.zone().ascii())
        .attribute("parent", join(parent))
        .attribute("child", join(child))
        .evidence(Perspective.inspector(), "delegation in " + parentZone + ": " + join(parent))
        .evidence(Perspective.inspector(), "NS records in " + zone.zone() + ": " + join(child))
        .build());
  }

  private static String join(Set<DomainName> names) {
    List<String> out = new ArrayList<>();
    names.forEach(n -> out.add(n.ascii()));
    return String.join(", ", out);
  }

  // ------------------------------------------------------------------ per-server findings

  private void serverProblems(Hop h, List<Seen> seen, boolean othersAnswered) {
    Severity severity = othersAnswered ? Severity.WARNING : Severity.ERROR;
    String zone = h.zone().zone().ascii();
    String consequence = othersAnswered
        ? "; the other servers answered, but a CA that picks this one may fail or be delayed"
        : "; no authoritative server answered, so the CA cannot validate";
    List<Seen> timeouts = filter(seen, State.TIMEOUT);
    if (!timeouts.isEmpty()) {
      Finding.Builder b = finding(FindingCode.DNS_SERVER_TIMEOUT)
          .severity(severity)
          .message(timeouts.size() + " of " + seen.size() + " authoritative server addresses of "
              + zone + " did not answer " + what(h.name()) + " in time: " + list(timeouts)
              + consequence)
          .remedy("Check that " + String.join(", ", serverNames(timeouts)) + " " + isAre(timeouts)
              + " running and reachable from the internet on UDP and TCP port 53 (firewall,"
              + " rate limiting, a broken anycast node); if a server is no longer used, remove it"
              + " from the delegation at the registrar and from the NS records of " + zone + ".")
          .attribute("zone", zone)
          .attribute("servers", list(timeouts));
      timeouts.forEach(s -> b.evidence(s.answer().perspective(),
          Text.escape(s.answer().problem().orElse("no answer"))));
      report(b.build());
    }
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

  private static String isAre(List<Seen> seen) {
    return serverNames(seen).size() == 1 ? "is" : "are";
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static List<Seen> filter(List<Seen> seen, State state) {
    List<Seen> out = new ArrayList<>();
    for (Seen s : seen) {
      if (s.state() == state) {
        out.add(s);
      }
    }
    return out;
  }

  private void deadlineFinding(List<Seen> cut) {
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

  // ------------------------------------------------------------------ aliases

  private void cnameFollowed(List<Hop> hops) {
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

  private void cnameLoop(Chain chain) {
    List<String> names = new ArrayList<>();
    chain.hops().forEach(h -> names.add(h.name().ascii()));
    Hop last = chain.hops().get(chain.hops().size() - 1);
    last.alias().ifPresent(a -> names.add(a.ascii()));
    boolean loop = chain.end() == ChainEnd.LOOP;
    Finding.Builder b = finding(FindingCode.DNS_CNAME_LOOP)
        .message(loop
            ? "The CNAME chain from " + recordName + " loops: " + String.join(" -> ", names)
            : "The CNAME chain from " + recordName + " is longer than " + MAX_CNAME_HOPS
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

  // ------------------------------------------------------------------ not on all servers

  private CompletableFuture<Void> notOnAll(Hop h, List<Seen> seen, Optional<DomainName> next) {
    DomainName zone = h.zone().zone();
    return view.askAuthoritative(h.zone(), zone, Type.SOA, context).toCompletableFuture()
        .thenAccept(soas -> {
          Map<String, Long> serials = new LinkedHashMap<>();
          for (ServerAnswer a : soas) {
            for (Record r : a.answer()) {
              if (r instanceof SOARecord soa && a.authoritative()) {
                serials.put(key(a), soa.getSerial());
              }
            }
          }
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
          Finding.Builder b = finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
              .message(thing + " is on " + have.size() + " of " + (have.size() + lack.size())
                  + " authoritative server addresses that answered; missing on " + list(lack))
              .remedy("Make every nameserver of " + zone + " serve the record: check zone"
                  + " transfers (NOTIFY, IXFR/AXFR) from the primary to "
                  + String.join(", ", serverNames(lack)) + ", or, if " + zone + " is served by"
                  + " several DNS providers, add the record at each of them. Then wait until"
                  + " every server has it: the CA may ask any of them." + serialNote)
              .attribute("name", h.name().ascii())
              .attribute("zone", zone.ascii())
              .attribute("present", list(have))
              .attribute("missing", list(lack));
          if (!serials.isEmpty()) {
            List<String> s = new ArrayList<>();
            serials.forEach((k, v) -> s.add(k + "=" + v));
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
        });
  }

  private static String key(ServerAnswer a) {
    return a.serverName() + " [" + a.address().getHostAddress() + "]";
  }

  private static String joinLongs(Set<Long> values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    return String.join("/", out);
  }

  // ------------------------------------------------------------------ missing or wrong value

  private CompletableFuture<Void> valueProblem(Hop h, List<Seen> seen, boolean probeNear,
      List<ServerAnswer> recursive, Optional<DomainName> aliasFrom) {
    List<Seen> missing = filter(seen, State.MISSING);
    List<Seen> withRecords = new ArrayList<>();
    for (Seen s : missing) {
      if (!expectation.at(s.answer().answer(), h.name()).isEmpty()) {
        withRecords.add(s);
      }
    }
    CompletableFuture<Optional<NearHit>> near = probeNear
        ? probeNearNames(h.zone()) : CompletableFuture.completedFuture(Optional.empty());
    if (withRecords.isEmpty()) {
      return near.thenAccept(hit -> {
        if (hit.isPresent()) {
          wrongName(h, hit.get(), missing);
        } else {
          recordMissing(h, missing, recursive, aliasFrom);
        }
      });
    }
    CompletableFuture<Optional<ServerAnswer>> wildcard = probeWildcard(h, withRecords.get(0));
    return near.thenCombine(wildcard, (hit, wild) -> {
      if (wild.isPresent()) {
        wildcardMasks(h, withRecords, wild.get(), aliasFrom);
      } else {
        valueMismatch(h, missing, withRecords, aliasFrom);
      }
      hit.ifPresent(x -> wrongName(h, x, missing));
      return null;
    });
  }

  private void recordMissing(Hop h, List<Seen> missing, List<ServerAnswer> recursive,
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
      if (r.isConclusive() && expectation.anyExpected(expectation.anywhere(r.answer()))) {
        b.evidence(r.perspective(), "still serves the expected value from its cache ("
            + detail(r) + "); the authoritative servers no longer have it");
      }
    }
    report(b.build());
  }

  private void valueMismatch(Hop h, List<Seen> missing, List<Seen> withRecords,
      Optional<DomainName> aliasFrom) {
    DomainName zone = h.zone().zone();
    List<Record> records = expectation.at(withRecords.get(0).answer().answer(), h.name());
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

  private String mismatchRemedy(Classification c, DomainName name, Optional<DomainName> zone) {
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
      case SPLIT_WRONGLY -> "Replace the records at " + name + " with one TXT record whose value"
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

  private void wildcardMasks(Hop h, List<Seen> withRecords, ServerAnswer probe,
      Optional<DomainName> aliasFrom) {
    DomainName zone = h.zone().zone();
    String wildcardName = h.name().parent().map(p -> "*." + p.ascii()).orElse("*");
    List<Record> records = expectation.at(withRecords.get(0).answer().answer(), h.name());
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
    for (Record r : probe.answer()) {
      Optional<DomainName> n = Names.toDomain(r.getName());
      if (n.isPresent()) {
        return n.get();
      }
    }
    return recordName;
  }

  /**
   * Asks a random name next to the record: when it gets the same records, they come from a
   * wildcard (RFC 4592), not from a record at the validation name.
   */
  private CompletableFuture<Optional<ServerAnswer>> probeWildcard(Hop h, Seen sample) {
    Optional<DomainName> parent = h.name().parent();
    if (parent.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String random = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    Optional<DomainName> probe = DomainName.tryParse("_dvi-" + random + "." + parent.get().ascii());
    if (probe.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Set<String> values =
        new HashSet<>(expectation.values(expectation.at(sample.answer().answer(), h.name())));
    return view.askAny(h.zone(), probe.get(), expectation.type(), context).thenApply(a -> {
      if (a.isPresent() && a.get().outcome() == Outcome.ANSWER) {
        Set<String> probed =
            new HashSet<>(expectation.values(expectation.at(a.get().answer(), probe.get())));
        if (!probed.isEmpty() && probed.equals(values)) {
          return a;
        }
      }
      return Optional.empty();
    });
  }

  // ------------------------------------------------------------------ wrong name

  record NearHit(Candidate candidate, ServerAnswer answer) {}

  private CompletableFuture<Optional<NearHit>> probeNearNames(ZoneCut zone) {
    List<Candidate> candidates = NearNames.of(domain, label, zone.zone());
    List<CompletableFuture<Optional<NearHit>>> probes = new ArrayList<>();
    for (Candidate c : candidates) {
      CompletableFuture<Optional<ServerAnswer>> answer;
      if (c.name().isSubdomainOf(zone.zone())) {
        answer = view.askAny(zone, c.name(), expectation.type(), context);
      } else {
        answer = view.findZone(c.name(), context).toCompletableFuture().thenCompose(z ->
            hasAddresses(z) && !z.networkUnavailable() && !notDelegated(z, c.name())
                ? view.askAny(z, c.name(), expectation.type(), context)
                : CompletableFuture.completedFuture(Optional.empty()));
      }
      probes.add(answer.thenApply(a -> a.filter(x -> x.outcome() == Outcome.ANSWER
              && expectation.anyExpected(expectation.at(x.answer(), c.name())))
          .map(x -> new NearHit(c, x))));
    }
    return CompletableFuture.allOf(probes.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
      for (CompletableFuture<Optional<NearHit>> p : probes) {
        Optional<NearHit> hit = p.join();
        if (hit.isPresent()) {
          return hit;
        }
      }
      return Optional.empty();
    });
  }

  private void wrongName(Hop h, NearHit hit, List<Seen> missing) {
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

  // ------------------------------------------------------------------ recursive view

  private void recursiveView(List<ServerAnswer> recursive, Hop last) {
    for (ServerAnswer r : recursive) {
      if (!r.isConclusive()) {
        continue;
      }
      List<Record> records = expectation.anywhere(r.answer());
      if (expectation.anyExpected(records)) {
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
        for (Record rec : records) {
          ttl = Math.min(ttl, rec.getTTL());
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

  // ------------------------------------------------------------------ fallback

  /**
   * The authoritative servers cannot be asked from here at all (not even the root servers
   * answered): use the recursive view and say so, instead of calling every server down.
   */
  private Status fallback(ZoneCut zone, List<ServerAnswer> recursive) {
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
        .anyMatch(r -> expectation.anyExpected(expectation.anywhere(r.answer())));
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
      List<Record> records = expectation.anywhere(withRecords.get(0).answer());
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

  @Override
  public String toString() {
    return "RecordValidation[" + what(recordName) + " = " + expectation.expectedText() + " ("
        + method.label().toLowerCase(Locale.ROOT) + ")]";
  }
}
