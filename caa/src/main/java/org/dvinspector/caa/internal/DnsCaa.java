package org.dvinspector.caa.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.dvinspector.caa.CaaRecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/** Conversions between dnsjava and the CAA types. */
final class DnsCaa {
  private DnsCaa() {}

  /**
   * The record's data exactly as served, read from its wire form (RFC 8659 §4.1: flags octet, tag
   * length, tag, value): dnsjava's accessors return the value already escaped for display.
   */
  static Optional<CaaRecord> toCaaRecord(Record record) {
    if (!(record instanceof CAARecord)) {
      return Optional.empty();
    }
    byte[] rdata = record.rdataToWireCanonical();
    if (rdata.length < 2) {
      return Optional.empty();
    }
    int flags = rdata[0] & 0xff;
    int tagLength = rdata[1] & 0xff;
    if (tagLength == 0 || 2 + tagLength > rdata.length) {
      return Optional.empty();
    }
    String tag = new String(rdata, 2, tagLength, StandardCharsets.ISO_8859_1);
    String value = new String(rdata, 2 + tagLength, rdata.length - 2 - tagLength,
        StandardCharsets.ISO_8859_1);
    return Optional.of(CaaRecord.of(flags, tag, value));
  }

  /** The absolute dnsjava name of {@code name}. */
  static Name toName(DomainName name) {
    try {
      return Name.fromString(name.fqdn());
    } catch (TextParseException e) {
      // A parsed DomainName is valid DNS syntax.
      throw new IllegalArgumentException("Not a DNS name: " + name, e);
    }
  }

  /** A name learned from the network as a {@link DomainName}, when it is one. */
  static Optional<DomainName> toDomain(Name name) {
    if (name.labels() <= 1) {
      return Optional.empty();
    }
    return DomainName.tryParse(name.toString(true));
  }
}
