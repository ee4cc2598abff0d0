package org.dvinspector.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dvinspector.Perspective;
import org.immutables.value.Value;

/** What one server address answered to one question. */
@Value.Immutable
public abstract class ServerAnswer {
  /** How the question ended. */
  public enum Outcome {
    /** NOERROR with records of the type asked (or a CNAME for it) in the answer section. */
    ANSWER,
    /** NXDOMAIN: the name does not exist. */
    NXDOMAIN,
    /** NOERROR with no record of the type: the name exists, the type does not. */
    NODATA,
    /**
     * A referral: the server is not authoritative and points elsewhere (lame when asked as
     * authoritative).
     */
    REFERRAL,
    /** NOERROR answer without the AA bit from a server asked as authoritative (lame). */
    NOT_AUTHORITATIVE,
    /** SERVFAIL. */
    SERVFAIL,
    /** REFUSED. */
    REFUSED,
    /**
     * Another error code (FORMERR, NOTIMP, ...), or replies that could not be read as the answer
     * (malformed, truncated even over TCP).
     */
    OTHER_ERROR,
    /** No answer in time, after every attempt. */
    TIMEOUT,
    /** The server could not be reached (port unreachable, connection refused or reset). */
    UNREACHABLE,
    /** Not asked: the network policy forbids the address (non-public). */
    NOT_PERMITTED,
    /**
     * The inspector could not ask, for reasons of its own: its deadline came first, its own
     * backlog, no route from its host, no free socket, its executor refused work. Says nothing
     * about the server.
     */
    INSPECTOR_FAILURE
  }

  /** What DNSSEC validation (RFC 4033-4035) concluded about an answer. */
  public enum Dnssec {
    /** Not validated: validation is off (no trust anchors, or the profile's CA does not). */
    NOT_VALIDATED,
    /** The chain of trust from the anchor to this answer holds. */
    SECURE,
    /** Provably unsigned: an unsigned delegation on the way, or an algorithm not validated. */
    INSECURE,
    /**
     * The chain is broken: a validating resolver discards the answer (and the CA's lookup fails
     * when every server's answer is bogus).
     */
    BOGUS,
    /** Not enough to judge (no answer, a server error): no verdict of DNSSEC's own. */
    INDETERMINATE
  }

  /** Who answered (name, address, transport). */
  public abstract Perspective perspective();

  /** The server's host name, for authoritative servers; the resolver's address otherwise. */
  public abstract String serverName();

  /** The address asked (before endpoint mapping). */
  public abstract InetAddress address();

  /** How it ended. */
  public abstract Outcome outcome();

  /** The DNS response code, when a response came. */
  public abstract Optional<Integer> rcode();

  /** Whether the AA bit was set. */
  @Value.Default
  public boolean authoritative() {
    return false;
  }

  /** Whether a truncated UDP answer was retried over TCP. */
  @Value.Default
  public boolean retriedOverTcp() {
    return false;
  }

  /** The answer section. */
  public abstract List<DnsRecord> answer();

  /** The authority section (SOA for negative answers, NS for referrals). */
  public abstract List<DnsRecord> authority();

  /** How long it took, from the first datagram to the answer. */
  public abstract Duration latency();

  /**
   * Why no usable answer came, in words, when none did: for example {@code no answer after 2
   * attempts of 300 ms}, {@code connection refused}, {@code inspection deadline reached}.
   */
  public abstract Optional<String> problem();

  /**
   * Whether the question was cut short because the inspection deadline was reached (the server
   * may be fine; it was not given its full time).
   */
  @Value.Default
  public boolean deadlineReached() {
    return false;
  }

  /**
   * The {@linkplain org.dvinspector.Observation#id() number} of the observation that recorded
   * this answer, to name it as a cause of later questions; {@code 0} when none was recorded.
   */
  @Value.Default
  public long observation() {
    return 0;
  }

  /** What DNSSEC validation concluded about this answer. */
  @Value.Default
  public Dnssec dnssec() {
    return Dnssec.NOT_VALIDATED;
  }

  /**
   * Why the answer is not secure, in words, when validation found it {@link Dnssec#BOGUS} or
   * {@link Dnssec#INSECURE}: which zone, which key tags, which dates.
   */
  public abstract Optional<String> dnssecProblem();

  /** Whether DNSSEC validation found the answer bogus: a validating resolver discards it. */
  public boolean isBogus() {
    return dnssec() == Dnssec.BOGUS;
  }

  /** The answer records of one type. */
  public List<DnsRecord> answers(RecordType type) {
    return answer().stream().filter(r -> r.is(type)).collect(Collectors.toList());
  }

  /**
   * The negative-caching TTL of a negative answer (RFC 2308 §5: the smaller of the SOA's TTL and
   * its minimum field), when the authority section holds a SOA.
   */
  public Optional<Long> negativeTtl() {
    for (DnsRecord r : authority()) {
      if (r.is(RecordType.SOA) && r.soaMinimum().isPresent()) {
        return Optional.of(Math.min(r.ttl(), r.soaMinimum().getAsLong()));
      }
    }
    return Optional.empty();
  }

  /** Whether the server gave a usable answer (ANSWER, NXDOMAIN or NODATA). */
  public boolean isConclusive() {
    return outcome() == Outcome.ANSWER || outcome() == Outcome.NXDOMAIN
        || outcome() == Outcome.NODATA;
  }

  /** Whether the inspector's own trouble, not the server, kept this question from an answer. */
  public boolean isInspectorsOwn() {
    return outcome() == Outcome.INSPECTOR_FAILURE;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ServerAnswer}. */
  public static final class Builder extends ImmutableServerAnswer.Builder {
    Builder() {}
  }
}
