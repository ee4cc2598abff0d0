package org.dvinspector.http.internal.tlsalpn;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/** How one TLS handshake to one address went. */
final class AlpnHandshake {
  /** How it ended. */
  enum Kind {
    /** The handshake completed (whatever protocol was negotiated). */
    COMPLETED,
    /** The TCP connection was refused, reset or could not be opened. */
    CONNECT_FAILED,
    /** No TCP connection in time. */
    CONNECT_TIMEOUT,
    /** Connected, but no handshake in time. */
    HANDSHAKE_TIMEOUT,
    /** The server refused the offered protocols: alert no_application_protocol (RFC 7301 §3.2). */
    NO_APPLICATION_PROTOCOL,
    /** The server answered plain HTTP (or other non-TLS data) on the TLS port. */
    PLAIN_TEXT,
    /** Another handshake failure (an alert, an unsupported version, a broken connection). */
    HANDSHAKE_FAILED,
    /** Not attempted or cut short: the inspection deadline was reached. */
    NO_TIME
  }

  final InetAddress address;
  final Kind kind;
  /** The negotiated ALPN protocol; empty when none. */
  final String protocol;
  /** The TLS version, e.g. {@code TLSv1.3}; empty when the handshake did not complete. */
  final String version;
  /** The server's chain, leaf first; empty when the handshake did not get that far. */
  final List<X509Certificate> chain;
  /** What went wrong, escaped; empty when it completed. */
  final String error;
  final Duration latency;
  /** Whether the budget was shortened by the inspection deadline. */
  final boolean cutByDeadline;

  AlpnHandshake(InetAddress address, Kind kind, String protocol, String version,
      List<X509Certificate> chain, String error, Duration latency, boolean cutByDeadline) {
    this.address = address;
    this.kind = kind;
    this.protocol = protocol;
    this.version = version;
    this.chain = List.copyOf(chain);
    this.error = error;
    this.latency = latency;
    this.cutByDeadline = cutByDeadline;
  }

  static AlpnHandshake failed(InetAddress address, Kind kind, String error, Duration latency,
      boolean cutByDeadline) {
    return new AlpnHandshake(address, kind, "", "", List.of(), error, latency, cutByDeadline);
  }

  /** Whether a CA's connection to this address failed before any certificate could be judged. */
  boolean connectionLevel() {
    return kind != Kind.COMPLETED;
  }
}
