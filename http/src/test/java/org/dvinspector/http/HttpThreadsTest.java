package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.HttpFixture.FILE_PATH;
import static org.dvinspector.http.HttpFixture.TOKEN;

import java.util.List;
import java.util.stream.Collectors;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.testkit.HttpLab;
import org.junit.jupiter.api.Test;

/** The threads the http module starts must not keep an application's JVM alive. */
final class HttpThreadsTest {
  @Test
  void callsRunOnDaemonThreadsNamedForTheInspector() {
    try (HttpLab lab = HttpLab.start(HttpFixture.DOMAIN);
        DomainValidationInspector inspector = DomainValidationInspector.builder()
            .networkPolicy(lab.networkPolicy()
                .httpTimeout(java.time.Duration.ofSeconds(5))
                .deadline(java.time.Duration.ofSeconds(20)).build())
            .addModule(HttpModule.builder()
                .client(lab.trustingClient())
                .addressLookup(StaticHostAddressLookup.builder()
                    .add(HttpFixture.DOMAIN, "127.0.0.50").build())
                .build())
            .build()) {
      lab.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      InspectionReport report = inspector.inspect(InspectionRequest.builder()
          .domain(HttpFixture.DOMAIN).addChecks(HttpFileCheck.of(FILE_PATH, TOKEN)).build());
      assertThat(report.hasFinding(FindingCode.CHECK_PASSED)).isTrue();

      // The inspector is still open: its dispatcher threads are alive (idle for 60 s).
      List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("dvinspector-http-")
              || t.getName().startsWith("OkHttp Dispatcher")
              || t.getName().startsWith("OkHttp TaskRunner"))
          .collect(Collectors.toList());
      assertThat(threads).as("the module's calls ran on its own dispatcher threads")
          .anySatisfy(t -> assertThat(t.getName()).startsWith("dvinspector-http-"))
          .noneSatisfy(t -> assertThat(t.getName()).startsWith("OkHttp Dispatcher"))
          .allSatisfy(t -> assertThat(t.isDaemon()).as(t.getName() + " is a daemon").isTrue());
    }
  }
}
