package org.dvinspector.testkit;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * One web server address of an {@link HttpLab}: a server standing in for port 80 ({@link
 * #http()}) and one for port 443 ({@link #https()}), both bound on the endpoint's loopback
 * address on ephemeral ports and reached through the lab's {@linkplain HttpLab#endpointMapping()
 * endpoint mapping}.
 */
public final class HttpLabEndpoint {
  private final HttpLab lab;
  private final InetAddress address;
  private final HttpLabTls tls;
  private final HttpLabServer http;
  private final @Nullable HttpLabServer https;

  HttpLabEndpoint(HttpLab lab, InetAddress address, HttpLabTls tls, HttpLabServer http,
      @Nullable HttpLabServer https) {
    this.lab = lab;
    this.address = address;
    this.tls = tls;
    this.http = http;
    this.https = https;
  }

  /** The address this endpoint stands for (and listens on). */
  public InetAddress address() {
    return address;
  }

  /** What port 443 answers. */
  public HttpLabTls tls() {
    return tls;
  }

  /** The server standing in for port 80. */
  public HttpLabServer http() {
    return http;
  }

  /**
   * The server standing in for port 443 (TLS, or plain HTTP with {@link HttpLabTls#PLAIN_HTTP}).
   *
   * @throws IllegalStateException with {@link HttpLabTls#CLOSED}: nothing listens on 443
   */
  public HttpLabServer https() {
    if (https == null) {
      throw new IllegalStateException("Port 443 of " + address.getHostAddress() + " is closed");
    }
    return https;
  }

  /**
   * Serves {@code path} with status 200 and {@code body} on both ports (over HTTP and, unless port
   * 443 is closed, HTTPS).
   */
  public HttpLabEndpoint serve(String path, String body) {
    http.serve(path, body);
    if (https != null) {
      https.serve(path, body);
    }
    return this;
  }

  /**
   * Routes connections to {@code otherAddress} (ports 80 and 443) here too: lets a name resolve to
   * an address the lab cannot bind (a private or documentation address) while the test's
   * connections still land on loopback.
   */
  public HttpLabEndpoint alsoAnswersFor(String otherAddress) {
    lab.route(HttpLab.parseAddress(otherAddress), this);
    return this;
  }

  @Override
  public String toString() {
    return "HttpLabEndpoint[" + address.getHostAddress() + ", 443: " + tls + "]";
  }
}
