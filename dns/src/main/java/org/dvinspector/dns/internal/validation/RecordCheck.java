package org.dvinspector.dns.internal.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.dvinspector.Check;
import org.dvinspector.CheckResult.Status;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.Method;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.Lookup;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.dns.internal.DnsView;
import org.dvinspector.dns.internal.Names;
import org.dvinspector.dns.internal.resolve.Asked;
import org.dvinspector.dns.internal.resolve.Resolution;
import org.dvinspector.dns.internal.validation.Hops.Chain;
import org.dvinspector.dns.internal.validation.Hops.End;
import org.dvinspector.dns.internal.validation.Hops.Hop;
import org.dvinspector.dns.internal.validation.Hops.Seen;
import org.dvinspector.dns.internal.validation.Hops.State;
import org.dvinspector.spi.InspectionContext;

/**
 * One DNS validation check ({@code dns-txt}, {@code acme-dns-01} or {@code dns-cname}) run the
 * way a CA runs it, through the inspection's one resolution: the record looked up from the root
 * and asked of every address of every authoritative server, CNAMEs followed (TXT methods), and the
 * recursive view asked alongside for comparison.
 *
 * <p>One rule for every server, as a CA's resolver applies it: the check passes when every server
 * that answered has the record; a server that fails while others answer is a warning naming it
 * (the resolver retries another); servers that answer differently are an error (the CA may reach
 * any of them); a lookup that fails on every server is an error. Addresses the inspector could not
 * ask for reasons of its own are never blamed on the domain: the check is undecided when a
 * nameserver could not be checked at any of its addresses.
 */
public final class RecordCheck {
  /** Most CNAME hops followed; resolvers cap alias chains, and long ones fail at CAs. */
  public static final int MAX_CNAME_HOPS = 8;

  /**
   * How long the recursive resolver's answer is awaited once the authoritative answers are in:
   * its view explains a resolver's cache, and the verdict never waits longer for it.
   */
  static final Duration RECURSIVE_GRACE = Duration.ofMillis(250);

  private final DnsView view;
  private final Resolution r;
  private final InspectionContext context;
  private final DomainName domain;
  private final DomainName recordName;
  private final Optional<String> label;
  private final Expectation expectation;
  private final DnsFindings findings;
  private final Probes probes;
  /** The question asked again as if from the CA's regions (EDNS Client Subnet); maybe none. */
  private final RegionalAnswers regional;

  RecordCheck(DnsView view, InspectionContext context, Check check, DomainName recordName,
      Optional<String> label, Expectation expectation, Consumer<Finding> sink) {
    this.view = view;
    this.r = view.resolution(context);
    this.context = context;
    this.domain = context.domain().withoutWildcard();
    this.recordName = recordName;
    this.label = label;
    this.expectation = expectation;
    Method method = check.method().orElse(Method.DNS_TXT);
    this.findings = new DnsFindings(context, method, domain, recordName, expectation, sink);
    this.probes = new Probes(r, expectation);
    this.regional = RegionalAnswers.of(r, context.request().clientSubnetNetworks(), expectation,
        findings);
  }

  /**
   * A TXT check ({@code dns-txt} or {@code acme-dns-01}), the value matched by the profile's
   * {@linkplain org.dvinspector.DnsRules DNS rules}.
   */
  public static RecordCheck txt(DnsView view, InspectionContext context, Check check,
      DomainName recordName, String expectedValue, Optional<String> label) {
    return txt(view, context, check, recordName, expectedValue, label, context::report);
  }

  /** {@link #txt(DnsView, InspectionContext, Check, DomainName, String, Optional)} into {@code sink}. */
  static RecordCheck txt(DnsView view, InspectionContext context, Check check,
      DomainName recordName, String expectedValue, Optional<String> label,
      Consumer<Finding> sink) {
    return new RecordCheck(view, context, check, recordName, label,
        new Expectation.Txt(expectedValue, context.profile().dnsRules()), sink);
  }

  /** A CNAME check ({@code dns-cname}). */
  public static RecordCheck cname(DnsView view, InspectionContext context, Check check,
      DomainName recordName, DomainName expectedTarget, Optional<String> label) {
    return new RecordCheck(view, context, check, recordName, label,
        new Expectation.Cname(expectedTarget), context::report);
  }

