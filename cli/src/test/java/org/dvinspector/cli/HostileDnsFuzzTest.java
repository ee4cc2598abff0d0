package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.caa.CaaModule;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HostileDns;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzing whole inspections: both nameservers of the battery's {@code victim.com} answer every
 * question with a mutation of the right answer (see {@link HostileDns#mutate}), then the right
 * answer, so each inspection meets a different mix of unreadable, odd and accepted answers, over
 * UDP and, when a mutation sets the TC bit, over TCP. Every inspection must end within its
 * deadline + 5 s with a report (never an exception), render to the terminal and to JSON with
 * nothing unescaped, and query no trapped address. One inspector serves every try, as a host
 * would keep one.
 *
 * <p>500 inspections per run (about 10,000 mutated answers); the transport and reply-reading
 * code get 10,000 inputs of their own in the dns module's {@code DnsAnswerFuzzTest}.
 */
final class HostileDnsFuzzTest {
  private static volatile long seed;
  private static @Nullable DnsLab lab;
  private static @Nullable HostileDns hostile;
  private static @Nullable DomainValidationInspector inspector;
  private static @Nullable ExecutorService runner;

  @BeforeContainer
  static void start() {
    DnsLab l = HostileDnsBattery.lab();
    HostileDns h = HostileDns.start();
    HostileDns.Responder right = HostileDns.authoritative(l.zone(HostileDnsBattery.ZONE));
    for (String t : HostileDnsBattery.TRAPS) {
      h.trap(t, right);
    }
    HostileDns.Responder fuzzing = r -> HostileDns.mutating(seed, right).respond(r);
    h.serve(HostileDnsBattery.NS1, fuzzing);
    h.serve(HostileDnsBattery.NS2, fuzzing);
    lab = l;
    hostile = h;
    inspector = DomainValidationInspector.builder()
        .networkPolicy(h.networkPolicy(l).queryTimeout(Duration.ofMillis(500)).queryAttempts(1)
            .deadline(Duration.ofSeconds(5)).build())
        .addModule(new DnsModule())
        .addModule(new CaaModule())
        .build();
    runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dns-fuzz-inspection");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterContainer
  static void stop() {
    if (runner != null) {
      runner.shutdownNow();
    }
    if (inspector != null) {
      inspector.close();
    }
    if (hostile != null) {
      hostile.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Property(tries = 500)
  void anInspectionOfMutatedAnswersEndsWithAnEscapedReport(@ForAll long trySeed)
      throws Exception {
    seed = trySeed;
    InspectionRequest request = InspectionRequest.builder()
        .domain(HostileDnsBattery.DOMAIN)
        .profile(CaProfiles.LETS_ENCRYPT)
        .addChecks(AcmeDns01Check.of(HostileDnsBattery.KEY_AUTHORIZATION), CaaCheck.forProfile())
        .build();
    DomainValidationInspector i = Objects.requireNonNull(inspector);

    Future<InspectionReport> f = Objects.requireNonNull(runner).submit(() -> i.inspect(request));
    InspectionReport report = f.get(5 + 5, TimeUnit.SECONDS);

    assertThat(report.verdict()).isNotNull();
    String human = new HumanReport(Style.plain(), true).render(report);
    String json = ReportJson.line(ReportJson.toJson(report, 1));
    assertThat(HostileHttpBattery.firstUnsafe("human output", human, true)).isNull();
    assertThat(HostileHttpBattery.firstUnsafe("JSON output", json, false)).isNull();
    HostileDns h = Objects.requireNonNull(hostile);
    assertThat(h.trappedQueries()).isZero();
    assertThat(h.responderErrors()).isZero();
  }
}
