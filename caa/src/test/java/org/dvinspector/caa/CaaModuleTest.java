package org.dvinspector.caa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.CaaRules;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * The module end to end: a DNS lab on loopback (root, TLDs, {@code example.com} on two servers,
 * {@code github.io} on one), the dns module's CA view, and the CAA module.
 */
final class CaaModuleTest {
  private static final String DIGICERT = "digicert.com";

  private DnsLab lab;
  private DomainValidationInspector inspector;

  @BeforeEach
  void startLab() {
    lab = DnsLab.builder()
        .zone("example.com", z -> z
            .nameserver("ns1.example.com", "127.0.0.11")
            .nameserver("ns2.example.com", "127.0.0.12")
            .records("www A 127.0.0.80", "blog CNAME user.github.io.",
                "docs CNAME plain.github.io."))
        .zone("github.io", z -> z
            .nameserver("ns1.github.io", "127.0.0.21")
            .records("user A 127.0.0.81", "plain A 127.0.0.82"))
        .start();
    inspector = DomainValidationInspector.builder()
        .addModule(new DnsModule())
        .addModule(new CaaModule())
        .networkPolicy(lab.networkPolicy()
            .queryTimeout(Duration.ofMillis(300))
            .deadline(Duration.ofSeconds(4))
            .build())
        .build();
  }

  @AfterEach
  void stopLab() {
    inspector.close();
    lab.close();
  }

  private InspectionReport inspect(String domain, Check... checks) {
    return inspect(CaProfiles.BASELINE_REQUIREMENTS, domain, checks);
  }

  private InspectionReport inspect(CaProfile profile, String domain, Check... checks) {
    return inspector.inspect(InspectionRequest.builder()
        .domain(domain)
        .profile(profile)
        .addChecks(checks)
        .build());
  }

  private static Finding one(InspectionReport report, FindingCode code) {
    assertThat(report.findings(code)).as("%s in %s", code, report.findings()).hasSize(1);
    return report.findings(code).get(0);
  }

  private static CheckResult.Status caaStatus(InspectionReport report) {
    return report.checkResults().stream()
        .filter(r -> r.check() instanceof CaaCheck)
        .findFirst().orElseThrow().status();
  }

  // ------------------------------------------------------------------ the relevant set

  @Test
  void setAtTheNameThatNamesTheCaIsReady() {
    lab.zone("example.com").add("www CAA 0 issue \"digicert.com\"");

    InspectionReport report = inspect("www.example.com", CaaCheck.forIssuers(DIGICERT));

    assertThat(report.verdict()).isEqualTo(Verdict.READY);
    Finding set = one(report, FindingCode.CAA_RELEVANT_SET);
    assertThat(set.attributes()).containsEntry("foundAt", "www.example.com")
        .containsEntry("records", "0 issue \"digicert.com\"");
    assertThat(set.evidence()).extracting(e -> e.perspective().name())
        .containsExactlyInAnyOrder("ns1.example.com", "ns2.example.com");
  }

  @Test
  void noRecordsUpToTheTopLevelDomainLetEveryCaIssue() {
    InspectionReport report = inspect("www.example.com", CaaCheck.forIssuers(DIGICERT));

    assertThat(report.verdict()).isEqualTo(Verdict.READY);
    Finding set = one(report, FindingCode.CAA_RELEVANT_SET);
    assertThat(set.message()).contains("No CAA records at www.example.com or any parent domain");
    assertThat(set.attributes()).doesNotContainKey("foundAt");
  }

  @Test
  void setInheritedFromTheParentForbidsAnotherCaAndSaysWhichRecordToAdd() {
    lab.zone("example.com").add("@ CAA 0 issue \"letsencrypt.org\"");

    InspectionReport report = inspect("www.example.com", CaaCheck.forIssuers(DIGICERT));

    assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(one(report, FindingCode.CAA_RELEVANT_SET).attributes())
        .containsEntry("foundAt", "example.com");
    Finding forbids = one(report, FindingCode.CAA_FORBIDS_ISSUER);
    assertThat(forbids.severity()).isEqualTo(Severity.ERROR);
    assertThat(forbids.message()).contains("letsencrypt.org").contains("digicert.com");
    assertThat(forbids.attributes())
        .containsEntry("suggestedRecords", "example.com. CAA 0 issue \"digicert.com\"")
        .containsEntry("suggestedOwner", "example.com")
        .containsEntry("alternativeRecords", "www.example.com. CAA 0 issue \"letsencrypt.org\"\n"
            + "www.example.com. CAA 0 issue \"digicert.com\"");
    assertThat(forbids.remedy()).hasValueSatisfying(r -> assertThat(r)
        .contains("example.com. CAA 0 issue \"digicert.com\"")
        .contains("www.example.com. CAA 0 issue \"letsencrypt.org\""));
    assertThat(caaStatus(report)).isEqualTo(CheckResult.Status.FAILED);
  }

