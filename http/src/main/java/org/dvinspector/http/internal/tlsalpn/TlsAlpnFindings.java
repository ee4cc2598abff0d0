package org.dvinspector.http.internal.tlsalpn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Method;
import org.dvinspector.Severity;

/**
 * The words of tls-alpn-01: turns every address's result into findings and a status, the way the
 * CA's one connection could go. The CA may reach any address (DNS round robin, remote
 * perspectives), so every address must pass; it tries IPv6 first and falls back to IPv4 when the
 * IPv6 connection or handshake fails (boulder va/tlsalpn.go {@code tryGetChallengeCert}), but not
 * when the handshake completes with the wrong protocol or certificate.
 */
final class TlsAlpnFindings {
  /** Findings and the check's status. */
  record Outcome(List<Finding> findings, CheckResult.Status status) {}

  private final DomainName name;
  private final String ca;
  private final boolean ipv4Fallback;
  private final List<TlsAlpnEndpoint> results;
  private final Set<TlsAlpnEndpoint> ipv6Broken = new LinkedHashSet<>();

  TlsAlpnFindings(DomainName name, String ca, boolean ipv4Fallback,
      List<TlsAlpnEndpoint> results) {
    this.name = name;
    this.ca = ca;
    this.ipv4Fallback = ipv4Fallback;
    this.results = List.copyOf(results);
    boolean ipv4Completed = results.stream().anyMatch(r -> !r.isIpv6()
        && r.handshake.kind == AlpnHandshake.Kind.COMPLETED);
    for (TlsAlpnEndpoint r : results) {
      if (ipv4Completed && r.isIpv6() && r.handshake.connectionLevel() && !r.undecided()) {
        ipv6Broken.add(r);
      }
    }
  }

  private boolean tolerated(TlsAlpnEndpoint r) {
    return ipv6Broken.contains(r) && ipv4Fallback;
  }

  private boolean definiteFail(TlsAlpnEndpoint r) {
    return !r.passes() && !tolerated(r) && !r.undecided();
  }

  Outcome evaluate() {
    boolean failed = results.stream().anyMatch(this::definiteFail);
    boolean passed = !failed && results.stream().allMatch(r -> r.passes() || tolerated(r));
    List<Finding> out = new ArrayList<>();
    Map<FindingCode, List<TlsAlpnEndpoint>> groups = new LinkedHashMap<>();
    for (TlsAlpnEndpoint r : results) {
      if (r.passes()) {
        continue;
      }
      if (ipv6Broken.contains(r)) {
        groups.computeIfAbsent(FindingCode.HTTP_IPV6_BROKEN, c -> new ArrayList<>()).add(r);
        continue;
      }
      if (r.negotiated() && !r.problems.isEmpty()) {
        for (ChallengeCertificate.Problem p : r.problems) {
          groups.computeIfAbsent(p.code(), c -> new ArrayList<>()).add(r);
        }
      } else {
        FindingCode code = r.failure();
        if (code != null) {
          groups.computeIfAbsent(code, c -> new ArrayList<>()).add(r);
        }
      }
    }
    for (Map.Entry<FindingCode, List<TlsAlpnEndpoint>> g : groups.entrySet()) {
      out.add(group(g.getKey(), g.getValue(), failed));
    }
    inconsistency(failed, out);
    boolean error = out.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    if (passed && !error) {
      List<String> eps = results.stream().filter(TlsAlpnEndpoint::passes)
          .map(TlsAlpnEndpoint::endpoint).collect(Collectors.toList());
      out.add(Finding.builder(FindingCode.CHECK_PASSED)
          .message("The tls-alpn-01 check passes: " + (eps.size() == 1 ? "the endpoint "
              + eps.get(0) : "all " + eps.size() + " passing endpoints (" + String.join(", ", eps)
              + ")") + " negotiate acme-tls/1 and present the challenge certificate for " + name)
          .method(Method.ACME_TLS_ALPN_01)
          .evidence(results.stream().filter(TlsAlpnEndpoint::passes).findFirst()
              .orElse(results.get(0)).perspective, results.stream()
              .filter(TlsAlpnEndpoint::passes).findFirst().orElse(results.get(0)).reason())
          .attribute("endpoints", eps.size())
          .build());
    }
    CheckResult.Status status = error ? CheckResult.Status.FAILED
        : passed ? CheckResult.Status.PASSED : CheckResult.Status.UNDECIDED;
    return new Outcome(out, status);
  }

