package org.dvinspector.dns.internal.transport;

/**
 * How an exchange ended without a usable response, and whose side the trouble is on: the
 * server's (the domain's) or the inspector's own.
 */
public enum Failure {
  /** A response came. */
  NONE(false),
  /** The server gave no answer to any attempt within the attempt timeout. */
  TIMEOUT(false),
  /**
   * The server could not be reached: nothing listens on its port (ICMP port unreachable), the
   * connection was refused or reset.
   */
  UNREACHABLE(false),
  /**
   * Replies came, but none that could be read as the answer to the question (malformed, cut
   * short, or truncated even over TCP).
   */
  MALFORMED(false),
  /**
   * The inspection deadline came while the question was in flight: the server may be fine, it was
   * not given its full time.
   */
  DEADLINE(true),
  /**
   * The question was never sent: the inspection deadline passed while it waited for the
   * inspector's own limit on questions in flight (its backlog).
   */
  NOT_SENT(true),
  /** The inspector's host has no route to the server's network (no IPv6, no default route). */
  LOCAL_NETWORK(true),
  /** The inspector could not open a socket (file descriptors exhausted, or similar). */
  LOCAL_RESOURCES(true),
  /** The host's executor refused the work of completing the exchange. */
  REJECTED(true),
  /** The inspector was closed while the question was in flight. */
  CLOSED(true);

  private final boolean inspectorsOwn;

  Failure(boolean inspectorsOwn) {
    this.inspectorsOwn = inspectorsOwn;
  }

  /**
   * Whether the trouble is on the inspector's side (its deadline, backlog, network or resources)
   * rather than the server's: such a failure must never be blamed on the domain.
   */
  public boolean inspectorsOwn() {
    return inspectorsOwn;
  }
}
