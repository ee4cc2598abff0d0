package org.dvinspector.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.immutables.value.Value;

/** An authoritative nameserver of a zone and its addresses. */
@Value.Immutable
public abstract class NameServer {
  /** Its host name. */
  public abstract DomainName name();

  /** Every address (AAAA and A) it has; empty when none could be found. */
  public abstract List<InetAddress> addresses();

  /** Why no address could be found, when none was. */
  public abstract Optional<String> addressProblem();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NameServer}. */
  public static final class Builder extends ImmutableNameServer.Builder {
    Builder() {}
  }
}
