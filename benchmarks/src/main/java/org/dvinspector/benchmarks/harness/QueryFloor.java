package org.dvinspector.benchmarks.harness;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dvinspector.NetworkPolicy;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/**
 * The floor of bulk inspection: the same DNS questions sent straight through dnsjava ({@link
 * SimpleResolver#sendAsync(Message, Executor)} with an executor, as the inspector does), at most
 * {@code maxInFlight} at once, with no discovery logic, no validation and no report. Nothing can
 * ask these questions with less work in this JVM.
 */
final class QueryFloor {
  private final NetworkPolicy policy;
  private final Executor executor;
  private final int maxInFlight;
  private final Duration timeout;

  QueryFloor(NetworkPolicy policy, Executor executor, int maxInFlight, Duration timeout) {
    this.policy = policy;
    this.executor = executor;
    this.maxInFlight = maxInFlight;
    this.timeout = timeout;
  }

  /** How a replay went. */
  record Result(int sent, int answered, int failed, long wallNanos) {}

  /** Sends every question, waits for every answer (or failure). */
  Result run(List<Questions.DnsQuestion> questions) throws InterruptedException {
    Semaphore permits = new Semaphore(maxInFlight);
    CountDownLatch done = new CountDownLatch(questions.size());
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    for (Questions.DnsQuestion q : questions) {
      permits.acquire();
      Message query = Message.newQuery(Record.newRecord(q.name(), q.type(), DClass.IN));
      if (!q.recursive()) {
        query.getHeader().unsetFlag(Flags.RD);
      }
      InetSocketAddress routed = policy.route(q.target());
      SimpleResolver resolver = new SimpleResolver(routed);
      resolver.setTCP(q.tcp());
      resolver.setTimeout(timeout);
      resolver.sendAsync(query, executor).whenComplete((m, e) -> {
        if (e == null && m != null) {
          answered.incrementAndGet();
        } else {
          failed.incrementAndGet();
        }
        permits.release();
        done.countDown();
      });
    }
    if (!done.await(timeout.toMillis() * 4 + questions.size(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("The floor replay did not finish");
    }
    return new Result(questions.size(), answered.get(), failed.get(), System.nanoTime() - start);
  }
}
