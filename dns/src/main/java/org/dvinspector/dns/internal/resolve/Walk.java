package org.dvinspector.dns.internal.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.ZoneCut;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One name resolved from the closest known zone cut down, the way a non-minimising resolver does
 * it: the question itself is asked at every step, and a referral in the answer is the next cut.
 * Above the name's registrable domain (the root, top-level and other public-suffix zones) one
 * server is asked (hedged); from the registrable domain down, when every server's answer is
 * wanted, the question goes to every address of every nameserver at once, so the step that finds
 * the zone is also the step that asks it.
 */
final class Walk {
  private final Resolution r;
  private final Name qname;
  private final int qtype;
  private final boolean every;
  private final Set<Name> ancestry;
  private final boolean auxiliary;
  private final long trigger;

  /**
   * A walk for {@code qname}/{@code qtype}.
   *
   * @param every whether the final zone's every address is asked (else one answer suffices)
   * @param ancestry the nameserver host names whose lookups led to this walk
   */
  Walk(Resolution r, Name qname, int qtype, boolean every, Set<Name> ancestry) {
    this(r, qname, qtype, every, ancestry, false, 0);
  }

  /**
   * A walk whose questions are {@linkplain org.dvinspector.Observation#auxiliary() auxiliary} or
   * not, started because of the observation {@code trigger} (0 for none): its first questions
   * waited for that one.
   */
  Walk(Resolution r, Name qname, int qtype, boolean every, Set<Name> ancestry,
      boolean auxiliary, long trigger) {
    this.auxiliary = auxiliary;
    this.trigger = trigger;
    this.r = r;
    this.qname = qname;
    this.qtype = qtype;
    this.every = every;
    this.ancestry = ancestry;
  }

  CompletableFuture<Walked> run() {
    return step(r.closest(qname, ancestry), 0);
  }

  private CompletableFuture<Walked> step(Delegation d, int referrals) {
    if (referrals > Resolution.MAX_REFERRALS) {
      return failed(d, ZoneCut.Failure.SERVERS_FAILED, "more than " + Resolution.MAX_REFERRALS
          + " referrals while looking for the zone of " + Records.show(qname), List.of());
    }
    if (r.context.isClosed() || System.nanoTime() - r.deadlineNanos >= 0) {
      return failed(d, ZoneCut.Failure.INSPECTOR, "the inspection deadline was reached while"
          + " looking for the zone of " + Records.show(qname), List.of());
    }
    // The zone's keys are learned the moment the walk reaches it, beside the question.
    r.prefetchKeys(d);
    if (every && (d.zone().equals(qname) || !r.isPublicSuffixOrRoot(d.zone()))) {
      return atZone(d, referrals);
    }
    Name child = childOf(d.zone());
    long waited = referrals == 0 ? trigger : 0;
    return r.sharedStep(d, child, () -> Hedge.ask(r, d, qname, qtype,
            a -> isReferral(a, d.zone()) || isAuthoritativeConclusive(a), auxiliary, waited))
        .thenCompose(h -> afterHedge(d, h, referrals));
  }

  /** The name one label below {@code zone} on the way to {@code qname}. */
  private Name childOf(Name zone) {
    return new Name(qname, qname.labels() - zone.labels() - 1);
  }

  private CompletableFuture<Walked> afterHedge(Delegation d, Hedge.Result h, int referrals) {
    Asked w = h.winner();
    if (w == null) {
      return failed(d, classify(d, h.tried()), noAnswer(d, h.tried()), h.tried());
    }
    Optional<Name> down = referralTarget(w, d.zone());
    if (down.isPresent()) {
      return step(r.delegation(w, down.get(), d, ancestry), referrals + 1);
    }
    if (!isAuthoritativeConclusive(w) || !asked(w)) {
      // A step shared with a walk for another name: this name's own question is still to ask.
      return Hedge.ask(r, d, qname, qtype,
              a -> isReferral(a, d.zone()) || isAuthoritativeConclusive(a), auxiliary,
              referrals == 0 ? trigger : 0)
          .thenCompose(mine -> mine.winner() != null && !asked(mine.winner())
              ? failed(d, ZoneCut.Failure.SERVERS_FAILED, "no usable answer", mine.tried())
              : afterHedge(d, mine, referrals));
    }
    // The servers of d answer for the name themselves.
    Name holder = refine(d.zone(), List.of(w));
    boolean negative = w.answer().outcome() != Outcome.ANSWER;
    if (negative && r.isPublicSuffixOrRoot(holder) && !holder.equals(qname)) {
      // NXDOMAIN (or NODATA with the parent's own SOA) from a public-suffix zone: nothing is
      // delegated for the name's domain.
      return failed(d, ZoneCut.Failure.NOT_DELEGATED, Records.show(holder.equals(Name.root)
              ? new Name(qname, qname.labels() - 2) : holder) + " answers "
              + w.answer().outcome() + " for " + Records.show(qname) + " itself: no zone is"
              + " delegated for it", List.of(w));
    }
    if (!every) {
      Delegation z = zoneOf(d, holder);
      return r.validate(z, List.of(w), qname, qtype).thenApply(checked -> new Walked(qname,
          qtype, z, checked, ZoneCut.Failure.NONE, Optional.empty(), null, List.of()));
    }
    if (!negative && r.isPublicSuffixOrRoot(holder) && !holder.equals(qname)) {
      // A positive answer from the root or a top-level zone: find the zone that really holds the
      // name (the server may serve a child zone too) before asking every server.
      return Hedge.ask(r, d, qname, Type.SOA, Walk::isAuthoritativeConclusive, auxiliary, 0)
          .thenCompose(soa -> {
            Name real = soa.winner() == null ? holder : soaZone(soa.winner(), holder);
            return atZone(zoneOf(d, real), referrals);
          });
    }
    return atZone(zoneOf(d, holder), referrals);
  }

