package org.dvinspector.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.dvinspector.CaProfiles;
import org.dvinspector.DomainContactCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.EndpointMapping;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Severity;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.dvinspector.testkit.SmtpLabServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The e-mail and phone methods against a DNS lab: constructed addresses and mail routes (MX,
 * implicit MX, null MX), the DNS TXT and CAA contacts of BR Appendix A, every server compared,
 * and the lab-only SMTP probe.
 */
final class ContactCheckTest {
  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .nameserver("ns2.example.com", "127.0.0.12"))
      .zone("mailhost.net", z -> z
          .nameserver("ns1.mailhost.net", "127.0.0.13")
          .records("mx1 A 127.0.0.70", "@ MX 10 mx1.mailhost.net.")));

  private static DnsLab lab() {
    return DNS.lab();
  }

  private static void add(String... records) {
    lab().zone("example.com").add(records);
  }

  private static InspectionReport inspect(String domain, DomainContactCheck check) {
    return inspect(domain, check, EndpointMapping.IDENTITY);
  }

  private static InspectionReport inspect(String domain, DomainContactCheck check,
      EndpointMapping extra) {
    NetworkPolicy policy = lab().networkPolicy(extra).queryTimeout(Duration.ofSeconds(1))
        .queryAttempts(2).httpTimeout(Duration.ofSeconds(3)).build();
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .addModule(new DnsModule())
        .addModule(new ContactModule())
        .networkPolicy(policy)
        .build()) {
      return inspector.inspect(InspectionRequest.builder().domain(domain)
          .profile(CaProfiles.BASELINE_REQUIREMENTS).addChecks(check).build());
    }
  }

  // ------------------------------------------------------------------ BR 3.2.2.4.4

  @Test
  void constructedAddressesReachAMailServer() {
    add("@ MX 10 mail.example.com.", "mail A 127.0.0.71");

    InspectionReport report = inspect("example.com", DomainContactCheck.constructedEmail());

    assertThat(report).isReady()
        .finding(FindingCode.CONTACT_CANDIDATES)
        .hasSeverity(Severity.INFO)
        .hasAttribute("contacts", "admin@example.com,administrator@example.com,"
            + "webmaster@example.com,hostmaster@example.com,postmaster@example.com")
        .messageContains("cannot be checked");
  }

  @Test
  void aParentDomainIsAnAuthorizationDomainName() {
    add("@ MX 10 mail.example.com.", "mail A 127.0.0.71", "www A 127.0.0.72",
        "www MX 0 .");

    InspectionReport report = inspect("www.example.com", DomainContactCheck.constructedEmail());

    // www has a null MX, but the CA may write to admin@example.com instead.
    assertThat(report).isReady()
        .finding(FindingCode.MAIL_NULL_MX)
        .hasSeverity(Severity.WARNING)
        .hasAttribute("domain", "www.example.com");
    assertThat(report).finding(FindingCode.CONTACT_CANDIDATES)
        .messageContains("admin@example.com")
        .hasNoEvidenceFrom("admin@www.example.com");
  }

  @Test
  void aNullMxEverywhereAcceptsNoMail() {
    add("@ MX 0 .");

    assertThat(inspect("example.com", DomainContactCheck.constructedEmail())).isNotReady()
        .finding(FindingCode.MAIL_NULL_MX)
        .hasSeverity(Severity.ERROR)
        .messageContains("accepts no mail")
        .hasEvidenceFrom("ns1.example.com [127.0.0.11]");
  }

  @Test
  void noMxMeansTheDomainsOwnAddress() {
    add("@ A 127.0.0.73");

    assertThat(inspect("example.com", DomainContactCheck.constructedEmail())).isReady()
        .finding(FindingCode.MAIL_IMPLICIT_MX)
        .hasSeverity(Severity.INFO)
        .messageContains("127.0.0.73");
  }

  @Test
  void noMxAndNoAddressMeansNoMailServer() {
    add("other A 127.0.0.74");

    assertThat(inspect("example.com", DomainContactCheck.constructedEmail())).isNotReady()
        .finding(FindingCode.MAIL_NO_MAIL_SERVER)
        .messageContains("no MX record and no A or AAAA record");
  }

  @Test
  void anMxHostWithoutAddressCannotTakeMail() {
    add("@ MX 10 gone.example.com.");

    assertThat(inspect("example.com", DomainContactCheck.constructedEmail())).isNotReady()
        .finding(FindingCode.MAIL_MX_UNUSABLE)
        .hasSeverity(Severity.ERROR)
        .hasAttribute("hosts", "gone.example.com");
  }

  @Test
  void oneBrokenMxHostOfTwoIsAWarning() {
    add("@ MX 10 mail.example.com.", "@ MX 20 gone.example.com.", "mail A 127.0.0.71");

    assertThat(inspect("example.com", DomainContactCheck.constructedEmail())).isReady()
        .finding(FindingCode.MAIL_MX_UNUSABLE)
        .hasSeverity(Severity.WARNING)
        .messageContains("1 of 2 mail hosts");
  }

  @Test
  void anMxHostThatIsAnAliasIsAWarning() {
    add("@ MX 10 mail.example.com.", "mail CNAME mx1.mailhost.net.");

    assertThat(inspect("example.com", DomainContactCheck.constructedEmail())).isReady()
        .finding(FindingCode.MAIL_MX_IS_ALIAS)
        .messageContains("RFC 2181");
  }

  @Test
  void serversThatServeDifferentMxRecordsAreAWarning() {
    add("@ MX 10 mx1.mailhost.net.");
    lab().server("ns2.example.com").freeze("example.com");
    add("@ MX 20 mail.example.com.", "mail A 127.0.0.71");

    assertThat(inspect("example.com", DomainContactCheck.constructedEmail())).isReady()
        .finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .hasSeverity(Severity.WARNING)
        .messageContains("different MX records");
  }

  @Test
  void anExpectedAddressThatIsNotConstructedIsNotPublished() {
    add("@ MX 10 mail.example.com.", "mail A 127.0.0.71");

    assertThat(inspect("example.com", DomainContactCheck.builder()
        .contactMethod(Method.EMAIL_CONSTRUCTED).expectedContact("ssl@example.com").build()))
        .isNotReady()
        .finding(FindingCode.CONTACT_NOT_PUBLISHED)
        .messageContains("admin@, administrator@");
  }

  // ------------------------------------------------------------------ the lab-only SMTP probe

  @Test
  void theSmtpProbeAsksTheMailServerWithoutSendingMail() {
    add("@ MX 10 mail.example.com.", "mail A 127.0.0.75");
    try (SmtpLabServer smtp = SmtpLabServer.start("127.0.0.76")) {
      smtp.accept("admin@example.com");
      EndpointMapping toLab = EndpointMapping.builder()
          .route(address("127.0.0.75"), 25, smtp.address()).build();

      InspectionReport ok = inspect("example.com", DomainContactCheck.builder()
          .contactMethod(Method.EMAIL_CONSTRUCTED).expectedContact("admin@example.com")
          .smtpProbe(true).build(), toLab);
      InspectionReport refused = inspect("example.com", DomainContactCheck.builder()
          .contactMethod(Method.EMAIL_CONSTRUCTED).expectedContact("postmaster@example.com")
          .smtpProbe(true).build(), toLab);

      assertThat(ok).isReady().finding(FindingCode.CONTACT_CANDIDATES)
          .hasEvidenceFrom("inspector");
      assertThat(ok.findings(FindingCode.CONTACT_CANDIDATES).get(0).evidence())
          .anySatisfy(e -> assertThat(e.detail()).contains("accepts RCPT TO:<admin@example.com>"));
      assertThat(refused).isNotReady().finding(FindingCode.MAIL_RECIPIENT_REJECTED)
          .hasSeverity(Severity.ERROR)
          .messageContains("550");
      assertThat(smtp.commands()).contains("EHLO dvinspector.invalid", "MAIL FROM:<>",
          "RCPT TO:<admin@example.com>", "QUIT").noneMatch(c -> c.startsWith("DATA"));
    }
  }

  @Test
  void theSmtpProbeNeverTalksToMailServersOutsideTheLab() {
    add("@ MX 10 mail.example.com.", "mail A 192.0.2.25");

    assertThat(inspect("example.com", DomainContactCheck.builder()
        .contactMethod(Method.EMAIL_CONSTRUCTED).smtpProbe(true).build())).isReady()
        .finding(FindingCode.CONTACT_CANDIDATES)
        .hasEvidenceFrom("inspector");
    assertThat(inspect("example.com", DomainContactCheck.builder()
        .contactMethod(Method.EMAIL_CONSTRUCTED).smtpProbe(true).build())
        .findings(FindingCode.CONTACT_CANDIDATES).get(0).evidence())
        .anySatisfy(e -> assertThat(e.detail()).contains("skipped").contains("loopback"));
  }

  // ------------------------------------------------------------------ BR 3.2.2.4.14 / .16 (TXT)

  @Test
  void aTxtEmailContactWithAWorkingMailDomainPasses() {
    add("_validation-contactemail TXT \"dcv@mailhost.net\"");

    assertThat(inspect("www.example.com", DomainContactCheck.emailTxtContact())).isReady()
        .finding(FindingCode.CONTACT_CANDIDATES)
        .hasAttribute("contacts", "dcv@mailhost.net");
  }

  @Test
  void aTxtContactWithPaddingIsMalformed() {
    add("_validation-contactemail TXT \"mailto:dcv@mailhost.net\"");

    assertThat(inspect("example.com", DomainContactCheck.emailTxtContact())).isNotReady()
        .finding(FindingCode.CONTACT_RECORD_MALFORMED)
        .hasSeverity(Severity.ERROR)
        .messageContains("mailto:");
  }

  @Test
  void noTxtContactIsMissing() {
    assertThat(inspect("www.example.com", DomainContactCheck.emailTxtContact())).isNotReady()
        .finding(FindingCode.CONTACT_RECORD_MISSING)
        .messageContains("_validation-contactemail.www.example.com")
        .messageContains("_validation-contactemail.example.com")
        .remedyContains("TXT record at _validation-contactemail.www.example.com");
  }

  @Test
  void aContactAddressWhoseDomainTakesNoMailFails() {
    add("_validation-contactemail TXT \"dcv@nomail.example.com\"", "nomail MX 0 .");

    assertThat(inspect("example.com", DomainContactCheck.emailTxtContact())).isNotReady()
        .finding(FindingCode.MAIL_NULL_MX)
        .messageContains("dcv@nomail.example.com");
  }

  @Test
  void aContactOnOneServerOnlyFails() {
    lab().server("ns2.example.com").freeze("example.com");
    add("_validation-contactemail TXT \"dcv@mailhost.net\"");

    assertThat(inspect("example.com", DomainContactCheck.emailTxtContact())).isNotReady()
        .finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .hasSeverity(Severity.ERROR)
        .messageContains("missing on ns2.example.com [127.0.0.12] udp");
  }

  @Test
  void aTxtPhoneContact() {
    add("_validation-contactphone TXT \"+1-555-0100\"");

    assertThat(inspect("example.com", DomainContactCheck.phoneTxtContact())).isReady()
        .finding(FindingCode.CONTACT_CANDIDATES)
        .messageContains("call or text +1-555-0100");
  }

  @Test
  void aLocalPhoneNumberIsMalformed() {
    add("_validation-contactphone TXT \"555 0100\"");

    assertThat(inspect("example.com", DomainContactCheck.phoneTxtContact())).isNotReady()
        .finding(FindingCode.CONTACT_RECORD_MALFORMED)
        .messageContains("does not start with +");
  }

  @Test
  void anotherNumberThanTheExpectedOneIsNotPublished() {
    add("_validation-contactphone TXT \"+1-555-0100\"");

    assertThat(inspect("example.com", DomainContactCheck.builder()
        .contactMethod(Method.PHONE_TXT_CONTACT).expectedContact("+44-20-7946-0000").build()))
        .isNotReady()
        .finding(FindingCode.CONTACT_NOT_PUBLISHED)
        .messageContains("+1-555-0100");
  }

  // ------------------------------------------------------------------ BR 3.2.2.4.13 / .17 (CAA)

  @Test
  void aCaaContactInTheParentsRelevantSetCounts() {
    add("@ CAA 0 issue \"ca.example\"", "@ CAA 0 contactemail \"dcv@mailhost.net\"",
        "@ CAA 0 contactphone \"+1-555-0101\"", "www A 127.0.0.72");

    assertThat(inspect("www.example.com", DomainContactCheck.emailCaaContact())).isReady()
        .finding(FindingCode.CONTACT_CANDIDATES)
        .hasEvidenceFrom("inspector");
    assertThat(inspect("www.example.com", DomainContactCheck.phoneCaaContact())).isReady()
        .finding(FindingCode.CONTACT_CANDIDATES)
        .hasAttribute("contacts", "+1-555-0101");
  }

  @Test
  void aDeeperCaaSetWithoutContactHidesTheParents() {
    add("@ CAA 0 contactemail \"dcv@mailhost.net\"", "www CAA 0 issue \"ca.example\"");

    assertThat(inspect("www.example.com", DomainContactCheck.builder()
        .contactMethod(Method.EMAIL_CAA_CONTACT).authorizationDomainName("www.example.com")
        .build())).isNotReady()
        .finding(FindingCode.CONTACT_RECORD_MISSING)
        .messageContains("CAA at www.example.com");
  }

  // ------------------------------------------------------------------ BR 3.2.2.4.15

  @Test
  void theRetiredDomainContactPhoneMethodFails() {
    assertThat(inspect("example.com", DomainContactCheck.of(Method.PHONE_DOMAIN_CONTACT)))
        .isNotReady()
        .hasFinding(FindingCode.METHOD_RETIRED)
        .doesNotHaveFinding(FindingCode.INSPECTION_INTERNAL_ERROR);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