  @Test
  void alternativeRecordsAllowTheCaForTheRequestedNameOnly() {
    lab.zone("example.com").add("@ CAA 0 issue \"letsencrypt.org\"");
    Finding forbids = one(inspect("www.example.com", CaaCheck.forIssuers(DIGICERT)),
        FindingCode.CAA_FORBIDS_ISSUER);
    assertThat(forbids.attributes()).containsKey("alternativeRecords");

    for (String line : forbids.attributes().getOrDefault("alternativeRecords", "").split("\n")) {
      lab.zone("example.com").add(line);
    }

    assertThat(inspect("www.example.com", CaaCheck.forIssuers(DIGICERT)).verdict())
        .isEqualTo(Verdict.READY);
    assertThat(inspect("shop.example.com", CaaCheck.forIssuers(DIGICERT)).verdict())
        .isEqualTo(Verdict.NOT_READY);
    assertThat(inspect("www.example.com", CaaCheck.forIssuers("letsencrypt.org")).verdict())
        .isEqualTo(Verdict.READY);
  }

  @Test
  void cnameIntoAnotherZoneBringsThatZonesForbiddingSet() {
    lab.zone("example.com").add("@ CAA 0 issue \"digicert.com\"");
    lab.zone("github.io").add("user CAA 0 issue \"letsencrypt.org\"");

    InspectionReport report = inspect("blog.example.com", CaaCheck.forIssuers(DIGICERT));

    assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    Finding alias = one(report, FindingCode.CAA_INHERITED_VIA_CNAME);
    assertThat(alias.attributes()).containsEntry("aliasTarget", "user.github.io")
        .containsEntry("foundAt", "blog.example.com");
    assertThat(alias.evidence()).extracting(e -> e.perspective().name())
        .containsExactly("ns1.github.io");
    Finding forbids = one(report, FindingCode.CAA_FORBIDS_ISSUER);
    assertThat(forbids.attributes())
        .containsEntry("suggestedRecords", "user.github.io. CAA 0 issue \"digicert.com\"");
    assertThat(forbids.remedy()).hasValueSatisfying(r -> assertThat(r)
        .contains("remove the alias").contains("user.github.io"));
  }

  @Test
  void aliasWhoseTargetHasNoRecordsClimbsTheOriginalNameNotTheTarget() {
    lab.zone("github.io").add("@ CAA 0 issue \"letsencrypt.org\"");
    lab.zone("example.com").add("@ CAA 0 issue \"digicert.com\"");

    InspectionReport report = inspect("docs.example.com", CaaCheck.forIssuers(DIGICERT));

    assertThat(report.verdict()).isEqualTo(Verdict.READY);
    assertThat(one(report, FindingCode.CAA_RELEVANT_SET).attributes())
        .containsEntry("foundAt", "example.com");
    assertThat(report.hasFinding(FindingCode.CAA_INHERITED_VIA_CNAME)).isFalse();
  }

  // ------------------------------------------------------------------ lookup failures

  @Test
  void servfailAtOneServerIsAWarningBecauseTheCasResolverRetriesTheOther() {
    // One rule for every record type: a server that fails while others answer is passed over by
    // a CA's resolver (BR 4.2.2.1 refuses only a lookup that fails as a whole).
    lab.zone("example.com").add("@ CAA 0 issue \"digicert.com\"");
    lab.server("ns2.example.com").addFault(DnsFault.servfail().forName("example.com").forType(Type.CAA));

    InspectionReport report = inspect("www.example.com", CaaCheck.forIssuers(DIGICERT));

    assertThat(report.verdict()).isEqualTo(Verdict.READY);
    Finding failed = one(report, FindingCode.CAA_LOOKUP_FAILED);
    assertThat(failed.severity()).isEqualTo(Severity.WARNING);
    assertThat(failed.message()).contains("ns2.example.com").doesNotContain("ns1.example.com");
    assertThat(failed.evidence()).singleElement().satisfies(e -> {
      assertThat(e.perspective().name()).isEqualTo("ns2.example.com");
      assertThat(e.detail()).contains("CAA example.com").contains("SERVFAIL");
    });
  }