  // ------------------------------------------------------------------ flow

  /** Runs the check; never completes exceptionally for network or data problems. */
  public CompletableFuture<Status> run() {
    CompletableFuture<List<ServerAnswer>> recursive =
        r.askRecursive(Names.toName(recordName), expectation.type().code())
            .thenApply(RecordCheck::answers);
    return lookup(recordName).thenCompose(first -> {
      ZoneCut zone = first.zone();
      if (zone.networkUnavailable()) {
        return recursive.thenApply(rec -> findings.fallback(zone, rec));
      }
      if (zone.failure() == ZoneCut.Failure.INSPECTOR) {
        findings.searchStopped(recordName, zone);
        return CompletableFuture.completedFuture(Status.UNDECIDED);
      }
      if (!zone.found()) {
        findings.zoneNotFound(recordName, zone, Optional.empty());
        return CompletableFuture.completedFuture(findings.status(false));
      }
      return follow(recordName, first, new ArrayList<>())
          .thenCompose(chain -> withinGrace(recursive).thenCompose(rec -> analyze(chain, rec)));
    });
  }

  private CompletableFuture<Lookup> lookup(DomainName name) {
    return r.lookup(Names.toName(name), expectation.type().code()).thenApply(DnsView::toLookup);
  }

  private static List<ServerAnswer> answers(List<Asked> asked) {
    List<ServerAnswer> out = new ArrayList<>();
    asked.forEach(a -> out.add(a.answer()));
    return out;
  }

  /**
   * The recursive answer if it comes within {@link #RECURSIVE_GRACE} of now; empty otherwise (a
   * slow resolver does not hold the verdict).
   */
  private CompletableFuture<Optional<List<ServerAnswer>>> withinGrace(
      CompletableFuture<List<ServerAnswer>> recursive) {
    if (recursive.isDone()) {
      return recursive.thenApply(Optional::of);
    }
    CompletableFuture<Optional<List<ServerAnswer>>> out = new CompletableFuture<>();
    CompletableFuture<?> unused = recursive.thenAccept(l -> out.complete(Optional.of(l)));
    Grace.giveUpAfter(context, out, RECURSIVE_GRACE, () -> out.complete(Optional.empty()));
    return out;
  }

  private CompletableFuture<Chain> follow(DomainName name, Lookup lookup, List<Hop> hops) {
    List<ServerAnswer> answers = lookup.answers();
    Optional<DomainName> alias =
        expectation.followsAliases() ? aliasOf(name, answers) : Optional.empty();
    hops.add(new Hop(name, lookup.zone(), answers, alias));
    // Asked from the CA's regions now, alongside the rest of the check; judged in analyze().
    regional.ask(name, lookup);
    // A CA that searches the aliases of its answer stops at one whose target holds the value.
    if (alias.isEmpty() || answers.stream().anyMatch(a -> a.isConclusive() && a.authoritative()
        && expectation.aliasSatisfies(a.answer(), name))) {
      return CompletableFuture.completedFuture(new Chain(hops, End.COMPLETE));
    }
    DomainName target = alias.get();
    if (hops.stream().anyMatch(h -> h.name().equals(target))) {
      return CompletableFuture.completedFuture(new Chain(hops, End.LOOP));
    }
    if (hops.size() >= MAX_CNAME_HOPS) {
      return CompletableFuture.completedFuture(new Chain(hops, End.TOO_LONG));
    }
    return lookup(target).thenCompose(next -> {
      if (!next.zone().found()) {
        hops.add(new Hop(target, next.zone(), List.of(), Optional.empty()));
        return CompletableFuture.completedFuture(new Chain(hops, End.COMPLETE));
      }
      return follow(target, next, hops);
    });
  }

