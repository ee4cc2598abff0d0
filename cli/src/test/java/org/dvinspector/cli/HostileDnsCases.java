package org.dvinspector.cli;

import static org.dvinspector.FindingCode.CAA_FORBIDS_ISSUER;
import static org.dvinspector.FindingCode.CAA_LOOKUP_FAILED;
import static org.dvinspector.FindingCode.CAA_UNKNOWN_CRITICAL_TAG;
import static org.dvinspector.FindingCode.DNS_CNAME_AT_ZONE_APEX;
import static org.dvinspector.FindingCode.DNS_CNAME_FOLLOWED;
import static org.dvinspector.FindingCode.DNS_CNAME_LOOP;
import static org.dvinspector.FindingCode.DNS_LAME_DELEGATION;
import static org.dvinspector.FindingCode.DNS_NS_SETS_DIFFER;
import static org.dvinspector.FindingCode.DNS_RECORD_MISSING;
import static org.dvinspector.FindingCode.DNS_SERVER_FAILURE;
import static org.dvinspector.FindingCode.DNS_SERVER_TIMEOUT;
import static org.dvinspector.FindingCode.DNS_VALUE_MISMATCH;
import static org.dvinspector.FindingCode.DNS_ZONE_NOT_FOUND;
import static org.dvinspector.FindingCode.INSPECTION_DEADLINE_EXCEEDED;
import static org.dvinspector.Verdict.NOT_READY;
import static org.dvinspector.Verdict.READY;
import static org.dvinspector.Verdict.UNKNOWN;
import static org.dvinspector.cli.HostileDnsBattery.DIGEST;
import static org.dvinspector.cli.HostileDnsBattery.RECORD;
import static org.dvinspector.cli.HostileDnsBattery.ZONE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dvinspector.InspectionReport;
import org.dvinspector.testkit.HostileDns;
import org.dvinspector.testkit.HostileDns.Reply;
import org.dvinspector.testkit.HostileDns.Responder;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The cases of the {@linkplain HostileDnsBattery hostile DNS battery}, each with the verdict it
 * must reach: READY where a CA would still validate, NOT_READY where the domain's server is at
 * fault, UNKNOWN where the inspector cannot decide. "Both" means both nameservers of {@code
 * victim.com} are hostile; "ns2" that only the second one is (a CA's resolver then asks the other,
 * so the check passes with a warning naming it).
 */
final class HostileDnsCases {
  private HostileDnsCases() {}

  // ------------------------------------------------------------------ message helpers

