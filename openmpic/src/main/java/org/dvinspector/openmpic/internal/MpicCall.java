package org.dvinspector.openmpic.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainName;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.spi.Text;

/**
 * One {@code POST /mpic} of the Open MPIC APIv2 (open-mpic/open-mpic-specification {@code
 * openapi.yaml}, version 3.5.0 at commit 65f7409f102995747b966e4cb0c86bfd7f621211): the engine
 * checks one thing per call, so an inspection is one call per check, and for the file method one
 * per scheme the CA tries.
 */
public final class MpicCall {
  /** Which check of the request this call serves (its index). */
  public final int checkIndex;
  /** The check. */
  public final Check check;
  /** {@code dcv} or {@code caa}. */
  public final String checkType;
  /** The URL scheme of a website-change call ({@code http}, {@code https}); empty otherwise. */
  public final String scheme;
  /** What is asked, for observations: {@code dcv dns-change TXT _dnsauth.example.com}. */
  public final String label;
  /** The request body. */
  public final ObjectNode body;

  private MpicCall(int checkIndex, Check check, String checkType, String scheme, String label,
      ObjectNode body) {
    this.checkIndex = checkIndex;
    this.check = check;
    this.checkType = checkType;
    this.scheme = scheme;
    this.label = label;
    this.body = body;
  }

  /**
   * The calls for {@code request}: dns-txt and dns-cname as {@code dns-change}, acme-dns-01 and
   * acme-http-01 as themselves, http-file as {@code website-change} once per scheme of the
   * profile, CAA as a {@code caa} check with the CA's issuer domain names.
   *
   * @param perspectiveCount sent as {@code orchestration_parameters.perspective_count}, or 0 for
   *     the coordinator's default
   * @throws IllegalArgumentException if a check is of a kind Open MPIC cannot run
   */
  public static List<MpicCall> forRequest(InspectionRequest request, int perspectiveCount,
      String traceId) {
    List<MpicCall> calls = new ArrayList<>();
    DomainName domain = request.domain();
    // DCV records sit under the name without "*." (BR 3.2.2.6); CAA is asked for the name as
    // given, which the API reads as a wildcard request when it starts with "*.".
    String dcvTarget = domain.withoutWildcard().ascii();
    CaProfile profile = request.profile();
    for (int i = 0; i < request.checks().size(); i++) {
      Check c = request.checks().get(i);
      if (c instanceof DnsTxtCheck t) {
        ObjectNode p = Json.object();
        p.put("validation_method", "dns-change");
        p.put("dns_record_type", "TXT");
        p.put("dns_name_prefix", t.label().orElse(""));
        p.put("challenge_value", t.expectedValue());
        // Our TXT check is an equality with one record's joined strings.
        p.put("require_exact_match", true);
        calls.add(dcv(i, c, dcvTarget, p, "dns-change TXT " + t.recordName(domain).ascii(),
            perspectiveCount, traceId));
      } else if (c instanceof DnsCnameCheck t) {
        ObjectNode p = Json.object();
        p.put("validation_method", "dns-change");
        p.put("dns_record_type", "CNAME");
        p.put("dns_name_prefix", t.label().orElse(""));
        // The engine reads a CNAME target as its labels joined with dots, the empty root label
        // included, so an absolute target ends in "." (open-mpic-core-python,
        // mpic_dcv_checker.py extract_value_from_record, commit 74114b51); exact match then
        // compares whole names, as a CA does.
        p.put("challenge_value", t.expectedTarget().ascii() + ".");
        p.put("require_exact_match", true);
        calls.add(dcv(i, c, dcvTarget, p, "dns-change CNAME " + t.recordName(domain).ascii(),
            perspectiveCount, traceId));
      } else if (c instanceof AcmeDns01Check t) {
        ObjectNode p = Json.object();
        p.put("validation_method", "acme-dns-01");
        p.put("key_authorization_hash", t.expectedValue());
        calls.add(dcv(i, c, dcvTarget, p, "acme-dns-01 TXT " + t.recordName(domain).ascii(),
            perspectiveCount, traceId));
      } else if (c instanceof AcmeHttp01Check t) {
        ObjectNode p = Json.object();
        p.put("validation_method", "acme-http-01");
        p.put("token", t.token());
        p.put("key_authorization", t.keyAuthorization());
        calls.add(dcv(i, c, dcvTarget, p, "acme-http-01 http://" + dcvTarget + t.path(),
            perspectiveCount, traceId));
      } else if (c instanceof HttpFileCheck t) {
        String path = t.resolvePath(profile);
        for (String scheme : profile.httpRules().fileSchemes()) {
          ObjectNode p = Json.object();
          p.put("validation_method", "website-change");
          // The API prefixes the path with /.well-known/pki-validation/ itself.
          p.put("http_token_path", path.substring(HttpFileCheck.PATH_PREFIX.length()));
          p.put("challenge_value", t.expectedContent());
          p.put("url_scheme", scheme);
          MpicCall call = dcv(i, c, dcvTarget, p, "website-change " + scheme + "://" + dcvTarget
              + path, perspectiveCount, traceId);
          calls.add(new MpicCall(i, c, call.checkType, scheme, call.label, call.body));
        }
      } else if (c instanceof CaaCheck t) {
        ObjectNode body = base(domain.ascii(), "caa", perspectiveCount, traceId);
        ObjectNode p = body.putObject("caa_check_parameters");
        p.put("certificate_type", "tls-server");
        t.effectiveIssuerDomains(profile).forEach(p.putArray("caa_domains")::add);
        calls.add(new MpicCall(i, c, "caa", "", "caa " + domain.ascii(), body));
      } else {
        throw new IllegalArgumentException("Open MPIC cannot run checks of kind \""
            + Text.escape(c.kind()) + "\"");
      }
    }
    return calls;
  }

  private static MpicCall dcv(int index, Check check, String target, ObjectNode parameters,
      String what, int perspectiveCount, String traceId) {
    ObjectNode body = base(target, "dcv", perspectiveCount, traceId);
    body.set("dcv_check_parameters", parameters);
    return new MpicCall(index, check, "dcv", "", "dcv " + what, body);
  }

  private static ObjectNode base(String target, String checkType, int perspectiveCount,
      String traceId) {
    ObjectNode body = Json.object();
    body.put("check_type", checkType);
    body.put("domain_or_ip_target", target);
    if (perspectiveCount > 0) {
      // The quorum is left to the coordinator: its default is the BR table's.
      body.putObject("orchestration_parameters").put("perspective_count", perspectiveCount);
    }
    body.put("trace_identifier", Objects.requireNonNull(traceId, "traceId"));
    return body;
  }
}