  private Finding group(FindingCode code, List<TlsAlpnEndpoint> members, boolean failed) {
    Severity severity;
    if (members.stream().allMatch(this::tolerated)
        || members.stream().allMatch(TlsAlpnEndpoint::undecided)) {
      severity = Severity.WARNING;
    } else {
      severity = failed ? Severity.ERROR : Severity.WARNING;
    }
    TlsAlpnEndpoint first = members.get(0);
    String detail = detail(code, first);
    String message;
    if (code == FindingCode.HTTP_IPV6_BROKEN) {
      message = "IPv6 fails while IPv4 works for tls-alpn-01 (CAs try IPv6 first"
          + (members.stream().allMatch(this::tolerated) ? " and fall back to IPv4 when the IPv6"
              + " handshake fails)" : "; " + ca + " does not fall back to IPv4)") + ": "
          + scope(members) + detail;
    } else if (code == FindingCode.INSPECTION_DEADLINE_EXCEEDED) {
      message = scope(members) + "the inspection deadline was reached before the handshake;"
          + " the result is unknown";
    } else {
      message = scope(members) + detail;
    }
    Finding.Builder b = Finding.builder(code)
        .severity(severity)
        .message(capitalize(message))
        .remedy(remedy(code))
        .method(Method.ACME_TLS_ALPN_01);
    for (TlsAlpnEndpoint r : members) {
      b.evidence(r.perspective, code == FindingCode.HTTP_IPV6_BROKEN ? r.reason()
          : detail(code, r));
      if (r.withoutAlpn != null && r.withoutAlpn.kind == AlpnHandshake.Kind.COMPLETED
          && !r.withoutAlpn.chain.isEmpty()) {
        b.evidence(r.perspective, "without acme-tls/1: " + r.withoutAlpn.version + ", "
            + ChallengeCertificate.describe(r.withoutAlpn.chain.get(0)));
      }
    }
    if (first.negotiated()) {
      for (ChallengeCertificate.Problem p : first.problems) {
        if (p.code() == code) {
          p.attributes().forEach(b::attribute);
        }
      }
    }
    b.attribute("endpoints", members.size());
    return b.build();
  }

  /** The text of {@code code} for one endpoint: its certificate problem, or its reason. */
  private static String detail(FindingCode code, TlsAlpnEndpoint r) {
    if (r.negotiated()) {
      for (ChallengeCertificate.Problem p : r.problems) {
        if (p.code() == code) {
          return p.text();
        }
      }
    }
    return r.reason();
  }

  private String scope(List<TlsAlpnEndpoint> members) {
    if (results.size() == 1) {
      return "";
    }
    String list = members.stream().map(TlsAlpnEndpoint::endpoint)
        .collect(Collectors.joining(", "));
    return members.size() == results.size()
        ? "On every endpoint (" + list + "): "
        : "On " + members.size() + " of " + results.size() + " endpoints (" + list + "): ";
  }

  private void inconsistency(boolean failed, List<Finding> out) {
    List<TlsAlpnEndpoint> decided = results.stream()
        .filter(r -> !tolerated(r) && !r.undecided()).collect(Collectors.toList());
    Set<String> signatures = decided.stream().map(TlsAlpnEndpoint::signature)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    if (signatures.size() < 2) {
      return;
    }
    Finding.Builder b = Finding.builder(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS)
        .severity(failed ? Severity.ERROR : Severity.WARNING)
        .message("The addresses of " + name + " answer tls-alpn-01 differently ("
            + String.join("; ", signatures) + "); the CA may connect to any of them")
        .remedy("Run the tls-alpn-01 responder on every address of " + name + " (every"
            + " load-balancer member, IPv4 and IPv6), or remove the addresses that do not answer"
            + " it from the DNS during validation.")
        .method(Method.ACME_TLS_ALPN_01)
        .attribute("variants", signatures.size());
    for (TlsAlpnEndpoint r : decided) {
      b.evidence(r.perspective, r.signature());
    }
    out.add(b.build());
  }

