package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.HttpFixture.FILE_PATH;
import static org.dvinspector.http.HttpFixture.TOKEN;

import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.Verdict;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.junit.jupiter.api.Test;

final class HttpModuleTest {
  @Test
  void isFoundByTheServiceLoader() {
    try (DomainValidationInspector inspector =
        DomainValidationInspector.builder().findAndAddModules().build()) {
      assertThat(inspector.moduleIds()).contains("http");
    }
  }

  @Test
  void namesItsArtifact() {
    InspectorModule module = new HttpModule();
    assertThat(module.id()).isEqualTo("http");
    assertThat(module.artifact()).isEqualTo("org.dvinspector:dvinspector-http");
  }

  @Test
  void fallsBackToTheJdkResolverWithoutALookup() {
    try (HttpFixture f = new HttpFixture()) {
      // "localhost" is answered from the hosts file: no DNS query leaves the machine.
      HttpLabEndpoint e = f.lab.endpoint("127.0.0.1");
      e.http().serve(AcmeHttp01CheckTest.PATH, AcmeHttp01CheckTest.KEY_AUTHORIZATION);
      f.systemResolver();

      InspectionReport report =
          f.inspect("localhost", AcmeHttp01Check.of(AcmeHttp01CheckTest.KEY_AUTHORIZATION));

      assertThat(report.observations()).anyMatch(o -> o.perspective().name().equals("system resolver")
          && o.result().contains("127.0.0.1"));
      assertThat(report.hasFinding(FindingCode.CHECK_PASSED)).isTrue();
      assertThat(e.http().requests().get(0).getHeaders().get("Host")).isEqualTo("localhost");
    }
  }

  @Test
  void doesNotFetchForAWildcardName() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);

      InspectionReport report = f.inspect("*.example.com", HttpFileCheck.of(FILE_PATH, TOKEN));

      assertThat(report.findings(FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD)).hasSize(1);
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
      assertThat(e.http().requestCount() + e.https().requestCount()).isZero();
    }
  }
}
