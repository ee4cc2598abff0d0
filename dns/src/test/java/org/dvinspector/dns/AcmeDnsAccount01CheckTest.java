package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeDnsAccount01Check;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Method;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * dns-account-01 (draft-ietf-acme-dns-account-label-03): dns-01's digest under the account's
 * label. The account is the draft's example, whose label is {@code _ujmmovf2vn55tgye}.
 */
final class AcmeDnsAccount01CheckTest {
  private static final String ACCOUNT = "https://example.com/acme/acct/ExampleAccount";
  private static final String KEY_AUTHORIZATION =
      "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ";
  private static final AcmeDnsAccount01Check CHALLENGE =
      AcmeDnsAccount01Check.of(KEY_AUTHORIZATION, ACCOUNT);
  private static final String DIGEST = CHALLENGE.expectedValue();
  private static final String NAME = "_ujmmovf2vn55tgye._acme-challenge";

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.org", z -> z
          .nameserver("ns1.example.org", "127.0.0.11")
          .nameserver("ns2.example.org", "127.0.0.12"))
      .zone("acme-dns.net", z -> z
          .nameserver("ns1.acme-dns.net", "127.0.0.13")));

  private static DnsLab lab() {
    return DNS.lab();
  }

  private static InspectionReport inspect(String domain) {
    return LabInspections.inspect(lab(), domain, CHALLENGE);
  }

  @Test
  void passesWithTheDigestUnderTheAccountLabel() {
    lab().zone("example.org").add(NAME + " TXT \"" + DIGEST + "\"");

    assertThat(inspect("example.org")).isReady().hasNoErrors();
  }

  @Test
  void wildcardNamesLookUnderTheBaseName() {
    lab().zone("example.org").add(NAME + " TXT \"" + DIGEST + "\"");

    assertThat(inspect("*.example.org")).isReady()
        .doesNotHaveFinding(FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD);
  }

  @Test
  void theDigestWhereDns01LooksIsAtTheWrongName() {
    lab().zone("example.org").add("_acme-challenge TXT \"" + DIGEST + "\"");

    InspectionReport report = inspect("example.org");

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasAttribute("foundAt", "_acme-challenge.example.org")
        .hasAttribute("mistake", "label-incomplete")
        .messageContains("where dns-01 looks");
  }

  @Test
  void anotherAccountsLabelIsMissingHere() {
    lab().zone("example.org").add("_s7uxt2h3c45tu6gt._acme-challenge TXT \"" + DIGEST + "\"");

    assertThat(inspect("example.org")).isNotReady()
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasAttribute("name", NAME + ".example.org")
        .hasAttribute("negativeAnswer", "NXDOMAIN");
  }

  @Test
  void anOlderDigestIsAValueMismatch() {
    lab().zone("example.org").add(NAME + " TXT \"Z9b0D6qgAq3XMy5aV1nGcTfyoK3uyrLxwGh5ve4v3cA\"");

    assertThat(inspect("example.org")).isNotReady()
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "old-token")
        .hasAttribute("expected", DIGEST);
  }

  @Test
  void everyServerMustHaveIt() {
    lab().server("ns2.example.org").freeze("example.org");
    lab().zone("example.org").add(NAME + " TXT \"" + DIGEST + "\"");

    assertThat(inspect("example.org")).isNotReady()
        .finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .hasAttribute("missing", "ns2.example.org [127.0.0.12] udp");
  }

  @Test
  void cnamesAreFollowed() {
    lab().zone("example.org").add(NAME + " CNAME acct1.auth.acme-dns.net.");
    lab().zone("acme-dns.net").add("acct1.auth TXT \"" + DIGEST + "\"");

    assertThat(inspect("example.org")).isReady()
        .finding(FindingCode.DNS_CNAME_FOLLOWED)
        .hasAttribute("chain", NAME + ".example.org -> acct1.auth.acme-dns.net");
  }

  @Test
  void findingsNameTheMethod() {
    InspectionReport report = LabInspections.inspect(lab(), "example.org", CHALLENGE,
        AcmeDns01Check.of(KEY_AUTHORIZATION));

    assertThat(report.findings(FindingCode.DNS_RECORD_MISSING))
        .extracting(f -> f.method().orElseThrow())
        .containsExactlyInAnyOrder(Method.ACME_DNS_ACCOUNT_01, Method.ACME_DNS_01);
  }
}