  /** Whether {@code w} answers this walk's own question (a shared step may answer another's). */
  private boolean asked(Asked w) {
    Message m = w.message();
    Record q = m == null ? null : m.getQuestion();
    return q == null || (q.getName().equals(qname) && q.getType() == qtype);
  }

  private static Delegation zoneOf(Delegation d, Name holder) {
    return holder.equals(d.zone()) ? d : d.hidden(holder);
  }

  /**
   * Asks every address of every nameserver of {@code d}, and at the same time the zone's own NS
   * set (the zone is {@code d}'s unless the answers show a deeper one), then the servers only the
   * zone lists.
   */
  private CompletableFuture<Walked> atZone(Delegation d, int referrals) {
    // Learned beside the question, not after it: both cost one round trip at the same servers.
    CompletableFuture<ZoneServers.Info> early = r.zoneServers(d);
    return askAll(d, referrals == 0 ? trigger : 0).thenCompose(answers -> {
      for (Asked a : answers) {
        Optional<Name> down = referralTarget(a, d.zone());
        if (down.isPresent()) {
          // A cut below that these servers do not serve: it is the next zone.
          return step(r.delegation(a, down.get(), d, ancestry), referrals + 1);
        }
      }
      Name holder = refine(d.zone(), answers);
      Delegation z = zoneOf(d, holder);
      boolean anyConclusive = answers.stream().anyMatch(Walk::isAuthoritativeConclusive);
      boolean allNegative = anyConclusive && answers.stream()
          .filter(Walk::isAuthoritativeConclusive)
          .allMatch(a -> a.answer().outcome() != Outcome.ANSWER);
      if (allNegative && r.isPublicSuffixOrRoot(holder) && !holder.equals(qname)) {
        return failed(d, ZoneCut.Failure.NOT_DELEGATED, Records.show(holder) + " answers for "
            + Records.show(qname) + " itself: no zone is delegated for it", answers);
      }
      if (answers.isEmpty()) {
        return failed(d, ZoneCut.Failure.SERVERS_FAILED, noAddress(d), answers);
      }
      CompletableFuture<ZoneServers.Info> learned = z == d ? early : r.zoneServers(z);
      return learned.thenCompose(info -> {
        List<Target> extra = new ArrayList<>();
        for (Target t : info.extraTargets()) {
          if (answers.stream().noneMatch(a -> a.answer().address().equals(t.address()))) {
            extra.add(t);
          }
        }
        CompletableFuture<List<Asked>> more = extra.isEmpty()
            ? CompletableFuture.completedFuture(List.of())
            : r.askEvery(extra, qname, qtype, auxiliary);
        return more.thenCompose(m -> {
          List<Asked> all = new ArrayList<>(answers);
          all.addAll(m);
          return r.validate(z, all, qname, qtype);
        }).thenApply(all -> new Walked(qname, qtype, z, all, ZoneCut.Failure.NONE,
            Optional.empty(), info, List.of()));
      });
    });
  }

  /** Every address of every server of {@code d}, each asked the moment it is known. */
  private CompletableFuture<List<Asked>> askAll(Delegation d, long waited) {
    List<CompletableFuture<List<Asked>>> perServer = new ArrayList<>();
    for (Server s : d.servers()) {
      perServer.add(s.addresses.thenCompose(h -> {
        List<Target> targets = new ArrayList<>();
        List<Long> causes = new ArrayList<>();
        if (d.cause() != 0) {
          causes.add(d.cause());
        }
        if (waited != 0) {
          causes.add(waited);
        }
        causes.addAll(h.causes());
        h.addresses().forEach(a -> targets.add(new Target(s.label, a, causes)));
        return r.askEvery(targets, qname, qtype, auxiliary);
      }));
    }
    return Resolution.allOf(perServer).thenApply(lists -> {
      List<Asked> out = new ArrayList<>();
      lists.forEach(out::addAll);
      return out;
    });
  }

