package org.dvinspector.examples;

import java.net.URI;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.http.HttpModule;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * Before {@code challenge.trigger()}: would the CA validate this acme4j challenge now? A failed
 * ACME challenge cannot be retried with the same authorization, so ask first.
 *
 * <pre>{@code
 * Http01Challenge challenge = auth.findChallenge(Http01Challenge.class).orElseThrow();
 * // ... publish challenge.getAuthorization() at the challenge URL ...
 * InspectionReport report = inspector.inspect(
 *     AcmeReadiness.request(auth.getIdentifier().getDomain(), challenge, login));
 * if (report.verdict() == Verdict.READY) {
 *   challenge.trigger();
 * }
 * }</pre>
 */
public final class AcmeReadiness {
  private AcmeReadiness() {}

  /**
   * The inspection for an http-01 or dns-01 challenge of {@code domain}: the challenge's key
   * authorization, the CA's profile found from the ACME server's URI, and CAA with the account URI
   * and method (RFC 8657) when the profile names the CA.
   *
   * @throws IllegalArgumentException for a challenge type the inspector does not check
   */
  public static InspectionRequest request(String domain, Challenge challenge, Login login) {
    Objects.requireNonNull(challenge, "challenge");
    Method method = Method.fromAcmeChallengeType(challenge.getType());
    Check check;
    if (challenge instanceof Http01Challenge http) {
      check = AcmeHttp01Check.of(http.getAuthorization());
    } else if (challenge instanceof Dns01Challenge dns) {
      check = AcmeDns01Check.of(dns.getAuthorization());
    } else {
      throw new IllegalArgumentException("Only http-01 and dns-01 are inspected, not " + method);
    }
    URI server = login.getSession().getServerUri();
    CaProfile profile = CaProfiles.byAcmeDirectory(server)
        .orElse(CaProfiles.BASELINE_REQUIREMENTS);
    InspectionRequest.Builder request = InspectionRequest.builder()
        .domain(domain)
        .profile(profile)
        .addChecks(check);
    if (!profile.caaIdentities().isEmpty()) {
      request.addChecks(CaaCheck.builder()
          .accountUri(login.getAccountLocation().toString())
          .validationMethod(method)
          .build());
    }
    return request.build();
  }

  /**
   * An inspector that fetches over the application's own OkHttp client (its TLS trust and event
   * listeners are kept; what must behave like a CA's validator is replaced), with every other
   * module found on the class path or module path.
   */
  public static DomainValidationInspector.Builder inspectorWith(OkHttpClient client) {
    return DomainValidationInspector.builder()
        .addModule(HttpModule.builder().client(client).build())
        .findAndAddModules();
  }
}
