package org.dvinspector.dns.internal.resolve;

import java.util.Optional;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.internal.dnssec.DnssecResult;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/**
 * One answer, the whole response it came from (absent when no response came), and what DNSSEC
 * validation concluded about it (absent when it was not validated).
 */
public record Asked(ServerAnswer answer, @Nullable Message message,
    @Nullable DnssecResult dnssec) {
  /** An answer not validated (yet). */
  public Asked(ServerAnswer answer, @Nullable Message message) {
    this(answer, message, null);
  }

  /** The response. */
  public Optional<Message> response() {
    return Optional.ofNullable(message);
  }

  /** The validation result, when the answer was validated. */
  public Optional<DnssecResult> validation() {
    return Optional.ofNullable(dnssec);
  }
}
