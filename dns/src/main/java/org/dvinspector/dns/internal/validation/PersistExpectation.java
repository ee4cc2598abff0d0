package org.dvinspector.dns.internal.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.dvinspector.DnsPersistRecord;
import org.dvinspector.DnsPersistRecord.Judgement;
import org.dvinspector.DomainName;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.internal.validation.ValueClassifier.Classification;

/**
 * dns-persist-01 (draft-ietf-acme-dns-persist-01, BR 3.2.2.4.22): a TXT record at {@code
 * _validation-persist.<name>} is the expected one when it {@linkplain DnsPersistRecord#judge
 * authorizes} this CA's issuer domain names, this account, this name (wildcard or not) at the
 * inspection time. Aliases are followed, as a CA's resolver follows them for any TXT lookup.
 */
final class PersistExpectation extends Expectation.TxtRecord {
  private final List<String> issuers;
  private final String accountUri;
  private final boolean wildcard;
  private final Instant now;
  /** Every authorizing record met, to warn when all of them expire soon. */
  private final ConcurrentLinkedQueue<DnsPersistRecord> authorizing = new ConcurrentLinkedQueue<>();

  PersistExpectation(List<String> issuers, String accountUri, boolean wildcard, Instant now,
      String suggested) {
    super(suggested);
    this.issuers = List.copyOf(issuers);
    this.accountUri = accountUri;
    this.wildcard = wildcard;
    this.now = now;
  }

  List<String> issuers() {
    return issuers;
  }

  String accountUri() {
    return accountUri;
  }

  boolean wildcard() {
    return wildcard;
  }

  Instant now() {
    return now;
  }

  /** The authorizing records met so far. */
  List<DnsPersistRecord> authorizing() {
    return new ArrayList<>(authorizing);
  }

  /** One record as the CA reads it. */
  static DnsPersistRecord read(DnsRecord r) {
    return DnsPersistRecord.parse(r.joinedStrings());
  }

  /** How the CA judges one record. */
  Judgement judge(DnsPersistRecord r) {
    return r.judge(issuers, accountUri, wildcard, now);
  }

  @Override
  boolean isExpected(DnsRecord r) {
    if (!r.is(RecordType.TXT)) {
      return false;
    }
    DnsPersistRecord record = read(r);
    if (judge(record) == Judgement.AUTHORIZES) {
      authorizing.add(record);
      return true;
    }
    return false;
  }

  @Override
  Classification classify(List<DnsRecord> records, DomainName zone) {
    // Only the recursive-only fallback classifies persist records; the authoritative path reports
    // through PersistFindings. Name the closest record's judgement.
    Optional<DnsRecord> best = Optional.empty();
    Judgement bestJudgement = Judgement.OTHER_ISSUER;
    for (DnsRecord r : records) {
      if (!r.is(RecordType.TXT)) {
        continue;
      }
      Judgement j = judge(read(r));
      if (best.isEmpty() || (bestJudgement == Judgement.OTHER_ISSUER
          && j != Judgement.OTHER_ISSUER)) {
        best = Optional.of(r);
        bestJudgement = j;
      }
    }
    String found = best.map(this::value).orElse("");
    return new Classification(ValueClassifier.Kind.DIFFERENT, found,
        PersistFindings.explain(bestJudgement, best.map(PersistExpectation::read), this));
  }
}
