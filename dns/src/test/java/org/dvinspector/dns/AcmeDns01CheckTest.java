package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import org.dvinspector.AcmeDns01Check;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Severity;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ACME dns-01: the digest at _acme-challenge, several records, CNAMEs followed to other zones. */
final class AcmeDns01CheckTest {
  private static final AcmeDns01Check CHALLENGE = AcmeDns01Check.of(
      "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ");
  private static final String DIGEST = CHALLENGE.expectedValue();

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .nameserver("ns2.example.com", "127.0.0.12"))
      .zone("acme-dns.net", z -> z
          .nameserver("ns1.acme-dns.net", "127.0.0.13")
          .nameserver("ns2.acme-dns.net", "127.0.0.14")));

  private static DnsLab lab() {
    return DNS.lab();
  }

  private static InspectionReport inspect() {
    return LabInspections.inspect(lab(), "example.com", CHALLENGE);
  }

  @Test
  void passesWithTheDigestAtAcmeChallenge() {
    lab().zone("example.com").add("_acme-challenge TXT \"" + DIGEST + "\"");

    assertThat(inspect()).isReady().hasNoErrors();
  }

  @Test
  void severalTxtRecordsFromEarlierOrdersAreFine() {
    lab().zone("example.com").add(
        "_acme-challenge TXT \"Z9b0D6qgAq3XMy5aV1nGcTfyoK3uyrLxwGh5ve4v3cA\"",
        "_acme-challenge TXT \"" + DIGEST + "\"");

    assertThat(inspect()).isReady();
  }

  @Test
  void anOldDigestAloneIsAMismatchClassifiedAsAnOldToken() {
    lab().zone("example.com").add(
        "_acme-challenge TXT \"Z9b0D6qgAq3XMy5aV1nGcTfyoK3uyrLxwGh5ve4v3cA\"");

    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "old-token")
        .hasAttribute("expected", DIGEST)
        .remedyContains("several TXT records at one name are fine");
  }

  @Test
  void cnameToAnotherZoneIsFollowedAndReported() {
    lab().zone("example.com").add("_acme-challenge CNAME d420c923.auth.acme-dns.net.");
    lab().zone("acme-dns.net").add("d420c923.auth TXT \"" + DIGEST + "\"");

    InspectionReport report = inspect();

    assertThat(report).isReady()
        .finding(FindingCode.DNS_CNAME_FOLLOWED)
        .hasSeverity(Severity.INFO)
        .hasAttribute("chain", "_acme-challenge.example.com -> d420c923.auth.acme-dns.net")
        .hasAttribute("target", "d420c923.auth.acme-dns.net");
    assertThat(LabInspections.observations(report, "TXT d420c923.auth.acme-dns.net"))
        .extracting(o -> o.perspective().label())
        .contains("ns1.acme-dns.net [127.0.0.13] udp", "ns2.acme-dns.net [127.0.0.14] udp");
  }

  @Test
  void cnameTargetWithoutTheRecordIsMissingAtTheTarget() {
    lab().zone("example.com").add("_acme-challenge CNAME d420c923.auth.acme-dns.net.");

    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasAttribute("name", "d420c923.auth.acme-dns.net")
        .hasAttribute("zone", "acme-dns.net")
        .messageContains("the target of the CNAME at _acme-challenge.example.com")
        .remedyContains("Or remove the CNAME");
  }

  @Test
  void cnameTargetOnOnlySomeServersOfItsZoneIsReported() {
    lab().zone("example.com").add("_acme-challenge CNAME d420c923.auth.acme-dns.net.");
    lab().server("ns2.acme-dns.net").freeze("acme-dns.net");
    lab().zone("acme-dns.net").add("d420c923.auth TXT \"" + DIGEST + "\"");

    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .hasAttribute("name", "d420c923.auth.acme-dns.net")
        .hasAttribute("missing", "ns2.acme-dns.net [127.0.0.14] udp");
  }

  @Test
  void cnameToAMissingNameInsideTheZoneIsMissingAtTheTarget() {
    // The server follows the alias itself and answers NXDOMAIN together with the CNAME.
    lab().zone("example.com").add("_acme-challenge CNAME gone.example.com.");

    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .hasFinding(FindingCode.DNS_CNAME_FOLLOWED)
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasAttribute("name", "gone.example.com")
        .hasAttribute("negativeAnswer", "NXDOMAIN");
  }

  @Test
  void cnameLoopIsReported() {
    lab().zone("example.com").add("_acme-challenge CNAME loop.example.com.",
        "loop CNAME _acme-challenge.example.com.");

    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_CNAME_LOOP)
        .messageContains("loops")
        .hasAttribute("chain",
            "_acme-challenge.example.com -> loop.example.com -> _acme-challenge.example.com");
  }

  @Test
  void cnameChainLongerThanCasFollowIsReported() {
    lab().zone("example.com").add("_acme-challenge CNAME c1.example.com.");
    for (int i = 1; i <= 9; i++) {
      lab().zone("example.com").add("c" + i + " CNAME c" + (i + 1) + ".example.com.");
    }
    lab().zone("example.com").add("c10 TXT \"" + DIGEST + "\"");

    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_CNAME_LOOP)
        .messageContains("longer than 8 aliases");
  }

  @Test
  void cnameToANameWithoutZoneIsReported() {
    lab().zone("example.com").add("_acme-challenge CNAME x.unregistered.net.");

    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_ZONE_NOT_FOUND)
        .messageContains("The CNAME target x.unregistered.net")
        .remedyContains("Point the CNAME at _acme-challenge.example.com");
  }
}
