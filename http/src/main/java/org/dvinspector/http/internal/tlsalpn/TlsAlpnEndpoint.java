package org.dvinspector.http.internal.tlsalpn;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.FindingCode;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.jspecify.annotations.Nullable;

/** What one address did for tls-alpn-01: the handshake, and the certificate's problems. */
final class TlsAlpnEndpoint {
  final InetAddress address;
  final Perspective perspective;
  final AlpnHandshake handshake;
  /** The certificate's problems, when {@code acme-tls/1} was negotiated. */
  final List<ChallengeCertificate.Problem> problems;
  /** The handshake without {@code acme-tls/1}, made when the server refused it. */
  final @Nullable AlpnHandshake withoutAlpn;
  /** The observation that recorded the handshake. */
  final long observation;

  TlsAlpnEndpoint(InetAddress address, Perspective perspective, AlpnHandshake handshake,
      List<ChallengeCertificate.Problem> problems, @Nullable AlpnHandshake withoutAlpn,
      long observation) {
    this.address = address;
    this.perspective = perspective;
    this.handshake = handshake;
    this.problems = List.copyOf(problems);
    this.withoutAlpn = withoutAlpn;
    this.observation = observation;
  }

  boolean negotiated() {
    return handshake.kind == AlpnHandshake.Kind.COMPLETED
        && handshake.protocol.equals(AcmeChallenges.TLS_ALPN_PROTOCOL);
  }

  boolean passes() {
    return negotiated() && !handshake.chain.isEmpty() && problems.isEmpty();
  }

  boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  /** Whether the inspector's own deadline, not the server, ended this handshake. */
  boolean undecided() {
    return handshake.kind == AlpnHandshake.Kind.NO_TIME
        || (handshake.cutByDeadline && (handshake.kind == AlpnHandshake.Kind.CONNECT_TIMEOUT
            || handshake.kind == AlpnHandshake.Kind.HANDSHAKE_TIMEOUT));
  }

  /** The address and port, for messages: {@code 192.0.2.1:443} or {@code [2001:db8::1]:443}. */
  String endpoint() {
    String a = address.getHostAddress();
    return (isIpv6() ? "[" + a + "]" : a) + ":" + AlpnClient.PORT;
  }

  /** The main failure's code; null when the endpoint passes. */
  @Nullable FindingCode failure() {
    if (passes()) {
      return null;
    }
    return switch (handshake.kind) {
      case COMPLETED -> !negotiated() ? FindingCode.TLS_ALPN_NOT_NEGOTIATED
          : handshake.chain.isEmpty() ? FindingCode.TLS_ALPN_HANDSHAKE_FAILED
          : problems.get(0).code();
      case NO_APPLICATION_PROTOCOL -> FindingCode.TLS_ALPN_NOT_NEGOTIATED;
      case CONNECT_FAILED -> FindingCode.HTTP_CONNECT_FAILED;
      case CONNECT_TIMEOUT, HANDSHAKE_TIMEOUT -> FindingCode.HTTP_TIMEOUT;
      case PLAIN_TEXT -> FindingCode.HTTP_PLAIN_ON_HTTPS_PORT;
      case HANDSHAKE_FAILED -> FindingCode.TLS_ALPN_HANDSHAKE_FAILED;
      case NO_TIME -> FindingCode.INSPECTION_DEADLINE_EXCEEDED;
    };
  }

  /** What happened, in words (escaped). */
  String reason() {
    if (passes()) {
      return handshake.version + ", ALPN acme-tls/1, the challenge certificate is right";
    }
    if (handshake.kind == AlpnHandshake.Kind.COMPLETED) {
      String cert = handshake.chain.isEmpty() ? "no certificate"
          : ChallengeCertificate.describe(handshake.chain.get(0));
      if (!negotiated()) {
        return "the server completed the handshake (" + handshake.version + ") without"
            + " negotiating acme-tls/1 (" + (handshake.protocol.isEmpty() ? "no ALPN protocol"
                : "ALPN " + Text.quote(handshake.protocol)) + ") and presents a " + cert;
      }
      return handshake.chain.isEmpty() ? "the server presented no certificate"
          : problems.get(0).text();
    }
    if (handshake.kind == AlpnHandshake.Kind.NO_APPLICATION_PROTOCOL && withoutAlpn != null
        && withoutAlpn.kind == AlpnHandshake.Kind.COMPLETED && !withoutAlpn.chain.isEmpty()) {
      return handshake.error + "; without it the server presents a "
          + ChallengeCertificate.describe(withoutAlpn.chain.get(0));
    }
    return handshake.error;
  }

  /** A short summary for comparing endpoints. */
  String signature() {
    FindingCode f = failure();
    return f == null ? "challenge certificate right" : f.title().toLowerCase(java.util.Locale.ROOT);
  }
}
