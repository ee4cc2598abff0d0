package org.dvinspector.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.dvinspector.testkit.internal.Records;
import org.immutables.value.Value;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * A misbehaviour a {@link TestDnsServer} shows on purpose, switched on with {@link
 * TestDnsServer#addFault(DnsFault)} and off with {@link TestDnsServer#removeFault(DnsFault)}.
 *
 * <p>A fault applies to every query unless narrowed with {@link #forName(String)}, {@link
 * #forType(int)} or {@link #overTransport(String)}. {@link Kind#LATENCY} combines with the others
 * (the longest matching delay wins); of the other kinds the first matching fault added wins.
 *
 * <pre>{@code
 * server.addFault(DnsFault.drop().forName("_dnsauth.example.test").forType(Type.TXT));
 * server.addFault(DnsFault.latency(Duration.ofMillis(200)));
 * }</pre>
 */
@Value.Immutable
public abstract class DnsFault {
  /** What the server does wrong. */
  public enum Kind {
    /** Answers correctly but late; no thread waits meanwhile. */
    LATENCY,
    /** Never answers: the client times out. */
    DROP,
    /** Answers SERVFAIL (RCODE 2). */
    SERVFAIL,
    /** Answers REFUSED (RCODE 5). */
    REFUSED,
    /**
     * Over UDP answers with the TC bit and empty sections, so the client must retry over TCP
     * (RFC 7766 §5); TCP answers normally.
     */
    TRUNCATE,
    /** Answers with the right data but without the AA bit, like a lame or caching server. */
    NOT_AUTHORITATIVE,
    /**
     * Answers a signed zone's data without any RRSIG even when asked with the DO bit: "an answer
     * unsigned in a signed zone" from this server only.
     */
    UNSIGNED_ANSWERS,
    /** Answers without the NSEC and NSEC3 records (and their RRSIGs) that prove non-existence. */
    NO_DENIAL_PROOFS
  }

  /** What the server does wrong. */
  public abstract Kind kind();

  /** The added delay of a {@link Kind#LATENCY} fault; zero for the others. */
  @Value.Default
  public Duration delay() {
    return Duration.ZERO;
  }

  /** Only queries for this name (exact, case-insensitive), when set. */
  public abstract Optional<Name> name();

  /** Only queries of this type, when set. */
  public abstract OptionalInt type();

  /** Only queries over this transport ({@code udp} or {@code tcp}), when set. */
  public abstract Optional<String> transport();

  /**
   * Only queries that carry the EDNS Client Subnet option (RFC 7871), when true: a server or
   * middlebox that drops or refuses them while answering the rest.
   */
  @Value.Default
  public boolean onlyWithClientSubnet() {
    return false;
  }

  /** Delays every matching answer by {@code delay}. */
  public static DnsFault latency(Duration delay) {
    return ImmutableDnsFault.builder().kind(Kind.LATENCY).delay(delay).build();
  }

  /** Never answers. */
  public static DnsFault drop() {
    return of(Kind.DROP);
  }

  /** Answers SERVFAIL. */
  public static DnsFault servfail() {
    return of(Kind.SERVFAIL);
  }

  /** Answers REFUSED. */
  public static DnsFault refused() {
    return of(Kind.REFUSED);
  }

  /** Truncates UDP answers (TC bit, empty sections); TCP answers normally. */
  public static DnsFault truncate() {
    return of(Kind.TRUNCATE);
  }

  /** Answers without the AA bit. */
  public static DnsFault notAuthoritative() {
    return of(Kind.NOT_AUTHORITATIVE);
  }

  /** Answers without RRSIG records (a signed zone's answers look unsigned). */
  public static DnsFault unsignedAnswers() {
    return of(Kind.UNSIGNED_ANSWERS);
  }

  /** Answers without NSEC or NSEC3 proofs of non-existence. */
  public static DnsFault noDenialProofs() {
    return of(Kind.NO_DENIAL_PROOFS);
  }

  /** A fault of the given kind (use {@link #latency(Duration)} for latency). */
  public static DnsFault of(Kind kind) {
    return ImmutableDnsFault.builder().kind(kind).build();
  }

  /** The same fault, only for queries about {@code name} (absolute or not; a trailing dot is optional). */
  public DnsFault forName(String name) {
    return ImmutableDnsFault.builder().from(this).name(Records.absolute(name)).build();
  }

  /** The same fault, only for queries of {@code type} (e.g. {@link Type#TXT}). */
  public DnsFault forType(int type) {
    Type.check(type);
    return ImmutableDnsFault.builder().from(this).type(type).build();
  }

  /** The same fault, only for queries of {@code type} given by mnemonic (e.g. {@code "TXT"}). */
  public DnsFault forType(String type) {
    return forType(Records.type(type));
  }

  /** The same fault, only for queries over {@code transport}: {@code udp} or {@code tcp}. */
  public DnsFault overTransport(String transport) {
    if (!transport.equals("udp") && !transport.equals("tcp")) {
      throw new IllegalArgumentException("transport must be udp or tcp, got " + transport);
    }
    return ImmutableDnsFault.builder().from(this).transport(transport).build();
  }

  /**
   * The same fault, only for queries with the EDNS Client Subnet option (RFC 7871 §7.1.3: some
   * servers drop or refuse such queries; resolvers then retry without the option).
   */
  public DnsFault withClientSubnetOnly() {
    return ImmutableDnsFault.builder().from(this).onlyWithClientSubnet(true).build();
  }

  /** Whether this fault applies to a query for {@code qname}/{@code qtype} over {@code transport}. */
  public boolean matches(Name qname, int qtype, String transport) {
    return name().map(n -> n.equals(qname)).orElse(true)
        && (type().isEmpty() || type().getAsInt() == qtype)
        && transport().map(t -> t.equals(transport)).orElse(true);
  }

  @Value.Check
  void check() {
    if (delay().isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay());
    }
    if (kind() == Kind.LATENCY && delay().isZero()) {
      throw new IllegalArgumentException("a latency fault needs a positive delay");
    }
    if (kind() != Kind.LATENCY && !delay().isZero()) {
      throw new IllegalArgumentException("only latency faults have a delay");
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(kind().name().toLowerCase(java.util.Locale.ROOT));
    if (kind() == Kind.LATENCY) {
      b.append(' ').append(delay().toMillis()).append(" ms");
    }
    name().ifPresent(n -> b.append(" name=").append(n));
    type().ifPresent(t -> b.append(" type=").append(Type.string(t)));
    transport().ifPresent(t -> b.append(" over ").append(t));
    if (onlyWithClientSubnet()) {
      b.append(" with client subnet");
    }
    return b.toString();
  }
}
