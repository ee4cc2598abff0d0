package org.dvinspector.dns;

import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.dvinspector.AcmeDnsPersist01Check;
import org.dvinspector.CaProfiles;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Severity;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * dns-persist-01 (draft-ietf-acme-dns-persist-01, BR 3.2.2.4.22) with the Let's Encrypt profile
 * (issuer domain name letsencrypt.org): every way the {@code _validation-persist} record can fail,
 * from every authoritative server.
 */
final class AcmeDnsPersist01CheckTest {
  private static final String ACCOUNT = "https://acme-v02.api.letsencrypt.org/acme/acct/123456789";
  private static final String RECORD = "letsencrypt.org; accounturi=" + ACCOUNT;
  private static final AcmeDnsPersist01Check CHECK = AcmeDnsPersist01Check.of(ACCOUNT);

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .nameserver("ns2.example.com", "127.0.0.12"))
      .zone("persist-host.net", z -> z
          .nameserver("ns1.persist-host.net", "127.0.0.13")));

  private static DnsLab lab() {
    return DNS.lab();
  }

  private static InspectionReport inspect(String domain) {
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .addModule(new DnsModule())
        .networkPolicy(LabInspections.policy(lab()).build())
        .build()) {
      return inspector.inspect(InspectionRequest.builder()
          .domain(domain)
          .profile(CaProfiles.LETS_ENCRYPT)
          .addChecks(CHECK)
          .build());
    }
  }

  private static void publish(String owner, String value) {
    lab().zone("example.com").add(owner + " TXT \"" + value + "\"");
  }

  private static long epoch(Duration fromNow) {
    return Instant.now().plus(fromNow).getEpochSecond();
  }

  @Test
  void passesWithARecordNamingTheCaAndTheAccount() {
    publish("_validation-persist.www", RECORD);

    assertThat(inspect("www.example.com")).isReady().hasNoErrors();
  }

  @Test
  void aRecordSplitIntoStringsIsJoined() {
    // The draft's own example writes the record as two strings.
    lab().zone("example.com").add("_validation-persist.www TXT \"letsencrypt.org;\" \""
        + " accounturi=" + ACCOUNT + "\"");

    assertThat(inspect("www.example.com")).isReady();
  }

  @Test
  void recordsForOtherCasAreIgnoredBesideOurs() {
    publish("_validation-persist.www", "ca2.example; accounturi=https://ca2.example/acct/9");
    publish("_validation-persist.www", RECORD);

    assertThat(inspect("www.example.com")).isReady();
  }

  @Test
  void onlyAnotherCasRecordIsAnIssuerMismatch() {
    publish("_validation-persist.www", "ca2.example; accounturi=https://ca2.example/acct/9");

    assertThat(inspect("www.example.com")).isNotReady()
        .finding(FindingCode.DNS_PERSIST_ISSUER_MISMATCH)
        .hasAttribute("issuers", "ca2.example")
        .messageContains("not letsencrypt.org")
        .remedyContains("\"" + RECORD + "\"");
  }

  @Test
  void aMalformedRecordNamingTheCaIsMalformed() {
    publish("_validation-persist.www", RECORD + "; accounturi=https://x.example/1");

    assertThat(inspect("www.example.com")).isNotReady()
        .finding(FindingCode.DNS_PERSIST_MALFORMED)
        .messageContains("accounturi is given 2 times")
        .hasAttribute("problem");
  }

  @Test
  void anotherAccountsRecordIsAnAccountMismatch() {
    publish("_validation-persist.www",
        "letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1");

    assertThat(inspect("www.example.com")).isNotReady()
        .finding(FindingCode.DNS_PERSIST_ACCOUNT_MISMATCH)
        .hasAttribute("accountUri", "https://acme-v02.api.letsencrypt.org/acme/acct/1")
        .remedyContains("Several records at one name are fine");
  }

  @Test
  void aWildcardNeedsPolicyWildcard() {
    publish("_validation-persist", RECORD);

    assertThat(inspect("*.example.com")).isNotReady()
        .finding(FindingCode.DNS_PERSIST_WILDCARD_NOT_ALLOWED)
        .hasAttribute("name", "_validation-persist.example.com")
        .remedyContains("policy=wildcard");
  }

  @Test
  void aWildcardPassesWithPolicyWildcard() {
    publish("_validation-persist", RECORD + "; policy=wildcard");

    assertThat(inspect("*.example.com")).isReady()
        .doesNotHaveFinding(FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD);
  }

  @Test
  void anExpiredRecordFails() {
    publish("_validation-persist.www", RECORD + "; persistUntil=" + epoch(Duration.ofDays(-1)));

    assertThat(inspect("www.example.com")).isNotReady()
        .finding(FindingCode.DNS_PERSIST_EXPIRED)
        .hasAttribute("persistUntil");
  }

  @Test
  void aRecordExpiringSoonPassesWithAWarning() {
    publish("_validation-persist.www", RECORD + "; persistUntil=" + epoch(Duration.ofDays(10)));

    assertThat(inspect("www.example.com")).isReady()
        .finding(FindingCode.DNS_PERSIST_EXPIRING)
        .hasSeverity(Severity.WARNING);
  }

  @Test
  void aRecordExpiringLaterNeedsNoWarning() {
    publish("_validation-persist.www", RECORD + "; persistUntil=" + epoch(Duration.ofDays(300)));

    assertThat(inspect("www.example.com")).isReady()
        .doesNotHaveFinding(FindingCode.DNS_PERSIST_EXPIRING);
  }

  @Test
  void everyServerMustServeIt() {
    lab().server("ns2.example.com").freeze("example.com");
    publish("_validation-persist.www", RECORD);

    assertThat(inspect("www.example.com")).isNotReady()
        .finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .hasAttribute("missing", "ns2.example.com [127.0.0.12] udp");
  }

  @Test
  void aServerWithAnOlderAccountsRecordDisagrees() {
    publish("_validation-persist.www",
        "letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1");
    lab().server("ns2.example.com").freeze("example.com");
    lab().zone("example.com").replace("_validation-persist.www", org.xbill.DNS.Type.TXT,
        "_validation-persist.www TXT \"" + RECORD + "\"");

    assertThat(inspect("www.example.com")).isNotReady()
        .finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .hasAttribute("present", "ns1.example.com [127.0.0.11] udp");
  }

  @Test
  void noRecordIsMissing() {
    assertThat(inspect("www.example.com")).isNotReady()
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasAttribute("name", "_validation-persist.www.example.com")
        .remedyContains(RECORD);
  }

  @Test
  void theParentsRecordIsAtTheWrongName() {
    // Let's Encrypt reads only _validation-persist.<the name itself> (boulder va/dns_persist.go).
    publish("_validation-persist", RECORD + "; policy=wildcard");

    assertThat(inspect("app.example.com")).isNotReady()
        .finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasAttribute("foundAt", "_validation-persist.example.com")
        .hasAttribute("mistake", "parent-name");
  }

  @Test
  void aCnameToADelegatedHostIsFollowed() {
    lab().zone("example.com").add("_validation-persist.www CNAME www.persist-host.net.");
    lab().zone("persist-host.net").add("www TXT \"" + RECORD + "\"");

    assertThat(inspect("www.example.com")).isReady()
        .hasFinding(FindingCode.DNS_CNAME_FOLLOWED);
  }
}
