package org.dvinspector.dns.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dvinspector.Observation;
import org.dvinspector.Text;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Reading DNS responses: how a question ended, and one-line escaped descriptions. */
public final class Answers {
  private Answers() {}

  /**
   * How a response to {@code qname}/{@code qtype} ended.
   *
   * @param asAuthoritative whether the server was asked as an authoritative server: then an
   *     answer without the AA bit is {@link Outcome#NOT_AUTHORITATIVE} (RFC 1034 §6.2.6: a
   *     server is lame when it does not answer authoritatively for a zone delegated to it)
   */
  public static Outcome outcome(Message response, Name qname, int qtype, boolean asAuthoritative) {
    int rcode = response.getRcode();
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
    List<Record> answer = response.getSection(Section.ANSWER);
    boolean hasData = false;
    for (Record r : answer) {
      if (r.getType() == qtype || r.getType() == Type.CNAME) {
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
  public static Observation.Outcome observationOutcome(ServerAnswer a, boolean referralExpected) {
    return switch (a.outcome()) {
      case ANSWER -> Observation.Outcome.ANSWER;
      case NXDOMAIN, NODATA -> Observation.Outcome.NEGATIVE;
      case REFERRAL -> referralExpected ? Observation.Outcome.ANSWER : Observation.Outcome.ERROR;
      case TIMEOUT -> Observation.Outcome.TIMEOUT;
      case NOT_PERMITTED -> Observation.Outcome.SKIPPED;
      default -> Observation.Outcome.ERROR;
    };
  }

  /** The strings of a TXT record joined without separator, as CAs compare them (RFC 8555 §8.4). */
  public static String joined(TXTRecord txt) {
    StringBuilder b = new StringBuilder();
    for (byte[] s : txt.getStringsAsByteArrays()) {
      b.append(new String(s, StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  /** The strings of a TXT record, decoded. */
  public static List<String> strings(TXTRecord txt) {
    List<String> out = new ArrayList<>();
    for (byte[] s : txt.getStringsAsByteArrays()) {
      out.add(new String(s, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** One record's data for a message, escaped: TXT strings quoted, names without the dot. */
  public static String rdata(Record r) {
    if (r instanceof TXTRecord txt) {
      List<String> parts = new ArrayList<>();
      for (String s : strings(txt)) {
        parts.add(Text.quote(s));
      }
      return String.join(" ", parts);
    }
    if (r instanceof CNAMERecord cname) {
      return Text.escape(Names.show(cname.getTarget()));
    }
    if (r instanceof NSRecord ns) {
      return Text.escape(Names.show(ns.getTarget()));
    }
    if (r instanceof SOARecord soa) {
      return "serial=" + soa.getSerial() + " minimum=" + soa.getMinimum();
    }
    return Text.escape(r.rdataToString());
  }

  /** A record on one line: {@code _x.example.com TXT "abc" ttl=300}. */
  public static String record(Record r) {
    return Text.escape(Names.show(r.getName())) + " " + Type.string(r.getType()) + " " + rdata(r)
        + " ttl=" + r.getTTL();
  }

  /** The observation text of an answer: rcode, flags, records. */
  public static String describe(ServerAnswer a) {
    if (a.outcome() == Outcome.TIMEOUT || a.outcome() == Outcome.UNREACHABLE
        || a.outcome() == Outcome.NOT_PERMITTED) {
      return a.outcome().name() + " " + a.problem().orElse("");
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
    for (Record r : a.answer()) {
      b.append("; ").append(record(r));
    }
    for (Record r : a.authority()) {
      if (r instanceof SOARecord || r instanceof NSRecord) {
        b.append("; authority ").append(record(r));
      }
    }
    return b.toString();
  }

  /** {@code TXT _dnsauth.example.com}: the query of an observation. */
  public static String query(Name name, int type) {
    return Type.string(type) + " " + Names.show(name).toLowerCase(Locale.ROOT);
  }
}
