package org.dvinspector.caa;

import org.immutables.value.Value;

/** What one {@code issue} or {@code issuewild} record means for the CA asking. */
@Value.Immutable
public abstract class CaaRecordVerdict {
  /** The outcome for one record. */
  public enum Status {
    /** The record names the CA and its parameters are satisfied. */
    AUTHORIZES(Kind.AUTHORIZES),
    /** Not considered for this request (RFC 8659 §4.3: {@code issuewild} for a non-wildcard, {@code issue} when {@code issuewild} exists). */
    NOT_CONSIDERED(Kind.IGNORED),
    /** The value does not parse (RFC 8659 §4.2): it authorizes nobody. */
    MALFORMED(Kind.DENIES),
    /** The value names no CA ({@code ""} or {@code ";"}): it authorizes nobody. */
    NAMES_NO_ISSUER(Kind.DENIES),
    /** The value names another CA. */
    OTHER_ISSUER(Kind.DENIES),
    /** RFC 8657 {@code accounturi} names another account. */
    ACCOUNT_URI_MISMATCH(Kind.DENIES),
    /** RFC 8657 {@code validationmethods} does not list the method. */
    METHOD_NOT_PERMITTED(Kind.DENIES),
    /** A RFC 8657 parameter appears more than once: the record cannot be satisfied. */
    DUPLICATE_PARAMETER(Kind.DENIES),
    /** The {@code validationmethods} value is not a comma-separated list of labels: unsatisfiable. */
    INVALID_PARAMETER(Kind.DENIES),
    /** The record needs an account URI, and none was given. */
    ACCOUNT_URI_UNKNOWN(Kind.UNCERTAIN),
    /** The record restricts validation methods, and the method was not given. */
    METHOD_UNKNOWN(Kind.UNCERTAIN),
    /**
     * The record lists the method only by its Baseline Requirements label ({@code ca-tbr-19}), not
     * by its ACME name ({@code http-01}); BR 4.2.2.1.2 says CAs SHOULD accept either, not that they
     * must.
     */
    METHOD_LISTED_BY_BR_LABEL_ONLY(Kind.UNCERTAIN),
    /** The CA's issuer domain names are unknown, so the record cannot be compared. */
    ISSUER_UNKNOWN(Kind.UNCERTAIN);

    private final Kind kind;

    Status(Kind kind) {
      this.kind = kind;
    }

    /** Whether this status authorizes, denies, cannot be decided, or was ignored. */
    public Kind kind() {
      return kind;
    }
  }

  /** How a status counts. */
  public enum Kind {
    /** The record authorizes the CA. */
    AUTHORIZES,
    /** The record does not authorize the CA. */
    DENIES,
    /** Whether it authorizes depends on facts the request does not give. */
    UNCERTAIN,
    /** The record does not count for this request. */
    IGNORED
  }

  /** The record. */
  @Value.Parameter
  public abstract CaaRecord record();

  /** What it means. */
  @Value.Parameter
  public abstract Status status();

  /** Why, in one line (network text already escaped). */
  @Value.Parameter
  public abstract String detail();

  /** Creates a verdict. */
  public static CaaRecordVerdict of(CaaRecord record, Status status, String detail) {
    return ImmutableCaaRecordVerdict.of(record, status, detail);
  }

  @Override
  public String toString() {
    return record().presentation() + ": " + status() + " (" + detail() + ")";
  }
}
