package org.dvinspector.dns.internal.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.dvinspector.DomainName;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.dns.internal.DnsView;
import org.dvinspector.dns.internal.Names;
import org.dvinspector.dns.internal.resolve.Asked;
import org.dvinspector.dns.internal.resolve.Resolution;
import org.dvinspector.dns.internal.validation.Hops.Hop;
import org.dvinspector.dns.internal.validation.NearNames.Candidate;

/**
 * The extra questions a failing check asks to explain itself: the zone's serials (why some
 * servers lack the record), a random name next to the record (a wildcard that masks it), and
 * the names the record is often put at by mistake. Every one is auxiliary: the verdict never
 * waits for it.
 */
final class Probes {
  /** A near name that holds the expected record. */
  record NearHit(Candidate candidate, ServerAnswer answer) {}

  private final Resolution r;
  private final Expectation expectation;

  Probes(Resolution r, Expectation expectation) {
    this.r = r;
    this.expectation = expectation;
  }

  /** Each server address's zone serial ({@link DnsFindings#key}), when it serves a SOA. */
  CompletableFuture<Map<String, Long>> serials(ZoneCut zone) {
    return r.askEvery(DnsView.targets(zone), Names.toName(zone.zone()), RecordType.SOA.code(),
        true).thenApply(soas -> {
          Map<String, Long> serials = new LinkedHashMap<>();
          for (Asked asked : soas) {
            ServerAnswer a = asked.answer();
            if (!a.authoritative()) {
              continue;
            }
            for (DnsRecord rec : a.answer()) {
              if (rec.is(RecordType.SOA) && rec.soaSerial().isPresent()) {
                serials.put(DnsFindings.key(a), rec.soaSerial().getAsLong());
              }
            }
          }
          return serials;
        });
  }

  /**
   * Asks a random name next to the record: when it gets the same records, they come from a
   * wildcard (RFC 4592), not from a record at the validation name.
   */
  CompletableFuture<Optional<ServerAnswer>> wildcard(Hop h, ServerAnswer sample) {
    Optional<DomainName> parent = h.name().parent();
    if (parent.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String random = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    Optional<DomainName> probe = DomainName.tryParse("_dvi-" + random + "." + parent.get().ascii());
    if (probe.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Set<String> values = new HashSet<>(expectation.values(expectation.at(sample.answer(),
        h.name())));
    return r.askAny(DnsView.targets(h.zone()), Names.toName(probe.get()),
        expectation.type().code()).thenApply(found -> {
          if (found.isPresent() && found.get().answer().outcome() == Outcome.ANSWER) {
            ServerAnswer a = found.get().answer();
            Set<String> probed = new HashSet<>(expectation.values(expectation.at(a.answer(),
                probe.get())));
            if (!probed.isEmpty() && probed.equals(values)) {
              return Optional.of(a);
            }
          }
          return Optional.empty();
        });
  }

  /** The first near name (most likely first) that holds the expected record. */
  CompletableFuture<Optional<NearHit>> nearNames(DomainName domain, Optional<String> label,
      ZoneCut zone) {
    List<Candidate> candidates = NearNames.of(domain, label, zone.zone());
    List<CompletableFuture<Optional<NearHit>>> probes = new ArrayList<>();
    for (Candidate c : candidates) {
      CompletableFuture<Optional<ServerAnswer>> answer;
      if (c.name().isSubdomainOf(zone.zone())) {
        answer = r.askAny(DnsView.targets(zone), Names.toName(c.name()),
            expectation.type().code()).thenApply(a -> a.map(Asked::answer));
      } else {
        answer = r.probe(Names.toName(c.name()), expectation.type().code())
            .thenApply(w -> w.found() && !w.answers().isEmpty()
                ? Optional.of(w.answers().get(0).answer()) : Optional.empty());
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
}
