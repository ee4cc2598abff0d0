package org.dvinspector.dns.internal.dnssec;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The outcome of one validation step, with what the findings layer needs to say which link of
 * the chain broke: the zone, the name and type, the key tags, the server (when the caller adds
 * it), the signature's validity dates and the time it was checked at.
 */
@Value.Immutable
public abstract class DnssecResult {
  /** Why the result is what it is. */
  public abstract DnssecReason reason();

  /** SECURE, INSECURE, BOGUS or INDETERMINATE (from the {@link #reason()}). */
  public Security security() {
    return reason().security();
  }

  /**
   * The zone whose link is judged: the zone whose keys were validated, the zone that signed the
   * RRset, the child of a delegation, the zone whose proof was read.
   */
  public abstract Name zone();

  /** The owner name (or query name) concerned, when there is one. */
  public abstract Optional<Name> name();

  /** The record type concerned ({@link org.xbill.DNS.Type} value), when there is one. */
  public abstract OptionalInt type();

  /**
   * Key tags concerned: the DS key tags no DNSKEY matched, the key tag of a signature that failed,
   * the key tag of the key that verified.
   */
  public abstract List<Integer> keyTags();

  /** The server the records came from, when the caller said ({@link #withServer(String)}). */
  public abstract Optional<String> server();

  /** The inception of the signature concerned (expired or not yet valid). */
  public abstract Optional<Instant> signatureInception();

  /** The expiration of the signature concerned. */
  public abstract Optional<Instant> signatureExpiration();

  /** The time the signatures were checked at. */
  public abstract Optional<Instant> checkedAt();

  /**
   * For a secure RRset synthesized from a wildcard (RFC 4035 §5.3.4): the wildcard's owner,
   * {@code *.<closest encloser>}. The non-existence of the name itself must still be proved.
   */
  public abstract Optional<Name> wildcard();

  /** One line for people: what was checked and what was found. Names are in presentation form. */
  public abstract String detail();

  /** Whether the result is {@link Security#SECURE}. */
  public boolean isSecure() {
    return security() == Security.SECURE;
  }

  /** Whether the result is {@link Security#BOGUS}. */
  public boolean isBogus() {
    return security() == Security.BOGUS;
  }

  /** Whether the result is {@link Security#INSECURE}. */
  public boolean isInsecure() {
    return security() == Security.INSECURE;
  }

  /** The same result naming the server the records came from (e.g. {@code ns1.example.com/192.0.2.1}). */
  public DnssecResult withServer(String server) {
    return new Builder().from(this).server(server).build();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(security().name()).append(' ').append(reason().name())
        .append(" zone ").append(zone());
    name().ifPresent(n -> b.append(" name ").append(n));
    type().ifPresent(t -> b.append(" type ").append(Type.string(t)));
    if (!keyTags().isEmpty()) {
      b.append(" key tags ").append(keyTags());
    }
    server().ifPresent(s -> b.append(" server ").append(s));
    signatureInception().ifPresent(i -> b.append(" inception ").append(i));
    signatureExpiration().ifPresent(e -> b.append(" expiration ").append(e));
    return b.append(": ").append(detail()).toString();
  }

  static Builder start(DnssecReason reason, Name zone, String detail) {
    return new Builder().reason(reason).zone(zone).detail(detail);
  }

  /** Builds results (package use). */
  static final class Builder extends ImmutableDnssecResult.Builder {}
}