  // ------------------------------------------------------------------ reading answers

  static boolean isAuthoritativeConclusive(Asked a) {
    return a.answer().authoritative() && a.answer().isConclusive();
  }

  private boolean isReferral(Asked a, Name current) {
    return referralTarget(a, current).isPresent();
  }

  /** The zone a referral points to, when it is a real step down towards the name. */
  private Optional<Name> referralTarget(Asked a, Name current) {
    if (a.answer().outcome() != Outcome.REFERRAL || a.message() == null) {
      return Optional.empty();
    }
    Name askedName = qname;
    Record q = a.message().getQuestion();
    if (q != null) {
      askedName = q.getName();
    }
    for (Record rec : a.message().getSection(Section.AUTHORITY)) {
      if (rec instanceof NSRecord) {
        Name owner = rec.getName();
        // Only downward referrals count: an upward or sideways one is a lame server. A shared
        // step's referral must lead towards this walk's name too.
        if (askedName.subdomain(owner) && qname.subdomain(owner) && owner.subdomain(current)
            && !owner.equals(current)) {
          return Optional.of(owner.canonicalize());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The zone the answers came from: the owner of the SOA record in a negative answer (RFC 2308
   * §3), or of NS records in the authority section of a positive one, when it lies between the
   * delegation followed and the name; otherwise the delegation's zone. A server that serves both
   * a parent and its child answers from the child.
   */
  private Name refine(Name delegated, List<Asked> answers) {
    Name best = delegated;
    for (Asked a : answers) {
      if (!isAuthoritativeConclusive(a) || a.message() == null) {
        continue;
      }
      for (Record rec : a.message().getSection(Section.AUTHORITY)) {
        Name owner = rec.getName();
        if ((rec instanceof SOARecord || rec instanceof NSRecord) && qname.subdomain(owner)
            && owner.subdomain(delegated) && owner.labels() > best.labels()) {
          best = owner.canonicalize();
        }
      }
      for (Record rec : a.message().getSection(Section.ANSWER)) {
        if (rec instanceof SOARecord && rec.getName().equals(qname)) {
          best = qname;
        }
      }
    }
    return best;
  }

  private Name soaZone(Asked soa, Name fallback) {
    Message m = soa.message();
    if (m == null) {
      return fallback;
    }
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      for (Record rec : m.getSection(section)) {
        if (rec instanceof SOARecord && qname.subdomain(rec.getName())) {
          return rec.getName().canonicalize();
        }
      }
    }
    return fallback;
  }

  // ------------------------------------------------------------------ failures

  private CompletableFuture<Walked> failed(Delegation d, ZoneCut.Failure failure, String why,
      List<Asked> evidence) {
    return CompletableFuture.completedFuture(new Walked(qname, qtype, d, List.of(), failure,
        Optional.of(why), null, evidence));
  }

  private ZoneCut.Failure classify(Delegation d, List<Asked> tried) {
    if (tried.isEmpty()) {
      return ZoneCut.Failure.SERVERS_FAILED;
    }
    if (tried.stream().allMatch(a -> a.answer().isInspectorsOwn())) {
      return ZoneCut.Failure.INSPECTOR;
    }
    // Only timeouts and unreachable root servers: the network path, not the servers, fails.
    boolean network = tried.stream().allMatch(a -> {
      Outcome o = a.answer().outcome();
      return o == Outcome.TIMEOUT || o == Outcome.UNREACHABLE || o == Outcome.INSPECTOR_FAILURE;
    });
    return d.zone().equals(Name.root) && network ? ZoneCut.Failure.NETWORK_UNAVAILABLE
        : ZoneCut.Failure.SERVERS_FAILED;
  }

  private String noAnswer(Delegation d, List<Asked> tried) {
    if (tried.isEmpty()) {
      return noAddress(d);
    }
    String why = summarize(tried);
    if (d.zone().equals(Name.root)) {
      return "none of the root servers answered (" + why + ")";
    }
    return "no nameserver of " + Records.show(d.zone()) + " gave a usable answer for "
        + Records.show(qname) + " (" + why + ")";
  }

  private String noAddress(Delegation d) {
    List<String> parts = new ArrayList<>();
    for (Server s : d.servers()) {
      HostResult h = s.addresses.getNow(null);
      if (h != null && h.addresses().isEmpty()) {
        parts.add(s.label + ": " + h.problem().orElse("no address"));
      }
    }
    return "no nameserver of " + Records.show(d.zone()) + " has an address it may ask"
        + (parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")");
  }

  static String summarize(List<Asked> tried) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Asked a : tried) {
      counts.merge(a.answer().outcome().name(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(v + " " + k));
    return String.join(", ", parts);
  }
}
