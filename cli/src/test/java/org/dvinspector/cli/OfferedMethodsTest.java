package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeDnsAccount01Check;
import org.dvinspector.AcmeDnsPersist01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.AcmeTlsAlpn01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.Check;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainContactCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every method a built-in profile offers can be asked for, with every module on the class path
 * (as {@code dvi} has them): no check fails inside the inspector, and none is retired or not
 * offered. The inspection date is fixed (1 August 2026) so the BR's later retirements (phone
 * methods 2027, e-mail methods 2028) do not make this test depend on the day it runs.
 */
final class OfferedMethodsTest {
  private static final String KA =
      "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  private static final String ACCOUNT = "https://acme.example/acct/1";

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z.nameserver("ns1.example.com", "127.0.0.11")));

  /** A check of {@code method}; every method of the library must have one. */
  static Check checkFor(Method method) {
    return switch (method) {
      case DNS_TXT -> DnsTxtCheck.atDomain("token");
      case DNS_CNAME -> DnsCnameCheck.of("_dnsauth", "x.dcv.digicert.com");
      case HTTP_FILE -> HttpFileCheck.of("/.well-known/pki-validation/file.txt", "token");
      case ACME_HTTP_01 -> AcmeHttp01Check.of(KA);
      case ACME_DNS_01 -> AcmeDns01Check.of(KA);
      case ACME_TLS_ALPN_01 -> AcmeTlsAlpn01Check.of(KA);
      case ACME_DNS_ACCOUNT_01 -> AcmeDnsAccount01Check.of(KA, ACCOUNT);
      case ACME_DNS_PERSIST_01 -> AcmeDnsPersist01Check.of(ACCOUNT, "ca.example");
      case EMAIL_CONSTRUCTED, EMAIL_CAA_CONTACT, EMAIL_TXT_CONTACT, PHONE_DOMAIN_CONTACT,
          PHONE_TXT_CONTACT, PHONE_CAA_CONTACT -> DomainContactCheck.of(method);
      case IP_ADDRESS -> throw new AssertionError("no check type: BR 3.2.2.4.8 is retired");
    };
  }

  @Test
  void everyOfferedMethodRunsWithoutInternalErrorsOrRetirement() {
    Clock clock = Clock.fixed(Instant.parse("2026-08-01T00:00:00Z"), ZoneOffset.UTC);
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .findAndAddModules(OfferedMethodsTest.class.getClassLoader())
        .networkPolicy(DNS.lab().networkPolicy().deadline(Duration.ofSeconds(8))
            .httpTimeout(Duration.ofSeconds(1)).build())
        .clock(clock)
        .build()) {
      assertThat(inspector.moduleIds()).contains("dns", "http", "caa", "contact");
      for (CaProfile profile : CaProfiles.all()) {
        List<Check> checks = new ArrayList<>();
        profile.offeredMethods().forEach(m -> checks.add(checkFor(m)));
        InspectionReport report = inspector.inspect(InspectionRequest.builder()
            .domain("www.example.com").profile(profile).addAllChecks(checks).build());

        List<String> bad = new ArrayList<>();
        for (Finding f : report.findings()) {
          if (f.code() == FindingCode.INSPECTION_INTERNAL_ERROR
              || f.code() == FindingCode.METHOD_RETIRED
              || f.code() == FindingCode.METHOD_NOT_OFFERED) {
            bad.add(f.toString());
          }
        }
        assertThat(bad).as(profile.id() + " " + profile.offeredMethods()).isEmpty();
        assertThat(report.checkResults()).as(profile.id()).hasSize(checks.size());
      }
    }
  }

  @Test
  void everyMethodButTheRetiredIpAddressMethodHasACheckType() {
    for (Method m : Method.values()) {
      if (m != Method.IP_ADDRESS) {
        assertThat(checkFor(m).method()).as(m.label()).contains(m);
      }
    }
  }
}
