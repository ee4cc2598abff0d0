package org.dvinspector.dns.internal.transport;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/**
 * How one question to one server ended: the response, or why none came, timed on the I/O thread
 * from the moment the first datagram left to the moment the answer arrived (or the last attempt
 * was given up), so that no queue on the inspector's side stretches it.
 */
public final class Exchange {
  private final Query query;
  private final @Nullable Message response;
  private final Failure failure;
  private final String detail;
  private final String transport;
  private final boolean retriedOverTcp;
  private final boolean ednsDropped;
  private final int attempts;
  private final int discarded;
  private final long sentNanos;
  private final long endNanos;

  Exchange(Query query, @Nullable Message response, Failure failure, String detail,
      String transport, boolean retriedOverTcp, boolean ednsDropped, int attempts, int discarded,
      long sentNanos, long endNanos) {
    this.query = query;
    this.response = response;
    this.failure = failure;
    this.detail = detail;
    this.transport = transport;
    this.retriedOverTcp = retriedOverTcp;
    this.ednsDropped = ednsDropped;
    this.attempts = attempts;
    this.discarded = discarded;
    this.sentNanos = sentNanos;
    this.endNanos = endNanos;
  }

  /** An exchange that ended before anything was sent. */
  static Exchange unsent(Query query, Failure failure, String detail) {
    long now = System.nanoTime();
    return new Exchange(query, null, failure, detail, "udp", false, false, 0, 0, now, now);
  }

  /** The question. */
  public Query query() {
    return query;
  }

  /** The response, when one came. */
  public Optional<Message> response() {
    return Optional.ofNullable(response);
  }

  /** How it failed ({@link Failure#NONE} when a response came). */
  public Failure failure() {
    return failure;
  }

  /** Why it failed, in words; empty when a response came. */
  public String detail() {
    return detail;
  }

  /** {@code udp} or {@code tcp}: the transport of the last attempt. */
  public String transport() {
    return transport;
  }

  /** Whether a truncated UDP answer was retried over TCP (RFC 7766 §5). */
  public boolean retriedOverTcp() {
    return retriedOverTcp;
  }

  /** Whether the server answered FORMERR/NOTIMP to EDNS and was asked again without it. */
  public boolean ednsDropped() {
    return ednsDropped;
  }

  /** How many attempts were sent. */
  public int attempts() {
    return attempts;
  }

  /**
   * How many datagrams that were not the answer (wrong ID, wrong question, unreadable) were
   * discarded while waiting (RFC 5452 §9.1).
   */
  public int discarded() {
    return discarded;
  }

  /** When the first datagram left ({@link System#nanoTime()} scale). */
  public long sentNanos() {
    return sentNanos;
  }

  /** When the answer came or the question was given up ({@link System#nanoTime()} scale). */
  public long endNanos() {
    return endNanos;
  }

  /** From the first datagram to the end. */
  public Duration latency() {
    return Duration.ofNanos(Math.max(0, endNanos - sentNanos));
  }

  @Override
  public String toString() {
    return "Exchange[" + query.name() + "/" + query.type() + " @" + query.target() + " "
        + (response != null ? "rcode " + response.getRcode() : failure + " " + detail) + "]";
  }
}
