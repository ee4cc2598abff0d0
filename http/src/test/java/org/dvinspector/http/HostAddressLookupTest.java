package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.AcmeHttp01CheckTest.KEY_AUTHORIZATION;
import static org.dvinspector.http.AcmeHttp01CheckTest.PATH;
import static org.dvinspector.http.HttpFixture.FILE_PATH;
import static org.dvinspector.http.HttpFixture.TOKEN;
import static org.dvinspector.http.HttpFixture.only;

import java.util.function.Consumer;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Perspective;
import org.dvinspector.Verdict;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.junit.jupiter.api.Test;

/**
 * Names resolved the CA's way: the {@code dns} module asks the lab's authoritative servers, and the
 * {@code http} module fetches from the addresses they serve.
 */
final class HostAddressLookupTest {
  private static InspectionReport inspect(DnsLab dns, HttpLab web, Check check,
      Consumer<NetworkPolicy.Builder> policy) {
    NetworkPolicy.Builder b = dns.networkPolicy(web.endpointMapping());
    policy.accept(b);
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .networkPolicy(b.build())
        .addModule(new DnsModule())
        .addModule(HttpModule.builder().client(web.trustingClient()).build())
        .build()) {
      return inspector.inspect(InspectionRequest.builder()
          .domain("www.example.com")
          .addChecks(check)
          .build());
    }
  }

  @Test
  void fetchesFromEveryAddressTheAuthoritativeServersGive() {
    try (HttpLab web = HttpLab.start("www.example.com");
        DnsLab dns = DnsLab.builder()
            .zone("example.com", z -> z
                .nameserver("ns1.example.com", "127.0.0.11")
                .nameserver("ns2.example.com", "127.0.0.12")
                .records("www 300 IN A 127.0.0.50", "www 300 IN A 127.0.0.51",
                    "www 300 IN AAAA ::1"))
            .start()) {
      web.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      web.endpoint("127.0.0.51").serve(FILE_PATH, TOKEN);
      web.endpoint("::1").serve(FILE_PATH, TOKEN);

      InspectionReport report = inspect(dns, web, HttpFileCheck.of(FILE_PATH, TOKEN), b -> {});

      assertThat(report.verdict()).isEqualTo(Verdict.READY);
      assertThat(only(report, FindingCode.CHECK_PASSED).attributes()).containsEntry("endpoints", "6");
      assertThat(report.observations()).anyMatch(
          o -> o.perspective().kind() == Perspective.Kind.AUTHORITATIVE_SERVER
              && o.query().contains("www.example.com"));
    }
  }

  @Test
  void resolvesARedirectTargetThroughTheDnsModule() {
    try (HttpLab web = HttpLab.start("www.example.com", "cdn.example.com");
        DnsLab dns = DnsLab.builder()
            .zone("example.com", z -> z
                .nameserver("ns1.example.com", "127.0.0.11")
                .records("www 300 IN A 127.0.0.50", "cdn 300 IN A 127.0.0.60"))
            .start()) {
      web.endpoint("127.0.0.50").http().redirect(PATH, 302, "http://cdn.example.com" + PATH);
      HttpLabEndpoint cdn = web.endpoint("127.0.0.60");
      cdn.http().serve(PATH, KEY_AUTHORIZATION);

      InspectionReport report = inspect(dns, web, AcmeHttp01Check.of(KEY_AUTHORIZATION), b -> {});

      assertThat(report.verdict()).isEqualTo(Verdict.READY);
      assertThat(cdn.http().requests().get(0).getHeaders().get("Host")).isEqualTo("cdn.example.com");
    }
  }

  @Test
  void fetchesFromAPrivateAddressInDnsWhenTheHostOptsIn() {
    try (HttpLab web = HttpLab.start("www.example.com");
        DnsLab dns = DnsLab.builder()
            .zone("example.com", z -> z
                .nameserver("ns1.example.com", "127.0.0.11")
                .records("www 300 IN A 10.0.0.7"))
            .start()) {
      HttpLabEndpoint e = web.endpoint("127.0.0.50").alsoAnswersFor("10.0.0.7");
      e.http().serve(PATH, KEY_AUTHORIZATION);

      InspectionReport report = inspect(dns, web, AcmeHttp01Check.of(KEY_AUTHORIZATION),
          b -> b.allowNonPublicAddresses(true));

      assertThat(report.hasFinding(FindingCode.ADDRESS_NOT_PUBLIC)).isFalse();
      assertThat(e.http().requestCount()).isEqualTo(1);
      assertThat(report.verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void reportsANameThatDoesNotExist() {
    try (HttpLab web = HttpLab.start("www.example.com");
        DnsLab dns = DnsLab.builder()
            .zone("example.com", z -> z
                .nameserver("ns1.example.com", "127.0.0.11")
                .records("mail 300 IN A 127.0.0.50"))
            .start()) {
      InspectionReport report = inspect(dns, web, AcmeHttp01Check.of(KEY_AUTHORIZATION), b -> {});

      assertThat(report.hasFinding(FindingCode.DOMAIN_NOT_RESOLVABLE)).isTrue();
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }
}
