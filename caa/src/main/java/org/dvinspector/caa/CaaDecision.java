package org.dvinspector.caa;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dvinspector.DomainName;
import org.immutables.value.Value;

/**
 * The result of evaluating one relevant CAA record set for one {@link CaaIssuance}: may the CA
 * issue, why, what each record meant, and which records to add when it may not.
 */
@Value.Immutable
public abstract class CaaDecision {
  /** Whether the CA may issue. */
  public enum Outcome {
    /** The set lets the CA issue. */
    ALLOWED,
    /** The set forbids issuance by the CA. */
    FORBIDDEN,
    /** It depends on facts the issuance does not give (the account URI, the method, the CA's identity). */
    UNDETERMINED
  }

  /** The records evaluated (the relevant set). */
  public abstract List<CaaRecord> records();

  /** Whether the request was for a wildcard name. */
  public abstract boolean wildcard();

  /**
   * The property that governs the request: {@code issue}, or {@code issuewild} for a wildcard
   * name when the set has any {@code issuewild} record (RFC 8659 §4.3); empty when the set has
   * neither, which places no restriction.
   */
  public abstract Optional<String> governingProperty();

  /** One verdict per {@code issue} and {@code issuewild} record, in set order. */
  public abstract List<CaaRecordVerdict> verdicts();

  /**
   * Critical records whose tag the CA does not know (RFC 8659 §4.1: the CA must not issue). The
   * known tags are {@code issue}, {@code issuewild} and {@code iodef}, the ones the Baseline
   * Requirements oblige every CA to process; a CA may know more ({@code issuemail},
   * {@code contactemail}), but counting on that is not safe.
   */
  public abstract List<CaaRecord> unknownCriticalRecords();

  /** The {@code iodef} records (RFC 8659 §4.4): where CAs may report refused requests. */
  public abstract List<CaaRecord> iodefRecords();

  /** The outcome of the {@code issue}/{@code issuewild} evaluation alone, ignoring critical tags. */
  public abstract Outcome authorization();

  /** The records to add so the CA may issue without loosening anything else; empty when none helps. */
  public abstract List<CaaRecord> suggestedRecords();

  /** Whether the CA may issue: forbidden by an unknown critical tag, else the authorization. */
  @Value.Derived
  public Outcome outcome() {
    return unknownCriticalRecords().isEmpty() ? authorization() : Outcome.FORBIDDEN;
  }

  /** Whether {@link #outcome()} is {@link Outcome#ALLOWED}. */
  public boolean isAllowed() {
    return outcome() == Outcome.ALLOWED;
  }

  /** The first record that authorizes the CA, if any. */
  public Optional<CaaRecord> authorizingRecord() {
    return verdicts().stream()
        .filter(v -> v.status() == CaaRecordVerdict.Status.AUTHORIZES)
        .map(CaaRecordVerdict::record)
        .findFirst();
  }

  /** The verdicts with the given status. */
  public List<CaaRecordVerdict> verdicts(CaaRecordVerdict.Status status) {
    return verdicts().stream().filter(v -> v.status() == status).collect(Collectors.toList());
  }

  /** The {@link #suggestedRecords()} as zone-file lines at {@code owner}. */
  public List<String> suggestedZoneLines(DomainName owner) {
    return suggestedRecords().stream().map(r -> r.zoneLine(owner)).collect(Collectors.toList());
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder extends ImmutableCaaDecision.Builder {
    Builder() {}
  }
}
