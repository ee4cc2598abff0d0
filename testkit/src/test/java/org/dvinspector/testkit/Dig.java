package org.dvinspector.testkit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A tiny dnsjava client for tests: one query to one lab server, no recursion desired. */
final class Dig implements AutoCloseable {
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "dig");
    t.setDaemon(true);
    return t;
  });

  /** Asks {@code server} over UDP (falling back to TCP on TC, as dnsjava does). */
  Message ask(InetSocketAddress server, String name, int type) throws Exception {
    return ask(server, name, type, false, false);
  }

  Message ask(InetSocketAddress server, String name, int type, boolean tcp,
      boolean ignoreTruncation) throws Exception {
    SimpleResolver r = new SimpleResolver(server);
    r.setTimeout(Duration.ofMillis(400));
    r.setTCP(tcp);
    r.setIgnoreTruncation(ignoreTruncation);
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
    q.getHeader().unsetFlag(Flags.RD);
    return r.sendAsync(q, executor).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** Asks with EDNS0 and a client subnet option (RFC 7871) for {@code subnet/prefix}. */
  Message askFromSubnet(InetSocketAddress server, String name, int type, String subnet,
      int prefix) throws Exception {
    SimpleResolver r = new SimpleResolver(server);
    r.setTimeout(Duration.ofMillis(1500));
    r.setEDNS(0, 1232, 0, List.of(new org.xbill.DNS.ClientSubnetOption(prefix,
        java.net.InetAddress.getByName(subnet))));
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
    q.getHeader().unsetFlag(Flags.RD);
    return r.sendAsync(q, executor).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** The client subnet option of an answer, or null. */
  static org.xbill.DNS.@org.jspecify.annotations.Nullable ClientSubnetOption subnet(Message m) {
    org.xbill.DNS.OPTRecord opt = m.getOPT();
    if (opt == null) {
      return null;
    }
    for (org.xbill.DNS.EDNSOption o
        : opt.getOptions(org.xbill.DNS.EDNSOption.Code.CLIENT_SUBNET)) {
      return (org.xbill.DNS.ClientSubnetOption) o;
    }
    return null;
  }

  /** Asks with EDNS0 and the DO bit (RFC 3225): a signed zone's answers come with RRSIGs. */
  Message askDnssec(InetSocketAddress server, String name, int type) throws Exception {
    SimpleResolver r = new SimpleResolver(server);
    r.setTimeout(Duration.ofMillis(1500));
    r.setEDNS(0, 1232, org.xbill.DNS.ExtendedFlags.DO, List.of());
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
    q.getHeader().unsetFlag(Flags.RD);
    return r.sendAsync(q, executor).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** The types of a section's records (RRSIG for signatures), OPT left out. */
  static List<Integer> types(Message m, int section) {
    return records(m, section).stream().map(Record::getType).collect(Collectors.toList());
  }

  /** Asks with RD set (for the recursive resolver). */
  Message recurse(InetSocketAddress resolver, String name, int type) throws Exception {
    SimpleResolver r = new SimpleResolver(resolver);
    r.setTimeout(Duration.ofMillis(1500));
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
    return r.sendAsync(q, executor).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** The records of a section as text, without the EDNS OPT pseudo-record. */
  static List<String> section(Message m, int section) {
    return records(m, section).stream().map(Record::toString).collect(Collectors.toList());
  }

  static List<Record> records(Message m, int section) {
    return m.getSection(section).stream().filter(r -> r.getType() != Type.OPT)
        .collect(Collectors.toList());
  }

  static List<String> answers(Message m) {
    return m.getSection(Section.ANSWER).stream().map(Record::rdataToString)
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