  @Test
  void servfailAtEveryServerFailsTheLookupAndNamesThem() {
    lab.zone("example.com").add("@ CAA 0 issue \"digicert.com\"");
    for (String ns : List.of("ns1.example.com", "ns2.example.com")) {
      lab.server(ns).addFault(DnsFault.servfail().forName("example.com").forType(Type.CAA));
    }

    InspectionReport report = inspect("www.example.com", CaaCheck.forIssuers(DIGICERT));

    assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    Finding failed = one(report, FindingCode.CAA_LOOKUP_FAILED);
    assertThat(failed.severity()).isEqualTo(Severity.ERROR);
    assertThat(failed.message()).contains("ns1.example.com").contains("ns2.example.com")
        .contains("every authoritative server");
    assertThat(caaStatus(report)).isEqualTo(CheckResult.Status.FAILED);
  }

  @Test
  void timeoutAtOneServerIsAWarningAndTheCheckPasses() {
    lab.server("ns1.example.com")
        .addFault(DnsFault.drop().forName("www.example.com").forType(Type.CAA));

    InspectionReport report = inspect("www.example.com", CaaCheck.forIssuers(DIGICERT));

    Finding failed = one(report, FindingCode.CAA_LOOKUP_FAILED);
    assertThat(failed.severity()).isEqualTo(Severity.WARNING);
    assertThat(failed.attributes()).containsEntry("names", "www.example.com");
    assertThat(failed.evidence()).singleElement()
        .satisfies(e -> assertThat(e.perspective().name()).isEqualTo("ns1.example.com"));
    assertThat(caaStatus(report)).isEqualTo(CheckResult.Status.PASSED);
  }

  @Test
  void timeoutAtEveryServerFailsTheLookup() {
    for (String ns : List.of("ns1.example.com", "ns2.example.com")) {
      lab.server(ns).addFault(DnsFault.drop().forName("www.example.com").forType(Type.CAA));
    }

    InspectionReport report = inspect("www.example.com", CaaCheck.forIssuers(DIGICERT));

    Finding failed = one(report, FindingCode.CAA_LOOKUP_FAILED);
    assertThat(failed.severity()).isEqualTo(Severity.ERROR);
    assertThat(failed.attributes()).containsEntry("names", "www.example.com");
    assertThat(caaStatus(report)).isEqualTo(CheckResult.Status.FAILED);
  }

  @Test
  void aliasLoopFailsTheLookup() {
    lab.zone("example.com").add("loop1 CNAME loop2", "loop2 CNAME loop1");

    InspectionReport report = inspect("loop1.example.com", CaaCheck.forIssuers(DIGICERT));

    Finding failed = one(report, FindingCode.CAA_LOOKUP_FAILED);
    assertThat(failed.evidence()).isNotEmpty()
        .allSatisfy(e -> assertThat(e.detail()).contains("loop"));
    assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
  }

  @Test
  void serversServingDifferentSetsAreReportedAndTheForbiddingOneCounts() {
    lab.server("ns2.example.com").freeze("example.com");
    lab.zone("example.com").add("@ CAA 0 issue \"letsencrypt.org\"");

    InspectionReport report = inspect("www.example.com", CaaCheck.forIssuers(DIGICERT));

    Finding differ = one(report, FindingCode.CAA_SETS_DIFFER);
    assertThat(differ.evidence()).extracting(e -> e.perspective().name() + ": " + e.detail())
        .contains("ns1.example.com: CAA at example.com: 0 issue \"letsencrypt.org\"");
    assertThat(report.findings(FindingCode.CAA_RELEVANT_SET)).hasSize(2);
    assertThat(one(report, FindingCode.CAA_FORBIDS_ISSUER).evidence())
        .extracting(e -> e.perspective().name()).containsExactly("ns1.example.com");
    assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
  }

  // ------------------------------------------------------------------ evaluation findings

  @Test
  void wildcardForbiddenByIssuewildSuggestsAnIssuewildRecord() {
    lab.zone("example.com").add("@ CAA 0 issue \"digicert.com\"", "@ CAA 0 issuewild \"letsencrypt.org\"");

    InspectionReport report = inspect("*.example.com", CaaCheck.forIssuers(DIGICERT));

    Finding forbids = one(report, FindingCode.CAA_FORBIDS_WILDCARD);
    assertThat(forbids.attributes())
        .containsEntry("suggestedRecords", "example.com. CAA 0 issuewild \"digicert.com\"")
        .containsEntry("governingProperty", "issuewild");
    assertThat(report.hasFinding(FindingCode.CAA_FORBIDS_ISSUER)).isFalse();
  }

