package org.dvinspector.dns.internal.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dvinspector.Observation;
import org.dvinspector.spi.Text;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Reading DNS responses: how a question ended, and one-line escaped descriptions. */
public final class Replies {
  private Replies() {}

  /**
   * How a response to {@code qname}/{@code qtype} ended.
   *
   * @param asAuthoritative whether the server was asked as an authoritative server: then an
   *     answer without the AA bit is {@link Outcome#NOT_AUTHORITATIVE} (RFC 1034 §6.2.6: a
   *     server is lame when it does not answer authoritatively for a zone delegated to it)
   */
  public static Outcome outcome(Message response, Name qname, int qtype, boolean asAuthoritative) {
    return outcome(response, response.getRcode(), qname, qtype, asAuthoritative);
  }

  /**
   * Like {@link #outcome(Message, Name, int, boolean)} with the response's extended rcode already
   * read ({@link Message#getRcode()} walks the additional section for the OPT record).
   */
  public static Outcome outcome(Message response, int rcode, Name qname, int qtype,
      boolean asAuthoritative) {
    boolean aa = response.getHeader().getFlag(Flags.AA);
    if (rcode == Rcode.SERVFAIL) {
      return Outcome.SERVFAIL;
    }
    if (rcode == Rcode.REFUSED) {
      return Outcome.REFUSED;
    }
    if (rcode == Rcode.NXDOMAIN) {
      return !asAuthoritative || aa ? Outcome.NXDOMAIN : Outcome.NOT_AUTHORITATIVE;
    }
    if (rcode != Rcode.NOERROR) {
      return Outcome.OTHER_ERROR;
    }
    boolean hasData = false;
    for (Record r : response.getSection(Section.ANSWER)) {
      int t = r.getType();
      if (t == qtype || t == Type.CNAME || t == Type.DNAME) {
        hasData = true;
        break;
      }
    }
    if (hasData) {
      return !asAuthoritative || aa ? Outcome.ANSWER : Outcome.NOT_AUTHORITATIVE;
    }
    if (aa || !asAuthoritative) {
      return Outcome.NODATA;
    }
    for (Record r : response.getSection(Section.AUTHORITY)) {
      if (r instanceof NSRecord && qname.subdomain(r.getName())) {
        return Outcome.REFERRAL;
      }
    }
    return Outcome.NOT_AUTHORITATIVE;
  }

  /** The observation outcome of an answer. */
  public static Observation.Outcome observationOutcome(ServerAnswer a) {
    return switch (a.outcome()) {
      case ANSWER -> Observation.Outcome.ANSWER;
      case NXDOMAIN, NODATA -> Observation.Outcome.NEGATIVE;
      case REFERRAL -> Observation.Outcome.REFERRAL;
      case TIMEOUT -> Observation.Outcome.TIMEOUT;
      case NOT_PERMITTED -> Observation.Outcome.SKIPPED;
      default -> Observation.Outcome.ERROR;
    };
  }

  /** One record's data for a message, escaped: TXT strings quoted, names without the dot. */
  public static String rdata(DnsRecord r) {
    if (r.is(RecordType.TXT)) {
      List<String> parts = new ArrayList<>();
      for (String s : r.strings()) {
        parts.add(Text.quote(s));
      }
      return String.join(" ", parts);
    }
    if (r.target().isPresent()) {
      return Text.escape(r.target().get());
    }
    if (r.is(RecordType.SOA)) {
      // MINIMUM is a negative-caching TTL (RFC 2308 §5): at 2^31 or more it counts as 0 (RFC 2181
      // §8), as the record's own TTL does.
      return "serial=" + r.soaSerial().orElse(0) + " minimum="
          + Records.ttl(r.soaMinimum().orElse(0));
    }
    return Text.escape(r.data());
  }

  /** A record on one line: {@code _x.example.com TXT "abc" ttl=300}. */
  public static String record(DnsRecord r) {
    return Text.escape(r.name()) + " " + r.typeName() + " " + rdata(r) + " ttl=" + r.ttl();
  }

  /** The observation text of an answer: rcode, flags, records. */
  public static String describe(ServerAnswer a) {
    if (a.outcome() == Outcome.TIMEOUT || a.outcome() == Outcome.UNREACHABLE
        || a.outcome() == Outcome.NOT_PERMITTED || a.outcome() == Outcome.INSPECTOR_FAILURE
        || a.rcode().isEmpty()) {
      return a.outcome().name() + " " + a.problem().map(Text::escape).orElse("");
    }
    StringBuilder b = new StringBuilder();
    b.append(a.rcode().map(Rcode::string).orElse(a.outcome().name()));
    if (a.authoritative()) {
      b.append(" aa");
    }
    if (a.retriedOverTcp()) {
      b.append(" (truncated over udp, retried over tcp)");
    }
    if (a.outcome() == Outcome.REFERRAL) {
      b.append(" referral");
    } else if (a.outcome() == Outcome.NOT_AUTHORITATIVE) {
      b.append(" not authoritative");
    }
    for (DnsRecord r : a.answer()) {
      b.append("; ").append(record(r));
    }
    for (DnsRecord r : a.authority()) {
      if (r.is(RecordType.SOA) || r.is(RecordType.NS)) {
        b.append("; authority ").append(record(r));
      }
    }
    return b.toString();
  }

  /** {@code TXT _dnsauth.example.com}: the query of an observation. */
  public static String query(Name name, int type) {
    return Type.string(type) + " " + Records.show(name).toLowerCase(Locale.ROOT);
  }
}
