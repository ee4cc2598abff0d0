package org.dvinspector.testkit;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.immutables.value.Value;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** One query a {@link TestDnsServer} received, as recorded in its query log. */
@Value.Immutable
public abstract class DnsQuery {
  /** The question name. */
  @Value.Parameter
  public abstract Name name();

  /** The question type (e.g. {@link Type#TXT}). */
  @Value.Parameter
  public abstract int type();

  /** {@code udp} or {@code tcp}. */
  @Value.Parameter
  public abstract String transport();

  /** Who asked. */
  @Value.Parameter
  public abstract InetSocketAddress client();

  /** When it arrived (wall clock, not the lab clock). */
  @Value.Parameter
  @Value.Auxiliary
  public abstract Instant receivedAt();

  /** Creates a log entry. */
  public static DnsQuery of(
      Name name, int type, String transport, InetSocketAddress client, Instant receivedAt) {
    return ImmutableDnsQuery.of(name, type, transport, client, receivedAt);
  }

  /** The type mnemonic, e.g. {@code TXT}. */
  public String typeName() {
    return Type.string(type());
  }

  /** Whether this query was for {@code name} (trailing dot optional, case-insensitive) and {@code type}. */
  public boolean isFor(String name, int type) {
    return type() == type && name().equals(org.dvinspector.testkit.internal.Records.absolute(name));
  }

  @Override
  public String toString() {
    return name() + " " + typeName() + " " + transport() + " from " + client();
  }
}
