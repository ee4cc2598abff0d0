package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The lab's caching recursive resolver ({@code internal.Recursor}), through the lab. */
final class RecursorTest {
  private static DnsLab lab;
  private static Dig dig;

  @BeforeAll
  static void start() {
    lab = DnsLab.builder()
        .zone("cache.test", z -> z
            .nameserver("ns1.cache.test", "127.0.0.31")
            .nameserver("ns2.cache.test", "127.0.0.32")
            .negativeTtl(Duration.ofMinutes(5))
            .records("value 300 IN TXT \"old\"", "www 600 IN A 127.0.0.50"))
        .start();
    dig = new Dig();
  }

  @BeforeEach
  void fresh() {
    lab.flushCache();
    lab.server("ns1.cache.test").clearFaults();
    lab.server("ns2.cache.test").clearFaults();
  }

  @AfterAll
  static void stop() {
    dig.close();
    lab.close();
  }

  private static Message ask(String name, int type) throws Exception {
    return dig.recurse(lab.recursiveResolver(), name, type);
  }

  private static long soaTtl(Message m) {
    return m.getSection(Section.AUTHORITY).stream().filter(r -> r.getType() == Type.SOA)
        .findFirst().map(Record::getTTL).orElseThrow();
  }

  @Test
  void nxdomainIsCachedUntilTheNegativeTtlRunsOut() throws Exception {
    Message first = ask("added1.cache.test", Type.TXT);
    assertThat(first.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(soaTtl(first)).isEqualTo(300);

    lab.zone("cache.test").add("added1 300 IN TXT \"now here\"");
    lab.advanceClock(Duration.ofSeconds(100));
    Message cached = ask("added1.cache.test", Type.TXT);
    assertThat(cached.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(soaTtl(cached)).isEqualTo(200);

    lab.advanceClock(Duration.ofSeconds(200));
    assertThat(Dig.answers(ask("added1.cache.test", Type.TXT))).containsExactly("\"now here\"");
  }

  @Test
  void nodataIsCachedToo() throws Exception {
    assertThat(ask("www.cache.test", Type.TXT).getSection(Section.ANSWER)).isEmpty();
    lab.zone("cache.test").add("www 300 IN TXT \"late\"");
    try {
      Message cached = ask("www.cache.test", Type.TXT);
      assertThat(cached.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(cached.getSection(Section.ANSWER)).isEmpty();
      lab.advanceClock(Duration.ofSeconds(301));
      assertThat(Dig.answers(ask("www.cache.test", Type.TXT))).containsExactly("\"late\"");
    } finally {
      lab.zone("cache.test").remove("www TXT \"late\"");
    }
  }

  @Test
  void cachedValueIsServedWithTheRemainingTtl() throws Exception {
    TestZone zone = lab.zone("cache.test");
    Message first = ask("value.cache.test", Type.TXT);
    assertThat(first.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(300);
    zone.replace("value", "TXT", "value 300 IN TXT \"new\"");
    try {
      lab.advanceClock(Duration.ofMinutes(2));
      Message stale = ask("value.cache.test", Type.TXT);
      assertThat(Dig.answers(stale)).containsExactly("\"old\"");
      assertThat(stale.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(180);
      lab.advanceClock(Duration.ofMinutes(3));
      assertThat(Dig.answers(ask("value.cache.test", Type.TXT))).containsExactly("\"new\"");
    } finally {
      zone.replace("value", "TXT", "value 300 IN TXT \"old\"");
    }
  }

  @Test
  void cacheHitsDoNotReachTheAuthoritativeServers() throws Exception {
    ask("www.cache.test", Type.A);
    TestDnsServer ns1 = lab.server("ns1.cache.test");
    TestDnsServer ns2 = lab.server("ns2.cache.test");
    ns1.clearQueries();
    ns2.clearQueries();
    assertThat(Dig.answers(ask("www.cache.test", Type.A))).containsExactly("127.0.0.50");
    assertThat(ns1.queryCount() + ns2.queryCount()).isZero();
  }

  @Test
  void flushCacheForgetsCachedAnswers() throws Exception {
    assertThat(ask("added2.cache.test", Type.TXT).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    lab.zone("cache.test").add("added2 IN TXT \"x\"");
    lab.flushCache();
    assertThat(Dig.answers(ask("added2.cache.test", Type.TXT))).containsExactly("\"x\"");
  }

  @Test
  void triesTheNextNameserverWhenOneFails() throws Exception {
    lab.server("ns1.cache.test").addFault(DnsFault.servfail());
    lab.server("ns2.cache.test").addFault(DnsFault.servfail());
    assertThat(ask("www.cache.test", Type.A).getRcode()).isEqualTo(Rcode.SERVFAIL);
    lab.server("ns2.cache.test").clearFaults();
    assertThat(Dig.answers(ask("www.cache.test", Type.A))).containsExactly("127.0.0.50");
  }

  @Test
  void startsFromTheRootAndLogsTheWalk() throws Exception {
    lab.rootServer().clearQueries();
    ask("www.cache.test", Type.A);
    assertThat(lab.rootServer().queries()).extracting(q -> q.name().toString())
        .contains("www.cache.test.");
    assertThat(lab.resolverServer().queries()).isNotEmpty();
  }
}
