package org.dvinspector.benchmarks.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.dvinspector.NetworkPolicy;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/**
 * The comparison of the latency scenario: the same questions an inspection asked, asked one after
 * another and waited for synchronously, the way lego's and cert-manager's propagation checks do
 * (each authoritative nameserver in turn through a blocking resolver call, then each HTTP fetch
 * in turn, then CAA). Its time is the sum of the round trips; the inspector's is their longest
 * dependent chain.
 */
final class SequentialPeer {
  private final NetworkPolicy policy;
  private final OkHttpClient http;
  private final Duration timeout;

  /**
   * A peer using {@code policy}'s routes, {@code httpClient}'s TLS trust (a lab client), and
   * {@code timeout} per question.
   */
  SequentialPeer(NetworkPolicy policy, OkHttpClient httpClient, Duration timeout) {
    this.policy = policy;
    this.timeout = timeout;
    this.http = httpClient.newBuilder()
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.MILLISECONDS)) // a new connection each time
        .followRedirects(false)
        .callTimeout(timeout)
        .build();
  }

  /** What the sequential run did. */
  record Result(int dnsQuestions, int httpFetches, int failures, long wallNanos) {}

  /** Asks every question in order, each after the previous one's answer. */
  Result run(List<Questions.Question> questions) {
    int dns = 0;
    int fetches = 0;
    int failures = 0;
    long start = System.nanoTime();
    for (Questions.Question q : questions) {
      if (q.dns().isPresent()) {
        dns++;
        failures += ask(q.dns().get()) ? 0 : 1;
      } else if (q.http().isPresent()) {
        fetches++;
        failures += fetch(q.http().get()) ? 0 : 1;
      }
    }
    return new Result(dns, fetches, failures, System.nanoTime() - start);
  }

  private boolean ask(Questions.DnsQuestion q) {
    Message query = Message.newQuery(Record.newRecord(q.name(), q.type(), DClass.IN));
    if (!q.recursive()) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    SimpleResolver resolver = new SimpleResolver(policy.route(q.target()));
    resolver.setTCP(q.tcp());
    resolver.setTimeout(timeout);
    try {
      resolver.send(query); // blocks until the answer: one question at a time
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean fetch(Questions.HttpFetch f) {
    HttpUrl url = HttpUrl.parse(f.url());
    if (url == null) {
      return false;
    }
    int standardPort = url.isHttps() ? 443 : 80;
    InetSocketAddress routed = policy.route(new InetSocketAddress(f.address(), standardPort));
    HttpUrl pinned = url.newBuilder().port(routed.getPort()).build();
    OkHttpClient client = http.newBuilder().dns(host -> List.of(routed.getAddress())).build();
    try (Response r = client.newCall(new Request.Builder().url(pinned).build()).execute()) {
      r.body().bytes();
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