  private String remedy(FindingCode code) {
    String responder = "the ACME client's tls-alpn-01 responder (for example Caddy, Traefik,"
        + " lego or acme.sh in TLS-ALPN mode)";
    return switch (code) {
      case TLS_ALPN_NOT_NEGOTIATED -> "Port 443 of " + name + " must be answered by "
          + responder + ", which negotiates " + AcmeChallenges.TLS_ALPN_PROTOCOL + ". Behind a CDN,"
          + " a TLS-terminating proxy or a load balancer that ends TLS itself, tls-alpn-01 cannot"
          + " work (the proxy answers the handshake): use http-01 or dns-01 there.";
      case TLS_ALPN_NOT_CHALLENGE_CERTIFICATE -> "Make " + responder + " present the challenge"
          + " certificate for this token when " + AcmeChallenges.TLS_ALPN_PROTOCOL + " is"
          + " negotiated, not the site's certificate (a server that picks its certificate before"
          + " looking at ALPN cannot do tls-alpn-01).";
      case TLS_ALPN_WRONG_DIGEST -> "The certificate was made for another key authorization (an"
          + " older challenge, or another account key): let the responder build it from the"
          + " current challenge's token and the account key that ordered, then validate.";
      case TLS_ALPN_EXTENSION_NOT_CRITICAL -> "Mark the acmeIdentifier extension (OID "
          + AcmeChallenges.ACME_IDENTIFIER_OID + ") critical, as RFC 8737 §3 requires.";
      case TLS_ALPN_EXTENSION_MALFORMED -> "Encode the acmeIdentifier extension's value as a DER"
          + " OCTET STRING holding the 32-octet SHA-256 digest of the key authorization (RFC 8737"
          + " §3), once.";
      case TLS_ALPN_EXTRA_NAMES -> "Make the challenge certificate name only " + name
          + " (one dNSName in the subjectAltName, no other names or addresses).";
      case TLS_ALPN_WRONG_NAME -> "Make the challenge certificate's only subjectAltName the name"
          + " validated, " + name + ", exactly as the CA sends it in SNI (lower case).";
      case TLS_ALPN_NOT_SELF_SIGNED -> "Use a self-signed challenge certificate (RFC 8737 §3);"
          + " " + ca + " rejects one issued by a CA.";
      case TLS_ALPN_HANDSHAKE_FAILED -> "Make port 443 complete a TLS 1.2 or 1.3 handshake with"
          + " SNI " + name + " and ALPN " + AcmeChallenges.TLS_ALPN_PROTOCOL + " (check the"
          + " responder's logs), or use http-01 or dns-01.";
      case HTTP_CONNECT_FAILED -> "Open port 443 to the internet on every address of " + name
          + " and run the tls-alpn-01 responder there, or use http-01 or dns-01.";
      case HTTP_TIMEOUT -> "Make port 443 answer promptly from the internet on every address"
          + " (a firewall that drops packets, geo-blocking), or use http-01 or dns-01.";
      case HTTP_PLAIN_ON_HTTPS_PORT -> "Serve TLS on port 443 (the server speaks plain HTTP"
          + " there), with the tls-alpn-01 responder in front.";
      case HTTP_IPV6_BROKEN -> "Fix IPv6 on port 443 (listen on IPv6, allow it in the IPv6"
          + " firewall) or remove the AAAA record of " + name + ".";
      case INSPECTION_DEADLINE_EXCEEDED -> "Allow a longer deadline; a slow server may be the"
          + " cause.";
      default -> "See the evidence for each endpoint.";
    };
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