  @Test
  void criticalRecordWithAnUnknownTagForbids() {
    lab.zone("example.com").add("@ CAA 0 issue \"digicert.com\"", "@ CAA 128 tbs \"unknown\"");

    InspectionReport report = inspect("example.com", CaaCheck.forIssuers(DIGICERT));

    Finding critical = one(report, FindingCode.CAA_UNKNOWN_CRITICAL_TAG);
    assertThat(critical.message()).contains("example.com. CAA 128 tbs \"unknown\"");
    assertThat(critical.attributes()).containsEntry("tag", "tbs");
    assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
  }

  @Test
  void flagOneIsCriticalForAStrictCa() {
    lab.zone("example.com").add("@ CAA 0 issue \"digicert.com\"", "@ CAA 1 tbs \"unknown\"");
    CaProfile strict = CaProfiles.BASELINE_REQUIREMENTS.toBuilder().id("strict")
        .caaRules(CaaRules.builder().anyFlagIsCritical(true).build()).build();

    InspectionReport report = inspect(strict, "example.com", CaaCheck.forIssuers(DIGICERT));

    assertThat(one(report, FindingCode.CAA_UNKNOWN_CRITICAL_TAG).message())
        .contains("any non-zero flag");
  }

  @Test
  void malformedRecordIsReportedAndAuthorizesNobody() {
    lab.zone("example.com").add("@ CAA 0 issue \"digicert.com; policy\"");

    InspectionReport report = inspect("example.com", CaaCheck.forIssuers(DIGICERT));

    Finding malformed = one(report, FindingCode.CAA_MALFORMED_RECORD);
    assertThat(malformed.severity()).isEqualTo(Severity.WARNING);
    assertThat(malformed.message()).contains("\"policy\" is not written tag=value");
    assertThat(one(report, FindingCode.CAA_FORBIDS_ISSUER).attributes())
        .containsEntry("suggestedRecords", "example.com. CAA 0 issue \"digicert.com\"");
  }

  @Test
  void accountUriOfAnotherAccountForbids() {
    lab.zone("example.com").add(
        "@ CAA 0 issue \"letsencrypt.org; accounturi=https://acme.test/acct/1\"");
    CaaCheck check = CaaCheck.builder().addIssuerDomains("letsencrypt.org")
        .accountUri("https://acme.test/acct/2").build();

    InspectionReport report = inspect("example.com", check);

    Finding mismatch = one(report, FindingCode.CAA_ACCOUNT_URI_MISMATCH);
    assertThat(mismatch.severity()).isEqualTo(Severity.ERROR);
    assertThat(mismatch.message()).contains("https://acme.test/acct/1").contains("https://acme.test/acct/2");
    assertThat(mismatch.attributes()).containsEntry("suggestedRecords",
        "example.com. CAA 0 issue \"letsencrypt.org; accounturi=https://acme.test/acct/2\"");
  }

