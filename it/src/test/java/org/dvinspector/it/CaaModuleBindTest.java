package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;
import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;

import java.nio.file.Path;
import org.dvinspector.CaaCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CAA module against real bind9 servers: CAA sets at the apex and deeper, issuewild, a CNAME
 * into another zone whose CAA set forbids everyone, and a zone that answers SERVFAIL.
 *
 * <pre>
 * example.com.          CAA 0 issue "letsencrypt.org" ; CAA 0 issuewild ";"
 * caa.example.com.      CAA 0 issue "digicert.com"
 * alias.example.com.    CNAME example.net.
 * example.net.          CAA 0 issue ";"
 * broken.example.com.   (the zone does not load: SERVFAIL)
 * </pre>
 */
final class CaaModuleBindTest {
  private static BindLab lab;
  private static UnboundResolver resolver;
  private static DomainValidationInspector inspector;

  @BeforeAll
  static void startLab(@TempDir Path dir) throws Exception {
    LabEnvironment.require();
    lab = BindLab.start(dir.resolve("bind"), LabZones.builder()
        .add("example.com",
            "@ CAA 0 issue \"letsencrypt.org\"",
            "@ CAA 0 issuewild \";\"",
            "www A 127.83.0.80",
            "caa CAA 0 issue \"digicert.com\"",
            "alias CNAME example.net.")
        .add("example.net", "@ CAA 0 issue \";\"", "@ A 127.83.0.80")
        .servers());
    resolver = UnboundResolver.start(dir.resolve("unbound"), RESOLVER, ROOT);
    inspector = LabInspector.create();
  }

  @AfterAll
  static void stopLab() {
    if (inspector != null) {
      inspector.close();
    }
    if (resolver != null) {
      resolver.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  private static InspectionReport inspectCaa(String domain, String issuer) {
    return inspector.inspect(InspectionRequest.builder()
        .domain(domain)
        .addChecks(CaaCheck.forIssuers(issuer))
        .build());
  }

  @Test
  void apexSetAuthorizesItsIssuer() {
    InspectionReport report = inspectCaa("www.example.com", "letsencrypt.org");

    assertThat(report).isReady();
  }

  @Test
  void apexSetForbidsAnotherIssuer() {
    InspectionReport report = inspectCaa("www.example.com", "digicert.com");

    assertThat(report).hasFinding(FindingCode.CAA_FORBIDS_ISSUER);
    assertThat(report).isNotReady();
  }

  @Test
  void deeperSetIsTheRelevantOneBelowIt() {
    InspectionReport report = inspectCaa("deep.caa.example.com", "digicert.com");

    assertThat(report).isReady();
  }

  @Test
  void deeperSetForbidsTheApexIssuer() {
    InspectionReport report = inspectCaa("deep.caa.example.com", "letsencrypt.org");

    assertThat(report).hasFinding(FindingCode.CAA_FORBIDS_ISSUER);
  }

  @Test
  void issuewildForbidsWildcards() {
    InspectionReport report = inspectCaa("*.example.com", "letsencrypt.org");

    assertThat(report).hasFinding(FindingCode.CAA_FORBIDS_WILDCARD);
    assertThat(report).isNotReady();
  }

  @Test
  void aliasBringsTheTargetZonesForbiddingSet() {
    InspectionReport report = inspectCaa("alias.example.com", "letsencrypt.org");

    assertThat(report).hasFinding(FindingCode.CAA_INHERITED_VIA_CNAME);
    assertThat(report).hasFinding(FindingCode.CAA_FORBIDS_ISSUER);
    assertThat(report).isNotReady();
  }

  @Test
  void servfailBeforeAnySetIsALookupFailure() {
    InspectionReport report = inspectCaa("www.broken.example.com", "letsencrypt.org");

    assertThat(report).hasFinding(FindingCode.CAA_LOOKUP_FAILED);
    assertThat(report).isNotReady();
  }
}
