package org.dvinspector.http.internal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** What one GET pinned to one address gave: a response, or why there was none. */
final class FetchResult {
  /** How the exchange ended. */
  enum Kind {
    /** A response (status, headers, body up to the cap). */
    RESPONSE,
    /** No TCP connection: refused, unreachable, reset while connecting. */
    CONNECT_FAILED,
    /** Connected, but the TLS handshake failed (or the certificate was refused in strict mode). */
    TLS_FAILED,
    /** Connected, but the exchange broke (reset, closed, body cut short). */
    BROKEN,
    /** Connected, but the answer is not valid HTTP (status line, framing, TLS on port 80). */
    MALFORMED,
    /** The answer exceeds a limit of the inspector's own HTTP client (not the CA's). */
    INSPECTOR_LIMIT,
    /** No answer in time (connect, headers or body). */
    TIMEOUT,
    /** Not attempted: no time was left before the inspection deadline. */
    NO_TIME
  }

  final HttpUrl url;
  final InetAddress address;
  final Kind kind;
  final int status;
  final Headers headers;
  final byte[] body;
  final boolean bodyOverCap;
  final boolean connected;
  /** Over https: whether the TLS handshake finished. */
  final boolean tlsDone;
  final boolean cutByDeadline;
  final String error;
  final List<String> tlsProblems;
  final @Nullable String certificate;
  final Duration latency;
  /** The number of the observation that recorded this fetch; 0 until it is recorded. */
  long observation;

  FetchResult(HttpUrl url, InetAddress address, Kind kind, int status, Headers headers,
      byte[] body, boolean bodyOverCap, boolean connected, boolean tlsDone, boolean cutByDeadline,
      String error, List<String> tlsProblems, @Nullable String certificate, Duration latency) {
    this.url = url;
    this.address = address;
    this.kind = kind;
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.bodyOverCap = bodyOverCap;
    this.connected = connected;
    this.tlsDone = tlsDone;
    this.cutByDeadline = cutByDeadline;
    this.error = error;
    this.tlsProblems = List.copyOf(tlsProblems);
    this.certificate = certificate;
    this.latency = latency;
  }

  static FetchResult failure(HttpUrl url, InetAddress address, Kind kind, boolean connected,
      boolean cutByDeadline, String error, List<String> tlsProblems,
      @Nullable String certificate, Duration latency) {
    return failure(url, address, kind, connected, false, cutByDeadline, error, tlsProblems,
        certificate, latency);
  }

  static FetchResult failure(HttpUrl url, InetAddress address, Kind kind, boolean connected,
      boolean tlsDone, boolean cutByDeadline, String error, List<String> tlsProblems,
      @Nullable String certificate, Duration latency) {
    return new FetchResult(url, address, kind, 0, Headers.of(), new byte[0], false, connected,
        tlsDone, cutByDeadline, error, tlsProblems, certificate, latency);
  }

  boolean isResponse() {
    return kind == Kind.RESPONSE;
  }

  /** The body as text (UTF-8, malformed bytes replaced): what the CA compares. */
  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The first value of a response header, or null. When a header is repeated, Go's {@code
   * Header.Get} (what Let's Encrypt's validator reads a redirect's {@code Location} with) returns
   * the first value, while OkHttp's {@code Headers.get} returns the last.
   */
  @Nullable String header(String name) {
    List<String> values = headers.values(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** How many times a response header appears. */
  int headerCount(String name) {
    return headers.values(name).size();
  }
}