  /**
   * The alias target of {@code name} in an authoritative answer: a CNAME, or a DNAME above it
   * (see {@link Aliases}). A server that follows the alias inside its zone to a name that does not
   * exist answers NXDOMAIN with the CNAME (RFC 2308 §2.1), so negative answers count too.
   */
  private static Optional<DomainName> aliasOf(DomainName name, List<ServerAnswer> answers) {
    for (ServerAnswer a : answers) {
      if (!a.isConclusive() || !a.authoritative()) {
        continue;
      }
      Optional<DomainName> t = Aliases.target(name, a.answer());
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
  }

  private CompletableFuture<Status> analyze(Chain chain, Optional<List<ServerAnswer>> recursive) {
    List<Hop> hops = chain.hops();
    List<ServerAnswer> rec = recursive.orElse(List.of());
    if (recursive.isEmpty() && !view.resolver().recursiveResolvers().isEmpty()) {
      findings.recursiveNotCompared(RECURSIVE_GRACE);
    }
    if (chain.end() != End.COMPLETE) {
      findings.cnameLoop(chain);
      for (Hop h : hops) {
        findings.serverProblems(h, classify(h, Optional.empty(), false), true);
      }
      return CompletableFuture.completedFuture(findings.status(false));
    }
    if (hops.size() > 1) {
      findings.cnameFollowed(hops);
    }
    boolean passed = true;
    boolean undecided = false;
    List<CompletableFuture<Void>> more = new ArrayList<>();
    List<CompletableFuture<Boolean>> withheld = new ArrayList<>();
    List<Seen> deadline = new ArrayList<>();
    for (int i = 0; i < hops.size(); i++) {
      Hop h = hops.get(i);
      boolean last = i == hops.size() - 1;
      Optional<DomainName> aliasFrom = i > 0 ? Optional.of(hops.get(i - 1).name())
          : Optional.empty();
      if (!h.zone().found()) {
        if (h.zone().failure() == ZoneCut.Failure.INSPECTOR) {
          findings.searchStopped(h.name(), h.zone());
          undecided = true;
        } else {
          findings.zoneNotFound(h.name(), h.zone(), aliasFrom);
        }
        passed = false;
        continue;
      }
      Optional<DomainName> next = last ? Optional.empty() : Optional.of(hops.get(i + 1).name());
      List<Seen> seen = classify(h, next, last);
      withheld.add(regional.judge(h, seen, next));
      long answered = seen.stream()
          .filter(s -> s.state() == State.OK || s.state() == State.MISSING).count();
      long ok = seen.stream().filter(s -> s.state() == State.OK).count();
      boolean domainFailed = seen.stream().anyMatch(s -> s.state() == State.TIMEOUT
          || s.state() == State.FAILED || s.state() == State.LAME
          || s.state() == State.NOT_PERMITTED || s.state() == State.BOGUS);
      if (answered == 0 && seen.stream().anyMatch(s -> s.state() == State.BOGUS)) {
        // The resolution reported the DNSSEC error (which link broke): the check fails with it.
        findings.failedWithReportedError();
      }
      boolean ownTrouble = seen.stream()
          .anyMatch(s -> s.state() == State.UNCHECKED || s.state() == State.DEADLINE);
      seen.stream().filter(s -> s.state() == State.DEADLINE).forEach(deadline::add);
      // The domain's servers are blamed with an ERROR only when none answered and none was kept
      // from answering by the inspector itself.
      findings.serverProblems(h, seen, answered > 0 || ownTrouble);
      if (answered == 0) {
        passed = false;
        undecided |= ownTrouble && !findings.errorReported();
        if (!domainFailed && !ownTrouble) {
          findings.zoneNotFound(h.name(), h.zone(), aliasFrom);
        }
      } else if (ok > 0 && ok < answered) {
        passed = false;
        more.add(probes.serials(h.zone())
            .thenAccept(serials -> findings.notOnAll(h, seen, next, serials)));
      } else if (ok == 0) {
        passed = false;
        more.add(valueProblem(h, seen, hops.size() == 1, rec, aliasFrom));
      } else if (!covered(h, seen)) {
        // Every answer has the record, but some nameserver could not be checked at any address.
        undecided = true;
      }
    }
    if (!deadline.isEmpty()) {
      findings.deadlineFinding(deadline);
    }
    if (passed && !undecided) {
      findings.recursiveView(rec, hops.get(hops.size() - 1));
    }
    boolean result = passed && !undecided;
    more.add(CompletableFuture.allOf(withheld.toArray(new CompletableFuture<?>[0])));
    return CompletableFuture.allOf(more.toArray(new CompletableFuture<?>[0]))
        // A region the CA validates from that is denied the value fails the check.
        .thenApply(v -> findings.status(result
            && withheld.stream().noneMatch(CompletableFuture::join)));
  }

  /**
   * Whether every nameserver name of the hop's zone was heard at one of its addresses at least:
   * an address the inspector could not ask for its own reasons is then covered by its sibling.
   */
  private static boolean covered(Hop h, List<Seen> seen) {
    Set<String> heard = new HashSet<>();
    Set<String> all = new HashSet<>();
    for (Seen s : seen) {
      String server = s.answer().serverName().toLowerCase(Locale.ROOT);
      all.add(server);
      if (s.state() != State.UNCHECKED && s.state() != State.DEADLINE) {
        heard.add(server);
      }
    }
    return heard.containsAll(all);
  }

  private List<Seen> classify(Hop h, Optional<DomainName> next, boolean last) {
    List<Seen> out = new ArrayList<>();
    for (ServerAnswer a : h.answers()) {
      out.add(new Seen(a, stateOf(a, h, next, last)));
    }
    return out;
  }

  private State stateOf(ServerAnswer a, Hop h, Optional<DomainName> next, boolean last) {
    if (a.isBogus()) {
      return State.BOGUS;
    }
    return switch (a.outcome()) {
      case ANSWER -> answered(a, h, next, last);
      case NXDOMAIN, NODATA -> next.isPresent() ? answered(a, h, next, last) : State.MISSING;
      case REFERRAL, NOT_AUTHORITATIVE -> State.LAME;
      case TIMEOUT -> State.TIMEOUT;
      case NOT_PERMITTED -> State.NOT_PERMITTED;
      case INSPECTOR_FAILURE -> a.deadlineReached() ? State.DEADLINE : State.UNCHECKED;
      default -> State.FAILED;
    };
  }

  private State answered(ServerAnswer a, Hop h, Optional<DomainName> next, boolean last) {
    if (next.isPresent()) {
      return Aliases.target(h.name(), a.answer()).equals(next) ? State.OK : State.MISSING;
    }
    return last && expectation.satisfiedBy(a.answer(), h.name()) ? State.OK : State.MISSING;
  }

  // ------------------------------------------------------------------ missing or wrong value

  private CompletableFuture<Void> valueProblem(Hop h, List<Seen> seen, boolean probeNear,
      List<ServerAnswer> recursive, Optional<DomainName> aliasFrom) {
    List<Seen> missing = Hops.filter(seen, State.MISSING);
    List<Seen> withRecords = new ArrayList<>();
    for (Seen s : missing) {
      if (!expectation.at(s.answer().answer(), h.name()).isEmpty()) {
        withRecords.add(s);
      }
    }
    CompletableFuture<Optional<Probes.NearHit>> near = probeNear
        ? probes.nearNames(domain, label, h.zone())
        : CompletableFuture.completedFuture(Optional.empty());
    if (withRecords.isEmpty()) {
      return near.thenAccept(hit -> {
        if (hit.isPresent()) {
          findings.wrongName(h, hit.get(), missing);
        } else {
          findings.recordMissing(h, missing, recursive, aliasFrom);
        }
      });
    }
    CompletableFuture<Optional<ServerAnswer>> wildcard =
        probes.wildcard(h, withRecords.get(0).answer());
    return near.thenCombine(wildcard, (hit, wild) -> {
      if (wild.isPresent()) {
        findings.wildcardMasks(h, withRecords, wild.get(), aliasFrom);
      } else {
        findings.valueMismatch(h, missing, withRecords, aliasFrom);
      }
      hit.ifPresent(x -> findings.wrongName(h, x, missing));
      return null;
    });
  }

  @Override
  public String toString() {
    return "RecordCheck[" + expectation.typeName() + " " + recordName + " = "
        + expectation.expectedText() + "]";
  }
}
