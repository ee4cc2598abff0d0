package org.dvinspector.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dvinspector.Perspective;
import org.immutables.value.Value;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

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
    /** Another error code (FORMERR, NOTIMP, ...). */
    OTHER_ERROR,
    /** No answer in time, after every attempt. */
    TIMEOUT,
    /** The server could not be reached (connection refused, network unreachable, ICMP). */
    UNREACHABLE,
    /** Not asked: the network policy forbids the address (non-public). */
    NOT_PERMITTED
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
  public abstract List<Record> answer();

  /** The authority section (SOA for negative answers, NS for referrals). */
  public abstract List<Record> authority();

  /** How long it took. */
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

  /** The answer records of one type (dnsjava {@link org.xbill.DNS.Type} value). */
  public List<Record> answers(int type) {
    return answer().stream().filter(r -> r.getType() == type).collect(Collectors.toList());
  }

  /**
   * The negative-caching TTL of a negative answer (RFC 2308 §5: the smaller of the SOA's TTL and
   * its minimum field), when the authority section holds a SOA.
   */
  public Optional<Long> negativeTtl() {
    for (Record r : authority()) {
      if (r instanceof SOARecord soa) {
        return Optional.of(Math.min(soa.getTTL(), soa.getMinimum()));
      }
    }
    return Optional.empty();
  }

  /** Whether the server gave a usable answer (ANSWER, NXDOMAIN or NODATA). */
  public boolean isConclusive() {
    return outcome() == Outcome.ANSWER || outcome() == Outcome.NXDOMAIN
        || outcome() == Outcome.NODATA;
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
