package org.dvinspector.dns.internal.dnssec;

import java.util.List;
import org.immutables.value.Value;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;

/**
 * What the parent says about a child zone's DNSSEC (RFC 4035 §5.2): a validated DS RRset
 * (secure: the child's keys must match it), a proof that there is none (insecure), or a broken
 * link (bogus).
 */
@Value.Immutable
public abstract class Delegation {
  /** The child zone. */
  public abstract Name child();

  /** The validated DS records; non-empty exactly when {@link #result()} is secure. */
  public abstract List<DSRecord> ds();

  /** How the parent's answer was judged. */
  public abstract DnssecResult result();

  /** Whether the DS RRset is validated. */
  public boolean isSecure() {
    return result().isSecure();
  }

  static Delegation of(Name child, List<DSRecord> ds, DnssecResult result) {
    return ImmutableDelegation.builder().child(child).ds(ds).result(result).build();
  }

  @Value.Check
  void check() {
    if (result().isSecure() == ds().isEmpty()) {
      throw new IllegalStateException("a secure delegation has DS records, and only it");
    }
  }

  @Override
  public String toString() {
    return "Delegation " + child() + " " + result();
  }
}
