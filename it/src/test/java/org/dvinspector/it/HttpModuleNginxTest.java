package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;
import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;
import static org.dvinspector.it.LabEnvironment.WEB1;
import static org.dvinspector.it.LabEnvironment.WEB2;
import static org.dvinspector.it.LabEnvironment.WEB3;

import java.nio.file.Path;
import java.util.List;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP module (with the DNS module resolving the names through the lab's bind9) against a
 * real nginx: HTTP and HTTPS virtual hosts, 301/302/307 redirects to allowed and disallowed
 * targets, a loop, 404, a file at the wrong path, another file on another address.
 */
final class HttpModuleNginxTest {
  private static final String FILE = HttpFileCheck.PATH_PREFIX + "fileauth.txt";
  /** DigiCert's values have at least 22 characters (its library refuses shorter ones). */
  private static final String TOKEN = "file-token-2026-a7Kd93Qx";
  private static final String OLD_TOKEN = "file-token-2025-b8Le04Ry";
  private static final String KEY_AUTH = "Tok3n_acme-01.Thumbpr1nt_abc";

  private static BindLab dns;
  private static UnboundResolver resolver;
  private static NginxLab nginx;
  private static DomainValidationInspector inspector;

  @BeforeAll
  static void startLab(@TempDir Path dir) throws Exception {
    LabEnvironment.require();
    String web1 = WEB1.getHostAddress();
    dns = BindLab.start(dir.resolve("bind"), LabZones.builder()
        .add("example.com",
            "files A " + web1, "moved A " + web1, "found A " + web1, "port A " + web1,
            "loop A " + web1, "misplaced A " + web1, "old A " + web1, "accepted A " + web1,
            "split A " + web1, "split A " + WEB2.getHostAddress(),
            "plain A " + WEB3.getHostAddress())
        .servers());
    resolver = UnboundResolver.start(dir.resolve("unbound"), RESOLVER, ROOT);
    String acmePath = AcmeChallenges.http01Path(KEY_AUTH.substring(0, KEY_AUTH.indexOf('.')));
    nginx = NginxLab.start(dir.resolve("nginx"), LabCertificates.web(), List.of(
        NginxLab.Site.named("files.example.com").on(WEB1).https().port(8080),
        NginxLab.Site.named("moved.example.com").on(WEB1)
            .directive("location / { return 301 http://files.example.com$request_uri; }"),
        NginxLab.Site.named("found.example.com").on(WEB1)
            .directive("location / { return 302 http://files.example.com$request_uri; }"),
        NginxLab.Site.named("port.example.com").on(WEB1)
            .directive("location / { return 307 http://files.example.com:8080$request_uri; }"),
        NginxLab.Site.named("loop.example.com").on(WEB1)
            .directive("location / { return 302 http://loop.example.com$request_uri; }"),
        NginxLab.Site.named("misplaced.example.com").on(WEB1).https(),
        NginxLab.Site.named("old.example.com").on(WEB1).https(),
        NginxLab.Site.named("accepted.example.com").on(WEB1)
            .directive("location / { return 202 \"" + KEY_AUTH + "\"; }"),
        NginxLab.Site.named("split.example.com").on(WEB1).https().root("split-1"),
        NginxLab.Site.named("split.example.com").on(WEB2).https().root("split-2"),
        NginxLab.Site.named("plain.example.com").on(WEB3)));
    nginx.write("files.example.com", FILE, TOKEN);
    nginx.write("files.example.com", acmePath, KEY_AUTH);
    nginx.write("misplaced.example.com", "/fileauth.txt", TOKEN);
    nginx.write("old.example.com", FILE, OLD_TOKEN);
    nginx.write("split-1", FILE, TOKEN);
    nginx.write("split-2", FILE, OLD_TOKEN);
    nginx.write("plain.example.com", FILE, TOKEN);
    inspector = LabInspector.create();
  }

  @AfterAll
  static void stopLab() {
    for (AutoCloseable c : new AutoCloseable[] {inspector, nginx, resolver, dns}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // keep stopping the others
        }
      }
    }
  }

  private static InspectionReport inspect(String domain, CaProfile profile, Check check) {
    return inspector.inspect(InspectionRequest.builder()
        .domain(domain).profile(profile).addChecks(check).build());
  }

  /**
   * The file method as the seed's console checks it (both schemes, no redirect), which these
   * scenarios were written for; DigiCert's own code is checked by the http module's tests.
   */
  private static InspectionReport file(String domain) {
    return inspect(domain, CaProfiles.DIGICERT_CONSOLE, HttpFileCheck.atProfilePath(TOKEN));
  }

  private static InspectionReport http01(String domain) {
    return inspect(domain, CaProfiles.LETS_ENCRYPT, AcmeHttp01Check.of(KEY_AUTH));
  }

  @Test
  void fileOverHttpAndHttpsIsReady() {
    InspectionReport report = file("files.example.com");

    assertThat(report).isReady();
  }

  @Test
  void missingFileIsNotFound() {
    InspectionReport report = inspect("files.example.com", CaProfiles.LETS_ENCRYPT,
        AcmeHttp01Check.of("Unkn0wn_token.Thumbpr1nt_abc"));

    assertThat(report).hasFinding(FindingCode.HTTP_FILE_NOT_FOUND);
  }

  @Test
  void fileInTheWebRootIsAtTheWrongPath() {
    InspectionReport report = file("misplaced.example.com");

    assertThat(report).hasFinding(FindingCode.HTTP_FILE_AT_WRONG_PATH);
  }

  @Test
  void olderTokenIsAContentMismatch() {
    InspectionReport report = file("old.example.com");

    assertThat(report).hasFinding(FindingCode.HTTP_CONTENT_MISMATCH);
    assertThat(report).isNotReady();
  }

  @Test
  void permanentRedirectToAnotherHostIsFollowedForHttp01() {
    InspectionReport report = http01("moved.example.com");

    assertThat(report).isReady();
  }

  @Test
  void redirectOnTheFileUrlFailsWhereTheProfileFollowsNone() {
    InspectionReport report = file("found.example.com");

    assertThat(report).hasFinding(FindingCode.HTTP_REDIRECT_NOT_ALLOWED);
  }

  @Test
  void redirectToPort8080IsNotFollowed() {
    InspectionReport report = http01("port.example.com");

    assertThat(report).hasFinding(FindingCode.HTTP_REDIRECT_NOT_ALLOWED);
    assertThat(report).isNotReady();
  }

  @Test
  void redirectLoopIsReported() {
    InspectionReport report = http01("loop.example.com");

    assertThat(report).hasFinding(FindingCode.HTTP_REDIRECT_LOOP);
  }

  @Test
  void statusOtherThan200FailsHttp01() {
    InspectionReport report = http01("accepted.example.com");

    assertThat(report).hasFinding(FindingCode.HTTP_STATUS_NOT_ACCEPTED);
  }

  @Test
  void addressesServingDifferentFilesAreInconsistent() {
    InspectionReport report = file("split.example.com");

    assertThat(report).hasFinding(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS);
    assertThat(report).isNotReady();
  }

  @Test
  void fileOnlyOverHttpFailsWhereBothSchemesAreRequired() {
    InspectionReport report = file("plain.example.com");

    assertThat(report).hasFinding(FindingCode.HTTPS_UNREACHABLE);
    assertThat(report).isNotReady();
  }
}