  @Test
  void accountBoundRecordWithoutAnAccountInTheCheckIsUndecided() {
    lab.zone("example.com").add(
        "@ CAA 0 issue \"letsencrypt.org; accounturi=https://acme.test/acct/1\"");

    InspectionReport report = inspect("example.com", CaaCheck.forIssuers("letsencrypt.org"));

    assertThat(one(report, FindingCode.CAA_ACCOUNT_URI_MISMATCH).severity())
        .isEqualTo(Severity.WARNING);
    assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void validationMethodNotListedForbids() {
    lab.zone("example.com").add("@ CAA 0 issue \"letsencrypt.org; validationmethods=dns-01\"");
    CaaCheck check = CaaCheck.builder().addIssuerDomains("letsencrypt.org")
        .validationMethod(Method.ACME_HTTP_01).build();

    InspectionReport report = inspect("example.com", check);

    Finding notPermitted = one(report, FindingCode.CAA_METHOD_NOT_PERMITTED);
    assertThat(notPermitted.method()).hasValue(Method.ACME_HTTP_01);
    assertThat(notPermitted.attributes()).containsEntry("suggestedRecords",
        "example.com. CAA 0 issue \"letsencrypt.org; validationmethods=http-01\"");
  }

  @Test
  void validationMethodComesFromTheRequestsOtherChecks() {
    lab.zone("example.com").add("@ CAA 0 issue \"letsencrypt.org; validationmethods=http-01\"");

    InspectionReport report = inspect("example.com", CaaCheck.forIssuers("letsencrypt.org"),
        AcmeDns01Check.of("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ"));

    Finding notPermitted = one(report, FindingCode.CAA_METHOD_NOT_PERMITTED);
    assertThat(notPermitted.method()).hasValue(Method.ACME_DNS_01);
    assertThat(notPermitted.message()).contains("dns-01");
  }

  @Test
  void iodefContactIsReportedAsInformation() {
    lab.zone("example.com").add("@ CAA 0 iodef \"mailto:security@example.com\"");

    InspectionReport report = inspect("example.com", CaaCheck.forIssuers(DIGICERT));

    Finding iodef = one(report, FindingCode.CAA_IODEF);
    assertThat(iodef.severity()).isEqualTo(Severity.INFO);
    assertThat(iodef.message()).contains("mailto:security@example.com");
    assertThat(report.verdict()).isEqualTo(Verdict.READY);
  }

  @Test
  void unknownIssuerIdentityCannotBeJudged() {
    lab.zone("example.com").add("@ CAA 0 issue \"letsencrypt.org\"");

    InspectionReport report = inspect("example.com", CaaCheck.forProfile());

    assertThat(one(report, FindingCode.CAA_ISSUER_UNKNOWN).severity()).isEqualTo(Severity.WARNING);
    assertThat(caaStatus(report)).isEqualTo(CheckResult.Status.UNDECIDED);
    assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  // ------------------------------------------------------------------ the suggested records work

  static Stream<Arguments> forbiddingSetups() {
    CaProfile exact = CaProfiles.BASELINE_REQUIREMENTS.toBuilder().id("exact")
        .caaRules(CaaRules.builder().exactIssuerMatch(true).build()).build();
    return Stream.of(
        Arguments.of("inherited issue", CaProfiles.BASELINE_REQUIREMENTS, "www.example.com",
            CaaCheck.forIssuers(DIGICERT), List.of("@ CAA 0 issue \"letsencrypt.org\""), List.of()),
        Arguments.of("issue \";\"", CaProfiles.BASELINE_REQUIREMENTS, "example.com",
            CaaCheck.forIssuers(DIGICERT), List.of("@ CAA 0 issue \";\""), List.of()),
        Arguments.of("wildcard with issuewild", CaProfiles.BASELINE_REQUIREMENTS, "*.example.com",
            CaaCheck.forIssuers(DIGICERT),
            List.of("@ CAA 0 issue \"digicert.com\"", "@ CAA 0 issuewild \";\""), List.of()),
        Arguments.of("wildcard under issue", CaProfiles.BASELINE_REQUIREMENTS, "*.example.com",
            CaaCheck.forIssuers(DIGICERT), List.of("@ CAA 0 issue \"letsencrypt.org\""), List.of()),
        Arguments.of("account", CaProfiles.BASELINE_REQUIREMENTS, "example.com",
            CaaCheck.builder().addIssuerDomains("letsencrypt.org").accountUri("https://acme.test/a/2").build(),
            List.of("@ CAA 0 issue \"letsencrypt.org; accounturi=https://acme.test/a/1\""), List.of()),
        Arguments.of("method", CaProfiles.BASELINE_REQUIREMENTS, "example.com",
            CaaCheck.builder().addIssuerDomains("letsencrypt.org").validationMethod(Method.ACME_DNS_01).build(),
            List.of("@ CAA 0 issue \"letsencrypt.org; validationmethods=http-01\""), List.of()),
        Arguments.of("exact issuer name", exact, "example.com",
            CaaCheck.forIssuers(DIGICERT), List.of("@ CAA 0 issue \"DigiCert.com\""), List.of()),
        Arguments.of("alias into github.io", CaProfiles.BASELINE_REQUIREMENTS, "blog.example.com",
            CaaCheck.forIssuers(DIGICERT), List.of(), List.of("user CAA 0 issue \"letsencrypt.org\"")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("forbiddingSetups")
  void addingTheSuggestedRecordsTurnsTheVerdictReady(String name, CaProfile profile,
      String domain, CaaCheck check, List<String> exampleCom, List<String> githubIo) {
    exampleCom.forEach(r -> lab.zone("example.com").add(r));
    githubIo.forEach(r -> lab.zone("github.io").add(r));
    InspectionReport before = inspect(profile, domain, check);
    assertThat(before.verdict()).isEqualTo(Verdict.NOT_READY);
    List<String> suggested = before.findings().stream()
        .filter(f -> f.attributes().containsKey("suggestedRecords"))
        .flatMap(f -> Stream.of(f.attributes().get("suggestedRecords").split("\n")))
        .distinct()
        .toList();
    assertThat(suggested).isNotEmpty();

    for (String line : suggested) {
      String zone = line.startsWith("user.github.io.") ? "github.io" : "example.com";
      lab.zone(zone).add(line);
    }
    InspectionReport after = inspect(profile, domain, check);

    assertThat(after.verdict()).as("%s after adding %s", after.findings(), suggested)
        .isEqualTo(Verdict.READY);
  }
}
