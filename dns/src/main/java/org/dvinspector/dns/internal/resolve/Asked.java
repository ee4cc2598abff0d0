package org.dvinspector.dns.internal.resolve;

import java.util.Optional;
import org.dvinspector.dns.ServerAnswer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/** One answer and the whole response it came from (absent when no response came). */
public record Asked(ServerAnswer answer, @Nullable Message message) {
  /** The response. */
  public Optional<Message> response() {
    return Optional.ofNullable(message);
  }
}
