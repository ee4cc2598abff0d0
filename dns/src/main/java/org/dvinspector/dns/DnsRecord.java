package org.dvinspector.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * One DNS record as a server served it, already parsed: the owner, type, TTL, the data in zone
 * file form, and the parts the checks read (addresses, targets, TXT strings, CAA and SOA fields).
 *
 * <p>Names are absolute, in lower-case ASCII, without the trailing dot ({@code .} for the root).
 * Every value comes from the network: escape it ({@code org.dvinspector.spi.Text}) before it reaches
 * a message or a terminal.
 */
@Value.Immutable
public abstract class DnsRecord {
  /** Records whose TTL is at least this are treated as TTL 0 (RFC 2181 §8). */
  public static final long MAX_TTL = 0x7FFF_FFFFL;

  /** The owner name: {@code _dnsauth.example.com}, or {@code .} for the root. */
  public abstract String name();

  /** The type's code, e.g. 16 for TXT. */
  public abstract int typeCode();

  /** The type's mnemonic, e.g. {@code TXT}, or {@code TYPE65280} for a type without one. */
  public abstract String typeName();

  /**
   * The time to live in seconds, as served; a TTL above {@link #MAX_TTL} counts as 0 (RFC 2181
   * §8: such values are treated as zero).
   */
  public abstract long ttl();

  /** The record data in zone-file presentation form, e.g. {@code 0 issue "ca.example"}. */
  public abstract String data();

  /** The address of an A or AAAA record. */
  public abstract Optional<InetAddress> address();

  /**
   * The name a CNAME, DNAME or NS record points to, or an MX record's exchange; absolute,
   * lower-case, without the trailing dot.
   */
  public abstract Optional<String> target();

  /** The strings of a TXT record, each decoded as UTF-8 (invalid bytes become U+FFFD). */
  public abstract List<String> strings();

  /** A CAA record's flags octet (RFC 8659 §4.1). */
  public abstract OptionalInt caaFlags();

  /** A CAA record's tag, exactly as served (ISO-8859-1). */
  public abstract Optional<String> caaTag();

  /** A CAA record's value, exactly as served (ISO-8859-1, unescaped). */
  public abstract Optional<String> caaValue();

  /** An SOA record's serial. */
  public abstract OptionalLong soaSerial();

  /** An SOA record's MINIMUM field: the negative-caching TTL (RFC 2308 §4). */
  public abstract OptionalLong soaMinimum();

  /** Whether this record has type {@code type}. */
  public boolean is(RecordType type) {
    return typeCode() == type.code();
  }

  /** Whether this record is owned by {@code owner} (absolute, no trailing dot, any case). */
  public boolean isOwnedBy(String owner) {
    return name().equalsIgnoreCase(owner);
  }

  /** The TXT strings joined without separator, as CAs compare them (RFC 8555 §8.4). */
  public String joinedStrings() {
    return String.join("", strings());
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DnsRecord}. */
  public static final class Builder extends ImmutableDnsRecord.Builder {
    Builder() {}
  }

  @Override
  public String toString() {
    return name() + " " + ttl() + " " + typeName() + " " + data();
  }
}
