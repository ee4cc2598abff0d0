package org.dvinspector.it;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Direct queries to one lab server, like {@code dig @server}: used by the harness to see that a
 * server is up and by tests to state what a server serves. Test code only, so it may block.
 */
final class Dig {
  private Dig() {}

  /** One query with a short timeout, recursion desired as given. */
  static Message query(InetAddress server, int port, String name, int type, boolean recursive)
      throws IOException {
    SimpleResolver r = new SimpleResolver(server);
    r.setPort(port);
    r.setTimeout(Duration.ofMillis(700));
    Message q = Message.newQuery(Record.newRecord(name(name), type, 1));
    if (!recursive) {
      q.getHeader().unsetFlag(Flags.RD);
    }
    return r.send(q);
  }

  /** An authoritative query (no recursion desired) to a lab server on the lab's DNS port. */
  static Message query(InetAddress server, String name, int type) throws IOException {
    return query(server, LabEnvironment.DNS_PORT, name, type, false);
  }

  /** The response code's name, e.g. {@code NOERROR}, {@code SERVFAIL}. */
  static String rcode(Message m) {
    return Rcode.string(m.getRcode());
  }

  /** Whether the answer is authoritative. */
  static boolean authoritative(Message m) {
    return m.getHeader().getFlag(Flags.AA);
  }

  /** The TXT answers, each record's strings joined. */
  static List<String> txt(Message m) {
    List<String> out = new ArrayList<>();
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r.getType() == Type.TXT) {
        out.add(String.join("", ((TXTRecord) r).getStrings()));
      }
    }
    return out;
  }

  /** The answer records in presentation format. */
  static List<String> answers(Message m) {
    List<String> out = new ArrayList<>();
    for (Record r : m.getSection(Section.ANSWER)) {
      out.add(r.rdataToString());
    }
    return out;
  }

  /** The serial of the SOA in the answer, or -1. */
  static long soaSerial(Message m) {
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r.getType() == Type.SOA) {
        return ((org.xbill.DNS.SOARecord) r).getSerial();
      }
    }
    return -1;
  }

  static Name name(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(s, e);
    }
  }
}
