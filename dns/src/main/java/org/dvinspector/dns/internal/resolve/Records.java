package org.dvinspector.dns.internal.resolve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dvinspector.dns.DnsRecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** dnsjava records turned into the module's parsed {@link DnsRecord}s. */
public final class Records {
  private Records() {}

  /** A name as the API shows it: lower case, no trailing dot, {@code .} for the root. */
  public static String show(Name name) {
    return name.equals(Name.root) ? "." : name.toString(true).toLowerCase(Locale.ROOT);
  }

  /**
   * {@link #show(Name)} of a name whose presentation form ({@link Name#toString()}, with the
   * trailing dot) is already at hand: one string built instead of two.
   */
  private static String show(Name name, String presentation) {
    if (name.equals(Name.root)) {
      return ".";
    }
    String bare = name.isAbsolute() && presentation.endsWith(".")
        ? presentation.substring(0, presentation.length() - 1) : presentation;
    return bare.toLowerCase(Locale.ROOT);
  }

  /** RFC 2181 §8: a TTL with the top bit set is treated as zero. */
  public static long ttl(long served) {
    return served < 0 || served > DnsRecord.MAX_TTL ? 0 : served;
  }

  /** The records, parsed. */
  public static List<DnsRecord> of(List<Record> records) {
    List<DnsRecord> out = new ArrayList<>(records.size());
    // The records of a section mostly share their owner: its text is built once.
    Name owner = null;
    String shown = "";
    for (Record r : records) {
      if (owner == null || !owner.equals(r.getName())) {
        owner = r.getName();
        shown = show(owner);
      }
      out.add(of(r, shown));
    }
    return out;
  }

  /** One record, parsed. */
  public static DnsRecord of(Record r) {
    return of(r, show(r.getName()));
  }

  private static DnsRecord of(Record r, String owner) {
    DnsRecord.Builder b = DnsRecord.builder()
        .name(owner)
        .typeCode(r.getType())
        .typeName(Type.string(r.getType()))
        .ttl(ttl(r.getTTL()));
    Name target = r instanceof CNAMERecord c ? c.getTarget()
        : r instanceof DNAMERecord d ? d.getTarget()
        : r instanceof NSRecord ns ? ns.getTarget()
        : null;
    String data;
    if (target != null) {
      // The data of a CNAME, DNAME or NS record is its target in presentation form.
      data = target.toString();
      b.target(show(target, data));
    } else {
      try {
        data = r.rdataToString();
      } catch (RuntimeException e) {
        data = "(unprintable data)";
      }
    }
    b.data(data);
    if (r instanceof ARecord a) {
      b.address(a.getAddress());
    } else if (r instanceof AAAARecord a) {
      b.address(a.getAddress());
    } else if (r instanceof MXRecord mx) {
      b.target(show(mx.getTarget()));
    } else if (r instanceof TXTRecord txt) {
      for (byte[] s : txt.getStringsAsByteArrays()) {
        b.addStrings(new String(s, StandardCharsets.UTF_8));
      }
    } else if (r instanceof SOARecord soa) {
      b.soaSerial(soa.getSerial()).soaMinimum(soa.getMinimum());
    } else if (r instanceof CAARecord) {
      caa(r, b);
    }
    return b.build();
  }

  /**
   * The CAA data exactly as served, read from the wire form (RFC 8659 §4.1: flags octet, tag
   * length, tag, value): dnsjava's accessors return the value escaped for display.
   */
  private static void caa(Record r, DnsRecord.Builder b) {
    byte[] rdata = r.rdataToWireCanonical();
    if (rdata.length < 2) {
      return;
    }
    int flags = rdata[0] & 0xff;
    int tagLength = rdata[1] & 0xff;
    if (tagLength == 0 || 2 + tagLength > rdata.length) {
      return;
    }
    b.caaFlags(flags)
        .caaTag(new String(rdata, 2, tagLength, StandardCharsets.ISO_8859_1))
        .caaValue(new String(rdata, 2 + tagLength, rdata.length - 2 - tagLength,
            StandardCharsets.ISO_8859_1));
  }
}
