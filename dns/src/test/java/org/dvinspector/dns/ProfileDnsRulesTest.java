package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import org.dvinspector.AcmeDns01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.Check;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Severity;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The profiles' DNS rules on one lab, each rule shown where the CAs decide differently: DigiCert
 * searches each record's text for its value (quotes and surrounding text pass, a value split over
 * strings does not), looks at the domain itself after {@code _dnsauth}, searches CNAME targets,
 * and has 2 s per lookup; Let's Encrypt joins a record's strings and compares exactly; Pebble 2.4
 * compares each string alone; the seed's console compares exactly at {@code _dnsauth} only.
 */
final class ProfileDnsRulesTest {
  /** A random value of DigiCert's shape: 32 base-62 characters. */
  private static final String DC = "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a";
  private static final DnsTxtCheck DNSAUTH = DnsTxtCheck.of("_dnsauth", DC);
  private static final AcmeDns01Check ACME = AcmeDns01Check.of(
      "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ");
  private static final String DIGEST = ACME.expectedValue();

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .nameserver("ns2.example.com", "127.0.0.12"))
      .zone("other.net", z -> z
          .nameserver("ns1.other.net", "127.0.0.13")
          .records("www A 127.0.0.60")));

  private static DnsLab lab() {
    return DNS.lab();
  }

  private static InspectionReport inspect(CaProfile profile, Check check) {
    return inspect(LabInspections.policy(lab()).build(), profile, check);
  }

  private static InspectionReport inspect(NetworkPolicy policy, CaProfile profile, Check check) {
    return LabInspections.inspect(policy, profile, "example.com", check);
  }

  // ------------------------------------------------------------------ TXT matching

  @Test
  void quotedValueIsReadyForDigicertAndNotReadyForLetsEncrypt() {
    lab().zone("example.com").add(
        "_dnsauth TXT \"\\\"" + DC + "\\\"\"",
        "_acme-challenge TXT \"\\\"" + DIGEST + "\\\"\"");

    assertThat(inspect(CaProfiles.DIGICERT, DNSAUTH)).isReady().hasNoErrors();
    assertThat(inspect(CaProfiles.LETS_ENCRYPT, ACME)).isNotReady()
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "surrounding-quotes");
    // The seed's console compares the value exactly.
    assertThat(inspect(CaProfiles.DIGICERT_CONSOLE, DNSAUTH)).isNotReady()
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "surrounding-quotes");
  }

  @Test
  void valueInsideOtherTextIsReadyForDigicertOnly() {
    lab().zone("example.com").add(
        "_dnsauth TXT \"dcv " + DC + " (order 12)\"",
        "_acme-challenge TXT \"dcv " + DIGEST + " (order 12)\"");

    assertThat(inspect(CaProfiles.DIGICERT, DNSAUTH)).isReady();
    assertThat(inspect(CaProfiles.LETS_ENCRYPT, ACME)).isNotReady()
        .hasFinding(FindingCode.DNS_VALUE_MISMATCH);
  }

  @Test
  void digicertComparesTheCase() {
    lab().zone("example.com").add("_dnsauth TXT \"" + DC.toLowerCase(java.util.Locale.ROOT) + "\"");

    assertThat(inspect(CaProfiles.DIGICERT, DNSAUTH)).isNotReady()
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "case");
  }

  @Test
  void valueSplitOverTwoStringsIsJoinedByLetsEncryptOnly() {
    lab().zone("example.com").add(
        "_dnsauth TXT \"" + DC.substring(0, 15) + "\" \"" + DC.substring(15) + "\"",
        "_acme-challenge TXT \"" + DIGEST.substring(0, 20) + "\" \"" + DIGEST.substring(20) + "\"");

    assertThat(inspect(CaProfiles.LETS_ENCRYPT, ACME)).isReady();
    assertThat(inspect(CaProfiles.PEBBLE, ACME)).isNotReady()
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "split-strings-joined-wrongly")
        .messageContains("compares each string alone")
        .remedyContains("one string");
    assertThat(inspect(CaProfiles.DIGICERT, DNSAUTH)).isNotReady()
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "split-strings-joined-wrongly")
        .messageContains("searches each string alone")
        .remedyContains("DigiCert does not join the strings");
  }

  // ------------------------------------------------------------------ names looked at

  @Test
  void recordAtTheDomainItselfIsReadyForDigicertAndNotReadyForLetsEncrypt() {
    lab().zone("example.com").add("@ TXT \"" + DC + "\"", "@ TXT \"" + DIGEST + "\"");

    InspectionReport digicert = inspect(CaProfiles.DIGICERT, DNSAUTH);
    assertThat(digicert).isReady().hasNoErrors()
        .finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasSeverity(Severity.INFO)
        .hasAttribute("foundAt", "example.com")
        .messageContains("DigiCert looks at _dnsauth.example.com first and then at example.com");
    assertThat(digicert.hasFinding(FindingCode.DNS_RECORD_MISSING)).isFalse();
    assertThat(inspect(CaProfiles.LETS_ENCRYPT, ACME)).isNotReady()
        .finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasSeverity(Severity.ERROR)
        .hasAttribute("foundAt", "example.com");
    assertThat(inspect(CaProfiles.DIGICERT_CONSOLE, DNSAUTH)).isNotReady()
        .finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasSeverity(Severity.ERROR);
  }

  @Test
  void digicertNamesBothPlacesWhenNeitherHoldsTheValue() {
    InspectionReport report = inspect(CaProfiles.DIGICERT, DNSAUTH);

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasSeverity(Severity.ERROR)
        .hasAttribute("name", "_dnsauth.example.com");
    assertThat(report.findings(FindingCode.DNS_RECORD_MISSING))
        .anySatisfy(f -> assertThat(f.message())
            .contains("DigiCert also looks at example.com itself"));
  }

  // ------------------------------------------------------------------ aliases in the answer

  @Test
  void digicertFindsTheValueInACnameTarget() {
    lab().zone("example.com").add("_dnsauth CNAME " + DC + ".dcv.other.net.");

    assertThat(inspect(CaProfiles.DIGICERT, DNSAUTH)).isReady().hasNoErrors();
    // Without the alias search the target (which has no TXT record) decides.
    assertThat(inspect(CaProfiles.DIGICERT_CONSOLE, DNSAUTH)).isNotReady()
        .hasFinding(FindingCode.DNS_CNAME_FOLLOWED);
  }

  // ------------------------------------------------------------------ k of n servers

  @Test
  void laggingNameserverSaysKOfNAndTheCaPicksAtRandom() {
    lab().server("ns2.example.com").freeze("example.com");
    lab().zone("example.com").add("_acme-challenge TXT \"" + DIGEST + "\"",
        "_dnsauth TXT \"" + DC + "\"");

    for (InspectionReport r : new InspectionReport[] {
        inspect(CaProfiles.LETS_ENCRYPT, ACME), inspect(CaProfiles.DIGICERT, DNSAUTH)}) {
      assertThat(r).isNotReady()
          .finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
          .hasSeverity(Severity.ERROR)
          .hasAttribute("k", "1")
          .hasAttribute("n", "2")
          .messageContains("passes from 1 of 2 servers; the CA reaches one of them at random")
          .hasAttribute("missing", "ns2.example.com [127.0.0.12] udp");
    }
  }

  // ------------------------------------------------------------------ the CA's lookup budget

  @Test
  void deadNameserverWarnsOfDigicertsTwoSecondBudgetOnly() {
    lab().zone("example.com").add("_acme-challenge TXT \"" + DIGEST + "\"",
        "_dnsauth TXT \"" + DC + "\"");
    // A server that never answers (not a tight delay): the verdict does not depend on timing.
    lab().server("ns2.example.com").addFault(DnsFault.drop());
    NetworkPolicy policy = LabInspections.shortTimeouts(lab());

    InspectionReport digicert = inspect(policy, CaProfiles.DIGICERT, DNSAUTH);
    InspectionReport letsEncrypt = inspect(policy, CaProfiles.LETS_ENCRYPT, ACME);

    assertThat(digicert).isReady()
        .finding(FindingCode.DNS_SERVER_TIMEOUT)
        .hasSeverity(Severity.WARNING)
        .hasAttribute("caLookupBudgetMillis", "2000")
        .messageContains("DigiCert's lookups have 2000 ms in all, retries included")
        .messageContains("DigiCert can fail now and then")
        .hasEvidenceFrom("ns2.example.com [127.0.0.12]");
    Finding le = letsEncrypt.findings(FindingCode.DNS_SERVER_TIMEOUT).get(0);
    assertThat(letsEncrypt).isReady();
    assertThat(le.severity()).isEqualTo(Severity.WARNING);
    assertThat(le.message()).doesNotContain("ms in all");
    assertThat(le.attributes()).doesNotContainKey("caLookupBudgetMillis");
  }

  @Test
  void answerSlowerThanDigicertsBudgetIsAWarning() {
    lab().zone("example.com").add("_dnsauth TXT \"" + DC + "\"");
    // The delay is a lower bound: however busy the machine, the answer comes after 2 s or later
    // (or, later still, not within the timeout: then it is a timeout, reported the same way).
    lab().server("ns2.example.com").addFault(DnsFault.latency(java.time.Duration.ofMillis(2500)));
    // The profile's EDNS Client Subnet questions go to ns2 too, after its plain answer: two slow
    // round trips, so the deadline leaves room for both.
    NetworkPolicy policy = LabInspections.policy(lab())
        .queryTimeout(java.time.Duration.ofSeconds(5)).queryAttempts(1)
        .deadline(java.time.Duration.ofSeconds(20)).build();

    InspectionReport digicert = inspect(policy, CaProfiles.DIGICERT, DNSAUTH);

    assertThat(digicert).isReady()
        .finding(FindingCode.DNS_SERVER_TIMEOUT)
        .hasSeverity(Severity.WARNING)
        .hasAttribute("caLookupBudgetMillis", "2000")
        .messageContains("ns2.example.com [127.0.0.12]")
        .messageContains("DigiCert");
  }
}