  private static Name name(String n) {
    try {
      return Name.fromString(n.endsWith(".") ? n : n + ".");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One record from its presentation form, e.g. {@code rr("x.victim.com", 300, Type.TXT, "\"a\"")}. */
  static Record rr(String owner, long ttl, int type, String rdata) {
    try {
      return Record.fromString(name(owner), type, DClass.IN, ttl, rdata, Name.root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An authoritative reply to {@code q} with nothing in it yet. */
  static Message aa(Message q) {
    Message m = HostileDns.replyTo(q);
    m.getHeader().setFlag(Flags.AA);
    return m;
  }

  /** A reply without the AA bit. */
  static Message plain(Message q) {
    return HostileDns.replyTo(q);
  }

  /** {@code records} in {@code section} of {@code m}. */
  static Message with(Message m, int section, Record... records) {
    for (Record r : records) {
      m.addRecord(r, section);
    }
    return m;
  }

  /** An authoritative answer to the validation question holding {@code records}. */
  static Responder answer(UnaryOperator<Message> build) {
    return HostileDns.answering(build::apply);
  }

  /** {@code count} records made by {@code make(i)}. */
  static Record[] many(int count, java.util.function.IntFunction<Record> make) {
    Record[] out = new Record[count];
    for (int i = 0; i < count; i++) {
      out[i] = make.apply(i);
    }
    return out;
  }

  /** The right TXT record at the validation name. */
  static Record rightTxt() {
    return new TXTRecord(name(RECORD), DClass.IN, 300, DIGEST);
  }

  /** A TXT record with {@code strings} given as bytes (any bytes at all). */
  static Record txtBytes(String owner, long ttl, List<byte[]> strings) {
    ByteBuffer rdata = ByteBuffer.allocate(strings.stream().mapToInt(x -> 1 + x.length).sum());
    for (byte[] x : strings) {
      rdata.put((byte) x.length).put(x);
    }
    return Record.newRecord(name(owner), Type.TXT, DClass.IN, ttl, rdata.array());
  }

  /**
   * The wire form of an answer to {@code query} with one record at the question's name whose
   * type and data are given raw (data that dnsjava would refuse to build).
   */
  static byte[] rawAnswer(Message query, int type, byte[] rdata) {
    byte[] head = aa(query).toWire();
    ByteBuffer b = ByteBuffer.allocate(head.length + 12 + rdata.length);
    b.put(head);
    b.putShort((short) 0xC00C); // the question's name
    b.putShort((short) type).putShort((short) DClass.IN).putInt(300);
    b.putShort((short) rdata.length).put(rdata);
    byte[] out = b.array();
    out[7] = 1; // ANCOUNT
    return out;
  }

  /** {@code wire} with every occurrence of {@code from} replaced by {@code to} (same length). */
  static byte[] replace(byte[] wire, byte[] from, byte[] to) {
    byte[] out = wire.clone();
    for (int i = 0; i + from.length <= out.length; i++) {
      if (Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, out, i, to.length);
      }
    }
    return out;
  }

  /** The TTL a record is built with before the wire is patched to {@link #HUGE_TTL}. */
  static final long MARK_TTL = 0x7FFFFFF0L;
  /** 2^32 - 1: RFC 2181 §8 says a TTL with the top bit set is treated as zero. */
  static final long HUGE_TTL = 0xFFFFFFFFL;

  /** {@code base}'s answer with every TTL of {@link #MARK_TTL} written as {@link #HUGE_TTL}. */
  static Responder hugeTtls(Responder base) {
    byte[] mark = ByteBuffer.allocate(4).putInt((int) MARK_TTL).array();
    byte[] huge = ByteBuffer.allocate(4).putInt((int) HUGE_TTL).array();
    return r -> {
      byte[] wire = base.respond(r).firstMessage().orElseThrow();
      return Reply.send(replace(wire, mark, huge));
    };
  }

  /** An authoritative answer with {@code rcode} and nothing else (no SOA). */
  static Responder aaRcode(int rcode) {
    return answer(q -> {
      Message m = aa(q);
      m.getHeader().setRcode(rcode);
      return m;
    });
  }

  /**
   * Fails when a finding (message, remedy, attribute or evidence) holds {@code text}: a value a
   * server sent may be shown in the observations, never used as a wait or a verdict.
   */
  static java.util.function.Function<InspectionReport, @Nullable String> noFindingSays(
      String text) {
    return report -> {
      for (org.dvinspector.Finding f : report.findings()) {
        StringBuilder b = new StringBuilder(f.message()).append(' ').append(f.remedy().orElse(""))
            .append(' ').append(f.attributes());
        f.evidence().forEach(e -> b.append(' ').append(e.detail()));
        if (b.indexOf(text) >= 0) {
          return f.code() + " says " + text + ": " + f.message();
        }
      }
      return null;
    };
  }

  // ------------------------------------------------------------------ the cases

  static List<HostileDnsCase> all() {
    List<HostileDnsCase> all = new ArrayList<>();
    spoofing(all);
    tcp(all);
    malformed(all);
    sizes(all);
    rcodes(all);
    negativeAnswers(all);
    aliases(all);
    referrals(all);
    nameservers(all);
    caa(all);
    escapes(all);
    timing(all);
    return all;
  }

  /** Replies that do not match the question: discarded, as RFC 5452 §9.1 asks. */
  private static void spoofing(List<HostileDnsCase> all) {
    all.add(HostileDnsCase.named("wrong-ids-before-answer",
            "20 NXDOMAIN replies with wrong IDs before every right answer (TXT, CAA, NS, A),"
                + " from both servers")
        .setup(e -> e.both(HostileDns.wrongIdsFirst(20, aaRcode(Rcode.NXDOMAIN), e.good())))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("wrong-question-before-answer",
            "replies about another name before the right answer")
        .setup(e -> e.both(e.forRecord(HostileDns.wrongQuestionFirst(5,
            aaRcode(Rcode.NXDOMAIN), e.good()))))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("flood-on-client-port",
            "100 forged NXDOMAIN datagrams with the right ID to the client's port from another"
                + " port, then the right answer, for every question")
        .setup(e -> e.both(HostileDns.floodFromOtherPort(100, aaRcode(Rcode.NXDOMAIN),
            e.good())))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("garbage-before-answer",
            "30 datagrams of random bytes (with the query's ID) before the right answer")
        .setup(e -> e.both(HostileDns.garbageFirst(30, e.good())))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("question-case-changed",
            "the answer echoes the question in another letter case (RFC 4343: the same name)")
        .setup(e -> e.both(r -> {
          byte[] wire = e.good().respond(r).firstMessage().orElseThrow();
          for (int i = 12; i < wire.length && wire[i] != 0; i++) {
            if (wire[i] >= 'a' && wire[i] <= 'z') {
              wire[i] = (byte) (wire[i] - 32);
            }
          }
          return Reply.send(wire);
        }))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("only-spoofed-replies",
            "both servers send only replies with wrong IDs: no answer ever comes")
        .setup(e -> e.both(e.forRecord(HostileDns.wrongIdsFirst(5, e.good(),
            HostileDns.drop()))))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "wrong message id"));
  }

  /** Truncated answers and what the TCP retry meets. */
  private static void tcp(List<HostileDnsCase> all) {
    all.add(HostileDnsCase.named("truncated-then-tcp-answers",
            "TC over UDP, the right answer over TCP")
        .setup(e -> e.both(HostileDns.truncatedOverUdp(e.good())))
        .expectObserved(READY, "ns1.victim.com [127.0.0.11] tcp", DIGEST));
    all.add(HostileDnsCase.named("truncated-then-tcp-reset", "TC over UDP, then a TCP reset")
        .setup(e -> e.both(e.forRecord(HostileDns.truncatedOverUdp(HostileDns.tcpReset()))))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "reset"));
    all.add(HostileDnsCase.named("truncated-then-tcp-hangs",
            "TC over UDP, then a TCP connection that never answers")
        .setup(e -> e.both(e.forRecord(HostileDns.truncatedOverUdp(HostileDns.tcpHang()))))
        .expect(NOT_READY, DNS_SERVER_TIMEOUT, "ns1.victim.com", "no answer"));
    all.add(HostileDnsCase.named("truncated-then-tcp-closes",
            "TC over UDP, then the TCP connection closed before any answer")
        .setup(e -> e.both(e.forRecord(HostileDns.truncatedOverUdp(r -> Reply.close()))))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "closed the tcp connection"));
    all.add(HostileDnsCase.named("tcp-length-longer-then-close",
            "the TCP length prefix promises 100 bytes more than come, then the server closes")
        .setup(e -> e.both(e.forRecord(HostileDns.truncatedOverUdp(
            HostileDns.tcpLengthLie(100, e.good(), Reply.close())))))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "closed the tcp connection"));
    all.add(HostileDnsCase.named("tcp-length-longer-then-hang",
            "the TCP length prefix promises 100 bytes more than come, and the server waits")
        .setup(e -> e.both(e.forRecord(HostileDns.truncatedOverUdp(
            HostileDns.tcpLengthLie(100, e.good(), Reply.hang())))))
        .expect(NOT_READY, DNS_SERVER_TIMEOUT, "ns1.victim.com", "no answer"));
    all.add(HostileDnsCase.named("tcp-length-shorter",
            "the TCP length prefix is 20 bytes short: the message read is cut")
        .setup(e -> e.both(e.forRecord(HostileDns.truncatedOverUdp(
            HostileDns.tcpLengthLie(-20, e.good(), Reply.none())))))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "malformed answer over tcp"));
    all.add(HostileDnsCase.named("tcp-length-zero", "a TCP length prefix of 0")
        .setup(e -> e.both(e.forRecord(HostileDns.truncatedOverUdp(
            HostileDns.tcpLengthLie(-100_000, e.good(), Reply.none())))))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "shorter than a dns header"));
    all.add(HostileDnsCase.named("truncated-even-over-tcp",
            "the TC bit on the TCP answer too: not an answer, never taken as \"no record\"")
        .setup(e -> e.both(e.forRecord(HostileDns.truncatedEvenOverTcp(e.good()))))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "truncated even over tcp"));
    all.add(HostileDnsCase.named("one-server-tcp-reset",
            "ns2 truncates and resets over TCP; ns1 answers: a CA's resolver asks ns1")
        .setup(e -> e.ns2(e.forRecord(HostileDns.truncatedOverUdp(HostileDns.tcpReset()))))
        .expect(READY, DNS_SERVER_FAILURE, "ns2.victim.com", "reset"));
  }

  /** Messages that do not parse. */
  private static void malformed(List<HostileDnsCase> all) {
    all.add(HostileDnsCase.named("compression-loop", "an owner name that points to itself")
        .setup(e -> e.both(e.forRecord(HostileDns.compressionLoop())))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "unreadable"));
    all.add(HostileDnsCase.named("pointer-past-end", "a compression pointer past the end")
        .setup(e -> e.both(e.forRecord(HostileDns.pointerPastEnd())))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "unreadable"));
    all.add(HostileDnsCase.named("counts-beyond-records",
            "the header promises 5 more answer records than the message holds")
        .setup(e -> e.both(e.forRecord(HostileDns.countsBeyondRecords(5, e.good()))))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "unreadable"));
    all.add(HostileDnsCase.named("cut-mid-record", "the answer ends in the middle of a record")
        .setup(e -> e.both(e.forRecord(HostileDns.cutShort(60, e.good()))))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", "unreadable"));
    all.add(HostileDnsCase.named("one-server-compression-loop",
            "only ns2 sends the compression loop; ns1 answers")
        .setup(e -> e.ns2(e.forRecord(HostileDns.compressionLoop())))
        .expect(READY, DNS_SERVER_FAILURE, "ns2.victim.com", "unreadable"));
  }

  /** Large answers a CA's resolver reads whole over TCP. */
  private static void sizes(List<HostileDnsCase> all) {
    all.add(HostileDnsCase.named("sixty-four-kib-answer",
            "the right TXT among 235 records of 255 bytes: about 63 KiB, over TCP")
        .setup(e -> e.both(e.forRecord(answer(q -> withRight(with(aa(q), Section.ANSWER,
            many(235, i -> new TXTRecord(name(RECORD), DClass.IN, 300,
                String.format(java.util.Locale.ROOT, "%03d", i) + "y".repeat(252)))))))))
        .expectObserved(READY, "ns1.victim.com [127.0.0.11] tcp", DIGEST));
    all.add(HostileDnsCase.named("thousands-of-txt-records",
            "the right TXT among 3,000 one-character TXT records")
        .setup(e -> e.both(e.forRecord(answer(q -> withRight(with(aa(q), Section.ANSWER,
            many(3000, i -> new TXTRecord(name(RECORD), DClass.IN, 300, Integer.toString(i,
                36)))))))))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("ten-thousand-strings-beside-the-right-record",
            "one TXT record of 10,000 one-byte strings beside the right record")
        .setup(e -> e.both(e.forRecord(answer(q -> withRight(with(aa(q), Section.ANSWER,
            tenThousandStrings()))))))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("ten-thousand-strings-only",
            "only a TXT record of 10,000 one-byte strings: the value differs")
        .setup(e -> e.both(e.forRecord(answer(q -> with(aa(q), Section.ANSWER,
            tenThousandStrings())))))
        .expect(NOT_READY, DNS_VALUE_MISMATCH, RECORD, "differ"));
    all.add(HostileDnsCase.named("udp-answer-over-advertised-size",
            "a 4 KB UDP answer without TC although the query offered 1,232 bytes")
        .setup(e -> e.both(e.forRecord(r -> Reply.send(withRight(with(aa(r.query()),
            Section.ANSWER, many(15, i -> new TXTRecord(name(RECORD), DClass.IN, 300,
                "z".repeat(250) + i))))))))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
  }

  private static Message withRight(Message m) {
    m.addRecord(rightTxt(), Section.ANSWER);
    return m;
  }

  private static Record tenThousandStrings() {
    List<byte[]> strings = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      strings.add(new byte[] {(byte) ('a' + i % 26)});
    }
    return txtBytes(RECORD, 300, strings);
  }

  /** Every RCODE to the validation question, from both servers. */
  private static void rcodes(List<HostileDnsCase> all) {
    all.add(HostileDnsCase.named("edns-formerr",
            "FORMERR without OPT to queries with EDNS, right answers without (RFC 6891 §7)")
        .setup(e -> e.both(HostileDns.formerrToEdns(e.good())))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    for (int rcode = 1; rcode <= 16; rcode++) {
      if (rcode == Rcode.NXDOMAIN) {
        continue; // a negative answer, below
      }
      int rc = rcode;
      String word = rc == Rcode.SERVFAIL ? "SERVFAIL" : rc == Rcode.REFUSED ? "REFUSED"
          : "error " + Rcode.string(rc);
      all.add(HostileDnsCase.named("rcode-" + Rcode.string(rc).toLowerCase(java.util.Locale.ROOT),
              "RCODE " + rc + " (" + Rcode.string(rc) + ") from both servers"
                  + (rc > 15 ? ", in the OPT record's extended bits" : ""))
          .setup(e -> e.both(e.forRecord(rc > 15 ? HostileDns.rcode(rc) : aaRcode(rc))))
          .expect(NOT_READY, DNS_SERVER_FAILURE, "ns1.victim.com", word));
    }
  }

  /** NXDOMAIN and NODATA, with odd authority sections. */
  private static void negativeAnswers(List<HostileDnsCase> all) {
    Record foreignSoa = rr("evil.example.org", 86_400, Type.SOA,
        "ns.evil.example.org. h.evil.example.org. 7 3600 600 86400 86400");
    all.add(HostileDnsCase.named("nxdomain-without-soa",
            "an authoritative NXDOMAIN with nothing in the authority section")
        .setup(e -> e.both(e.forRecord(aaRcode(Rcode.NXDOMAIN))))
        .expect(NOT_READY, DNS_RECORD_MISSING, RECORD, "nxdomain"));
    all.add(HostileDnsCase.named("nodata-without-soa",
            "an authoritative empty NOERROR with nothing in the authority section")
        .setup(e -> e.both(e.forRecord(answer(HostileDnsCases::aa))))
        .expect(NOT_READY, DNS_RECORD_MISSING, RECORD, "nodata"));
    all.add(HostileDnsCase.named("nxdomain-with-foreign-soa",
            "an authoritative NXDOMAIN whose SOA belongs to another zone")
        .setup(e -> e.both(e.forRecord(answer(q -> {
          Message m = with(aa(q), Section.AUTHORITY, foreignSoa);
          m.getHeader().setRcode(Rcode.NXDOMAIN);
          return m;
        }))))
        .expect(NOT_READY, DNS_RECORD_MISSING, RECORD, "nxdomain"));
    all.add(HostileDnsCase.named("answer-with-foreign-soa",
            "the right answer with another zone's SOA in the authority section")
        .setup(e -> e.both(e.forRecord(answer(q -> with(withRight(aa(q)), Section.AUTHORITY,
            foreignSoa)))))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("answer-without-aa",
            "the right data without the AA bit from both servers: a lame delegation")
        .setup(e -> e.both(e.forRecord(answer(q -> withRight(plain(q))))))
        .expect(NOT_READY, DNS_LAME_DELEGATION, "ns1.victim.com", "without the aa"));
    all.add(HostileDnsCase.named("ttl-over-2-31-negative",
            "NXDOMAIN whose SOA has TTL and MINIMUM 2^32-1: the wait is 0, not 136 years"
                + " (RFC 2181 §8)")
        .setup(e -> e.both(e.forRecord(hugeTtls(answer(q -> {
          Message m = with(aa(q), Section.AUTHORITY, rr(ZONE, MARK_TTL, Type.SOA,
              "ns1.victim.com. h.victim.com. 9 3600 600 86400 " + MARK_TTL));
          m.getHeader().setRcode(Rcode.NXDOMAIN);
          return m;
        })))))
        .also(noFindingSays("4294967295"))
        .expect(NOT_READY, DNS_RECORD_MISSING, RECORD, "negative-cache ttl 0 s"));
    all.add(HostileDnsCase.named("ttl-over-2-31-positive",
            "the right TXT with TTL 2^32-1, taken as 0")
        .setup(e -> e.both(e.forRecord(hugeTtls(answer(q -> with(aa(q), Section.ANSWER,
            new TXTRecord(name(RECORD), DClass.IN, MARK_TTL, DIGEST)))))))
        .also(noFindingSays("4294967295"))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
  }

  /** CNAME and DNAME: chains, loops, and a DNAME without its synthesized CNAME. */
  private static void aliases(List<HostileDnsCase> all) {
    String alias = "_acme-challenge.alias.target.net";
    all.add(HostileDnsCase.named("cname-chain-followed",
            "the validation name is a CNAME into another zone that holds the record")
        .setup(e -> e.both(e.forRecord(answer(q -> with(aa(q), Section.ANSWER,
            rr(RECORD, 300, Type.CNAME, alias + "."))))))
        .expect(READY, DNS_CNAME_FOLLOWED, alias, "alias"));
    all.add(HostileDnsCase.named("cname-chain-twenty",
            "a chain of 20 CNAMEs, one per answer (resolvers give up on such chains)")
        .setup(e -> e.both(r -> {
          Message q = r.query();
          Name n = q.getQuestion().getName();
          String first = n.getLabelString(0);
          if (!n.toString().endsWith("www.victim.com.") || !(first.startsWith("_acme")
              || first.startsWith("c"))) {
            return e.good().respond(r);
          }
          int next = first.startsWith("c") ? Integer.parseInt(first.substring(1)) + 1 : 1;
          return Reply.send(with(aa(q), Section.ANSWER, rr(n.toString(), 300, Type.CNAME,
              "c" + next + ".www.victim.com.")));
        }))
        .expect(NOT_READY, DNS_CNAME_LOOP, RECORD, "longer than"));
    all.add(HostileDnsCase.named("cname-loop", "a -> b -> a")
        .setup(e -> e.both(r -> {
          Message q = r.query();
          Name n = q.getQuestion().getName();
          if (n.equals(name(RECORD))) {
            return Reply.send(with(aa(q), Section.ANSWER,
                rr(RECORD, 300, Type.CNAME, "b.www.victim.com.")));
          }
          if (n.equals(name("b.www.victim.com"))) {
            return Reply.send(with(aa(q), Section.ANSWER,
                rr("b.www.victim.com", 300, Type.CNAME, RECORD + ".")));
          }
          return e.good().respond(r);
        }))
        .expect(NOT_READY, DNS_CNAME_LOOP, RECORD, "loops"));
    Record dname = rr("www.victim.com", 300, Type.DNAME, "www.target.net.");
    all.add(HostileDnsCase.named("dname-with-synthesized-cname",
            "a DNAME www.victim.com -> www.target.net with its synthesized CNAME (RFC 6672)")
        .setup(e -> e.both(e.forRecord(answer(q -> with(aa(q), Section.ANSWER, dname,
            rr(RECORD, 300, Type.CNAME, "_acme-challenge.www.target.net."))))))
        .expect(READY, DNS_CNAME_FOLLOWED, "_acme-challenge.www.target.net", "alias"));
    all.add(HostileDnsCase.named("dname-without-cname",
            "a DNAME alone, no synthesized CNAME: a CA's resolver synthesizes it and follows")
        .setup(e -> e.both(e.forRecord(answer(q -> with(aa(q), Section.ANSWER, dname)))))
        .expect(READY, DNS_CNAME_FOLLOWED, "_acme-challenge.www.target.net", "alias"));
    all.add(HostileDnsCase.named("dname-expanding-loop",
            "DNAME www.victim.com -> x.www.victim.com: every answer is another level deeper")
        .setup(e -> e.both(r -> {
          Message q = r.query();
          Name n = q.getQuestion().getName();
          if (!n.subdomain(name("www.victim.com")) || n.equals(name("www.victim.com"))) {
            return e.good().respond(r);
          }
          Name prefix = n.relativize(name("www.victim.com"));
          return Reply.send(with(aa(q), Section.ANSWER,
              rr("www.victim.com", 300, Type.DNAME, "x.www.victim.com."),
              rr(n.toString(), 300, Type.CNAME, prefix + ".x.www.victim.com.")));
        }))
        .expect(NOT_READY, DNS_CNAME_LOOP, RECORD, "longer than"));
  }

  /** Referrals that go nowhere. */
  private static void referrals(List<HostileDnsCase> all) {
    all.add(HostileDnsCase.named("referral-upward",
            "the zone's servers refer the question up to com")
        .setup(e -> e.both(e.forRecord(answer(q -> with(plain(q), Section.AUTHORITY,
            rr("com", 3600, Type.NS, "ns.nic.com."))))))
        .expect(NOT_READY, DNS_LAME_DELEGATION, "ns1.victim.com", "referral"));
    all.add(HostileDnsCase.named("referral-sideways",
            "the zone's servers refer the question to an unrelated zone")
        .setup(e -> e.both(e.forRecord(answer(q -> with(plain(q), Section.AUTHORITY,
            rr("evil.example.org", 3600, Type.NS, "ns.evil.example.org."))))))
        .expect(NOT_READY, DNS_LAME_DELEGATION, "ns1.victim.com", "referral"));
    all.add(HostileDnsCase.named("referral-loop",
            "www.victim.com is delegated to the same two servers, which refer it again")
        .setup(e -> e.both(r -> {
          Message q = r.query();
          Name n = q.getQuestion().getName();
          if (!n.subdomain(name("www.victim.com"))) {
            return e.good().respond(r);
          }
          return Reply.send(with(with(plain(q), Section.AUTHORITY,
                  rr("www.victim.com", 3600, Type.NS, "ns1.victim.com."),
                  rr("www.victim.com", 3600, Type.NS, "ns2.victim.com.")),
              Section.ADDITIONAL, rr("ns1.victim.com", 3600, Type.A, HostileDnsBattery.NS1),
              rr("ns2.victim.com", 3600, Type.A, HostileDnsBattery.NS2)));
        }))
        .expect(NOT_READY, DNS_LAME_DELEGATION, "ns1.victim.com", "referral"));
    all.add(HostileDnsCase.named("delegation-maze",
            "com delegates victim.com to ten names under a new zone each time, never with glue")
        .setup(e -> e.parent(r -> {
          Message q = r.query();
          Name n = q.getQuestion().getName();
          int depth = mazeDepth(n);
          if (depth < 0 && !n.subdomain(name(ZONE))) {
            return e.parentGood().respond(r);
          }
          String zone = depth < 0 ? ZONE : "maze" + depth + ".com";
          Message m = plain(q);
          for (int i = 0; i < 10; i++) {
            m.addRecord(rr(zone, 3600, Type.NS, "h" + i + ".maze" + (depth + 1) + ".com."),
                Section.AUTHORITY);
          }
          return Reply.send(m);
        }))
        // A CA's resolver gives up on such a maze after a few lookups (Unbound's
        // target-fetch-policy "3 2 1 0 0"); so does the inspector, which bounds nameserver
        // address lookups per inspection (before, fan-out^depth walks ran to the deadline).
        .expect(NOT_READY, DNS_ZONE_NOT_FOUND, ZONE, "no nameserver"));
  }

  /** The N of a name under {@code mazeN.com}, or -1. */
  private static int mazeDepth(Name n) {
    for (int i = 0; i < n.labels() - 1; i++) {
      String label = n.getLabelString(i);
      if (label.startsWith("maze") && n.labels() - i == 3) {
        return Integer.parseInt(label.substring(4));
      }
    }
    return -1;
  }

  /** Nameserver sets: huge, and at addresses a CA must not query. */
  private static void nameservers(List<HostileDnsCase> all) {
    all.add(HostileDnsCase.named("sixty-ns-records",
            "the zone lists 60 more nameservers than the delegation, all on the same addresses")
        .setup(e -> {
          List<String> rs = new ArrayList<>();
          for (int i = 0; i < 60; i++) {
            rs.add("@ NS ns" + (i + 10) + ".victim.com.");
            rs.add("ns" + (i + 10) + " A " + (i % 2 == 0 ? HostileDnsBattery.NS1
                : HostileDnsBattery.NS2));
          }
          e.add(rs.toArray(new String[0]));
          e.both(e.good());
        })
        .expect(READY, DNS_NS_SETS_DIFFER, ZONE, "ns69.victim.com"));
    all.add(HostileDnsCase.named("glue-private",
            "com gives glue at 10.0.0.53 and 192.168.1.53: a CA never queries them")
        .setup(e -> e.parent(glueFor(e, "10.0.0.53", "192.168.1.53")))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "10.0.0.53", "not a public address"));
    all.add(HostileDnsCase.named("glue-link-local-and-unspecified",
            "com gives glue at 169.254.169.254 and 0.0.0.0")
        .setup(e -> e.parent(glueFor(e, "169.254.169.254", "0.0.0.0")))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "169.254.169.254", "not a public address"));
    all.add(HostileDnsCase.named("glue-private-ipv6",
            "com gives glue at fd00::53 and fe80::53")
        .setup(e -> e.parent(glueFor(e, "fd00::53", "fe80::53")))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "fd00", "not a public address"));
    all.add(HostileDnsCase.named("glue-one-private",
            "com gives glue at 10.0.0.53 for ns1 and the real address for ns2")
        .setup(e -> e.parent(glueFor(e, "10.0.0.53", HostileDnsBattery.NS2)))
        .expect(READY, DNS_SERVER_FAILURE, "10.0.0.53", "not a public address"));
    all.add(HostileDnsCase.named("nameserver-names-resolve-private",
            "victim.com's nameservers are names in dns-host.net with private addresses only")
        .setup(e -> e.parent(answer(q -> {
          if (!q.getQuestion().getName().subdomain(name(ZONE))) {
            return HostileDns.zoneAnswers(e.lab.zone("com")).apply(q);
          }
          return with(plain(q), Section.AUTHORITY,
              rr(ZONE, 3600, Type.NS, "private1.dns-host.net."),
              rr(ZONE, 3600, Type.NS, "private2.dns-host.net."));
        })))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "192.168.1.53", "not a public address"));
    all.add(HostileDnsCase.named("sub-delegation-to-private-glue",
            "victim.com delegates www.victim.com to ns.www.victim.com at 10.1.2.3")
        .setup(e -> e.both(r -> {
          Message q = r.query();
          if (!q.getQuestion().getName().subdomain(name("www.victim.com"))) {
            return e.good().respond(r);
          }
          return Reply.send(with(with(plain(q), Section.AUTHORITY,
              rr("www.victim.com", 3600, Type.NS, "ns.www.victim.com.")), Section.ADDITIONAL,
              rr("ns.www.victim.com", 3600, Type.A, "10.1.2.3")));
        }))
        .expect(NOT_READY, DNS_SERVER_FAILURE, "10.1.2.3", "not a public address"));
    all.add(HostileDnsCase.named("cname-at-zone-apex",
            "the apex answers the NS question with a CNAME (the zones of the lab refuse that)")
        .setup(e -> e.both(e.onlyFor(ZONE, Type.NS, answer(q -> with(aa(q), Section.ANSWER,
            rr(ZONE, 300, Type.CNAME, "apex.target.net."))))))
        .expect(READY, DNS_CNAME_AT_ZONE_APEX, ZONE, "alias"));
  }

  /** The com server's answers with the glue of victim.com's two nameservers replaced. */
  static Responder glueFor(HostileDnsBattery.Env e, String ns1, String ns2) {
    return answer(q -> {
      Message m = HostileDns.zoneAnswers(e.lab.zone("com")).apply(q);
      List<Record> keep = new ArrayList<>();
      for (Record r : m.getSection(Section.ADDITIONAL)) {
        if (!r.getName().subdomain(name(ZONE))) {
          keep.add(r);
        }
      }
      if (keep.size() == m.getSection(Section.ADDITIONAL).size()) {
        return m; // not a referral to victim.com
      }
      m.removeAllRecords(Section.ADDITIONAL);
      keep.forEach(r -> m.addRecord(r, Section.ADDITIONAL));
      m.addRecord(rr("ns1.victim.com", 3600, ns1.contains(":") ? Type.AAAA : Type.A, ns1),
          Section.ADDITIONAL);
      m.addRecord(rr("ns2.victim.com", 3600, ns2.contains(":") ? Type.AAAA : Type.A, ns2),
          Section.ADDITIONAL);
      return m;
    });
  }

  /** CAA record sets a CA reads whole, and ones it cannot read. */
  private static void caa(List<HostileDnsCase> all) {
    all.add(HostileDnsCase.named("caa-thousand-records",
            "1,000 CAA records at www.victim.com, one of them letsencrypt.org")
        .setup(e -> e.both(e.onlyFor(DOMAIN_NAME, Type.CAA, answer(q -> with(with(aa(q),
            Section.ANSWER, many(1000, i -> rr(DOMAIN_NAME, 300, Type.CAA,
                "0 issue \"ca" + i + ".example\""))), Section.ANSWER,
            rr(DOMAIN_NAME, 300, Type.CAA, "0 issue \"letsencrypt.org\""))))))
        .expectObserved(READY, "ns1.victim.com", "ca999.example"));
    all.add(HostileDnsCase.named("caa-thousand-records-without-the-ca",
            "1,000 CAA records at www.victim.com, none for Let's Encrypt")
        .setup(e -> e.both(e.onlyFor(DOMAIN_NAME, Type.CAA, answer(q -> with(aa(q),
            Section.ANSWER, many(1000, i -> rr(DOMAIN_NAME, 300, Type.CAA,
                "0 issue \"ca" + i + ".example\"")))))))
        .expect(NOT_READY, CAA_FORBIDS_ISSUER, DOMAIN_NAME, "letsencrypt.org"));
    all.add(HostileDnsCase.named("caa-malformed-rdata",
            "a CAA record of one byte (flags, no tag): the answer cannot be read")
        .setup(e -> e.both(e.onlyFor(DOMAIN_NAME, Type.CAA,
            r -> Reply.send(rawAnswer(r.query(), Type.CAA, new byte[] {0})))))
        .expect(NOT_READY, CAA_LOOKUP_FAILED, DOMAIN_NAME, "unreadable"));
    all.add(HostileDnsCase.named("caa-malformed-value",
            "the only issue record's value does not parse: it authorizes nobody")
        .setup(e -> e.both(e.onlyFor(DOMAIN_NAME, Type.CAA, answer(q -> with(aa(q),
            Section.ANSWER, rr(DOMAIN_NAME, 300, Type.CAA, "0 issue \"%%%;;;==\""))))))
        .expect(NOT_READY, CAA_FORBIDS_ISSUER, DOMAIN_NAME, "letsencrypt.org"));
    all.add(HostileDnsCase.named("caa-critical-tag-with-escapes",
            "a critical CAA record with an unknown tag and terminal escapes in its value")
        .setup(e -> e.both(e.onlyFor(DOMAIN_NAME, Type.CAA, r -> {
          byte[] value = HostileDns.POISON.getBytes(StandardCharsets.UTF_8);
          byte[] rdata = ByteBuffer.allocate(2 + 3 + value.length).put((byte) 128).put((byte) 3)
              .put("tbs".getBytes(StandardCharsets.US_ASCII)).put(value).array();
          return Reply.send(rawAnswer(r.query(), Type.CAA, rdata));
        })))
        .expect(NOT_READY, CAA_UNKNOWN_CRITICAL_TAG, DOMAIN_NAME, "tbs"));
    all.add(HostileDnsCase.named("caa-dname-without-cname",
            "CAA at www.victim.com answered by a DNAME victim.com -> target.net alone, where"
                + " www.target.net authorizes another CA: the CA follows the DNAME")
        .setup(e -> e.both(e.onlyFor(DOMAIN_NAME, Type.CAA, answer(q -> with(aa(q),
            Section.ANSWER, rr(ZONE, 300, Type.DNAME, "target.net."))))))
        .expect(NOT_READY, CAA_FORBIDS_ISSUER, "www.target.net", "other-ca.example"));
    all.add(HostileDnsCase.named("caa-servfail",
            "SERVFAIL to every CAA question: CAs refuse (RFC 8659 §3, BR 3.2.2.8)")
        .setup(e -> e.both(HostileDns.when(r -> r.type() == Type.CAA,
            HostileDns.rcode(Rcode.SERVFAIL), e.good())))
        .expect(NOT_READY, CAA_LOOKUP_FAILED, DOMAIN_NAME, "servfail"));
  }

  private static final String DOMAIN_NAME = HostileDnsBattery.DOMAIN;

  /** Values that must reach no terminal raw. */
  private static void escapes(List<HostileDnsCase> all) {
    byte[] poison = HostileDns.POISON.getBytes(StandardCharsets.UTF_8);
    all.add(HostileDnsCase.named("txt-control-and-bidi-characters",
            "the only TXT value holds ANSI escapes, C1 controls, NUL and bidi overrides")
        .setup(e -> e.both(e.forRecord(answer(q -> with(aa(q), Section.ANSWER,
            txtBytes(RECORD, 300, List.of(poison, "\u202eevil".getBytes(StandardCharsets.UTF_8),
                new byte[] {0, 7, 27, (byte) 0x9b, (byte) 0xff})))))))
        .expect(NOT_READY, DNS_VALUE_MISMATCH, RECORD, "differ"));
    all.add(HostileDnsCase.named("txt-escapes-beside-the-right-record",
            "a TXT record of terminal escapes beside the right one")
        .setup(e -> e.both(e.forRecord(answer(q -> withRight(with(aa(q), Section.ANSWER,
            txtBytes(RECORD, 300, List.of(poison))))))))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("cname-to-a-name-with-escapes",
            "the validation name is a CNAME to a name whose label holds terminal escapes")
        .setup(e -> e.both(e.forRecord(r -> {
          byte[] label = "\u001b[31m\u009b\u202e".getBytes(StandardCharsets.UTF_8);
          ByteBuffer target = ByteBuffer.allocate(1 + label.length + 12);
          target.put((byte) label.length).put(label).put((byte) 6)
              .put("target".getBytes(StandardCharsets.US_ASCII)).put((byte) 3)
              .put("net".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
          return Reply.send(rawAnswer(r.query(), Type.CNAME,
              Arrays.copyOf(target.array(), target.position())));
        })))
        .expect(NOT_READY, DNS_RECORD_MISSING, RECORD, "cname"));
  }

  /** Silence and slowness. */
  private static void timing(List<HostileDnsCase> all) {
    all.add(HostileDnsCase.named("silent-servers", "neither server answers the validation question")
        .setup(e -> e.both(e.forRecord(HostileDns.drop())))
        .expect(NOT_READY, DNS_SERVER_TIMEOUT, "ns1.victim.com", "no answer"));
    all.add(HostileDnsCase.named("one-silent-server", "ns2 never answers; ns1 does")
        .setup(e -> e.ns2(HostileDns.drop()))
        .expect(READY, DNS_SERVER_TIMEOUT, "ns2.victim.com", "no answer"));
    all.add(HostileDnsCase.named("slow-but-in-time", "both servers answer 300 ms late")
        .setup(e -> e.both(HostileDns.delayed(Duration.ofMillis(300), e.good())))
        .expectObserved(READY, "ns1.victim.com", DIGEST));
    all.add(HostileDnsCase.named("deadline-cuts-slow-servers",
            "both servers answer after 6 s, within a 10 s query timeout, but the deadline is 3 s:"
                + " the inspector cannot tell")
        .setup(e -> {
          e.both(e.forRecord(HostileDns.delayed(Duration.ofSeconds(6), e.good())));
          e.policy = b -> b.queryTimeout(Duration.ofSeconds(10)).queryAttempts(1)
              .deadline(Duration.ofSeconds(3));
        })
        .expect(UNKNOWN, INSPECTION_DEADLINE_EXCEEDED, ZONE, "deadline"));
  }
}
