package org.dvinspector.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.TestDnsServer;
import org.dvinspector.testkit.TestZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

final class DnsClientTest {
  private static final Name QNAME = Name.fromConstantString("_dnsauth.example.com.");

  private TestDnsServer server;
  private ExecutorService executor;
  private ScheduledExecutorService scheduler;
  private InetSocketAddress target;

  @BeforeEach
  void start() throws Exception {
    server = TestDnsServer.start(new InetSocketAddress(ip("127.0.0.1"), 0));
    server.serve(TestZone.fromZoneFile("example.com", """
        @ 3600 SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300
        @ 3600 NS ns1.example.com.
        ns1 A 127.0.0.1
        _dnsauth TXT "token"
        """));
    executor = Executors.newFixedThreadPool(2);
    scheduler = Executors.newSingleThreadScheduledExecutor();
    // The address the client "means" is port 53 of 192.0.2.53; the mapping sends it to the server.
    target = new InetSocketAddress(ip("192.0.2.53"), 53);
  }

  @AfterEach
  void stop() {
    server.close();
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  private DnsClient client(int maxConcurrent) {
    NetworkPolicy policy = NetworkPolicy.builder()
        .endpointMapping(EndpointMapping.builder().route(target.getAddress(), 53, server.address())
            .build())
        .queryTimeout(Duration.ofMillis(300))
        .queryAttempts(2)
        .maxConcurrentQueries(maxConcurrent)
        .build();
    return new DnsClient(policy, executor, scheduler);
  }

  private static long deadlineIn(Duration d) {
    return System.nanoTime() + d.toNanos();
  }

  @Test
  void asksTheRoutedServerWithoutRecursionDesired() throws Exception {
    DnsClient.Exchange ex = client(4).exchange(target, QNAME, Type.TXT, false, 2,
        deadlineIn(Duration.ofSeconds(5))).get(5, TimeUnit.SECONDS);

    assertThat(ex.failure()).isEqualTo(DnsClient.Failure.NONE);
    assertThat(ex.transport()).isEqualTo("udp");
    assertThat(ex.response()).hasValueSatisfying(m -> {
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(m.getSection(Section.ANSWER)).hasSize(1);
    });
  }

  @Test
  void retriesATruncatedAnswerOverTcp() throws Exception {
    server.addFault(DnsFault.truncate());

    DnsClient.Exchange ex = client(4).exchange(target, QNAME, Type.TXT, false, 2,
        deadlineIn(Duration.ofSeconds(5))).get(5, TimeUnit.SECONDS);

    assertThat(ex.retriedOverTcp()).isTrue();
    assertThat(ex.transport()).isEqualTo("tcp");
    assertThat(ex.response()).hasValueSatisfying(
        m -> assertThat(m.getSection(Section.ANSWER)).hasSize(1));
  }

  @Test
  void timesOutAfterEveryAttempt() throws Exception {
    server.addFault(DnsFault.drop());

    DnsClient.Exchange ex = client(4).exchange(target, QNAME, Type.TXT, false, 2,
        deadlineIn(Duration.ofSeconds(5))).get(5, TimeUnit.SECONDS);

    assertThat(ex.failure()).isEqualTo(DnsClient.Failure.TIMEOUT);
    assertThat(ex.detail()).isEqualTo("no answer after 2 attempts of 300 ms over udp");
    assertThat(server.queries("_dnsauth.example.com", Type.TXT)).hasSize(2);
  }

  @Test
  void stopsAtTheDeadline() throws Exception {
    server.addFault(DnsFault.drop());

    DnsClient.Exchange ex = client(4).exchange(target, QNAME, Type.TXT, false, 2,
        deadlineIn(Duration.ofMillis(100))).get(5, TimeUnit.SECONDS);

    assertThat(ex.failure()).isEqualTo(DnsClient.Failure.DEADLINE);
    assertThat(server.queries("_dnsauth.example.com", Type.TXT)).hasSize(1);
  }

  @Test
  void nothingListeningIsUnreachable() throws Exception {
    InetSocketAddress nobody = new InetSocketAddress(ip("127.0.0.97"), 53);
    NetworkPolicy policy = NetworkPolicy.builder()
        .endpointMapping(EndpointMapping.ports(Map.of(53, server.address().getPort())))
        .queryTimeout(Duration.ofMillis(300))
        .build();

    DnsClient.Exchange ex = new DnsClient(policy, executor, scheduler)
        .exchange(nobody, QNAME, Type.TXT, false, 1, deadlineIn(Duration.ofSeconds(5)))
        .get(5, TimeUnit.SECONDS);

    assertThat(ex.failure()).isEqualTo(DnsClient.Failure.UNREACHABLE);
  }

  @Test
  void holdsQueriesBeyondTheInFlightLimitWithoutSendingThem() throws Exception {
    server.addFault(DnsFault.drop());
    DnsClient client = client(1);

    CompletableFuture<DnsClient.Exchange> first =
        client.exchange(target, QNAME, Type.TXT, false, 1, deadlineIn(Duration.ofSeconds(5)));
    CompletableFuture<DnsClient.Exchange> second =
        client.exchange(target, QNAME, Type.TXT, false, 1, deadlineIn(Duration.ofSeconds(5)));

    assertThat(client.gate().active()).isEqualTo(1);
    assertThat(client.gate().waiting()).isEqualTo(1);
    first.get(5, TimeUnit.SECONDS);
    second.get(5, TimeUnit.SECONDS);
    assertThat(server.queries("_dnsauth.example.com", Type.TXT)).hasSize(2);
    assertThat(client.gate().active()).isZero();
  }

  /** An address literal (no lookup happens). */
  private static InetAddress ip(String literal) throws java.net.UnknownHostException {
    return InetAddress.getAllByName(literal)[0];
  }
}
