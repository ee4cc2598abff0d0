package org.dvinspector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;

/**
 * Web servers on loopback for testing HTTP validation: mockwebserver3 servers standing in for
 * ports 80 and 443 of several addresses, HTTPS certificates from a lab CA made at start, and the
 * {@link EndpointMapping} that sends "address A, port 80/443" to them — so a test needs no root
 * and no network.
 *
 * <pre>{@code
 * try (HttpLab lab = HttpLab.start("www.example.com")) {
 *   HttpLabEndpoint a = lab.endpoint("127.0.0.50");
 *   HttpLabEndpoint b = lab.endpoint("127.0.0.51", HttpLabTls.CLOSED);
 *   a.serve("/.well-known/pki-validation/fileauth.txt", "token");
 *   b.http().serve("/.well-known/pki-validation/fileauth.txt", 404, "");
 *
 *   NetworkPolicy policy = lab.networkPolicy().build();    // or dnsLab.networkPolicy(lab.endpointMapping())
 *   DomainValidationInspector inspector = DomainValidationInspector.builder()
 *       .networkPolicy(policy)
 *       .addModule(HttpModule.builder()
 *           .client(lab.trustingClient())                  // trust the lab CA
 *           .addressLookup(StaticHostAddressLookup.builder()
 *               .add("www.example.com", "127.0.0.50", "127.0.0.51").build())
 *           .build())
 *       .build();
 * }
 * }</pre>
 *
 * <p><b>Trust.</b> The servers' certificates are issued by a lab CA that exists only in this
 * lab; {@link #clientCertificates()} trusts it (and nothing else), and {@link #trustingClient()}
 * is an {@link OkHttpClient} built with it, to hand to the HTTP module ({@code
 * HttpModule.builder().client(lab.trustingClient())}) so that {@link HttpLabTls#VALID} endpoints
 * are valid and the other modes show their problems.
 *
 * <p><b>Addresses.</b> Each endpoint binds its own 127.0.0.0/8 address (or {@code ::1}); pick
 * addresses a {@link DnsLab} in the same test does not use (by default it takes 127.0.0.2 to
 * 127.0.0.10, see {@link DnsLab.Builder#infrastructureAddresses(String)}, and its nameservers'
 * addresses). {@link HttpLabEndpoint#alsoAnswersFor(String)} routes another address (say a
 * private 10.x address a name resolves to) to an endpoint.
 *
 * <p><b>With a DNS lab.</b> {@link LabInspectors#builder(DnsLab, HttpLab)} joins the two into a
 * ready inspector builder; {@link HttpLabExtension} runs a lab for JUnit tests.
 */
public final class HttpLab implements AutoCloseable {
  /** The name on the certificate of {@link HttpLabTls#WRONG_NAME} endpoints. */
  public static final String WRONG_NAME = "wrong-name.lab.invalid";

  private final List<String> hostNames;
  private final HeldCertificate ca;
  private final HandshakeCertificates client;
  private final Map<HttpLabTls, SSLSocketFactory> serverTls = new ConcurrentHashMap<>();
  private final Map<InetAddress, HttpLabEndpoint> endpoints = new LinkedHashMap<>();
  private final Map<InetSocketAddress, InetSocketAddress> routes = new ConcurrentHashMap<>();
  private final InetSocketAddress refused;
  private volatile boolean closed;

  private HttpLab(List<String> hostNames) {
    this.hostNames = List.copyOf(hostNames);
    this.ca = new HeldCertificate.Builder()
        .commonName("DV Inspector lab CA")
        .certificateAuthority(0)
        .build();
    this.client = new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
    this.refused = new InetSocketAddress(parseAddress("127.0.0.1"), closedPort(parseAddress("127.0.0.1")));
  }

  /**
   * Starts a lab whose certificates are for {@code hostNames} (the names the tests fetch, e.g.
   * {@code www.example.com}).
   */
  public static HttpLab start(String... hostNames) {
    if (hostNames.length == 0) {
      throw new IllegalArgumentException("Give at least one host name for the lab certificate");
    }
    return new HttpLab(List.of(hostNames));
  }

  /** The names on the lab's server certificates. */
  public List<String> hostNames() {
    return hostNames;
  }

  /** An endpoint on {@code address} with valid HTTPS (see {@link #endpoint(String, HttpLabTls)}). */
  public HttpLabEndpoint endpoint(String address) {
    return endpoint(address, HttpLabTls.VALID);
  }

  /**
   * Starts an endpoint: a plain HTTP server for port 80 and, per {@code tls}, a server for port
   * 443, both bound on {@code address} (a loopback address: 127.0.0.0/8 or {@code ::1}).
   *
   * @throws IllegalArgumentException if the address is not loopback or already has an endpoint
   */
  public synchronized HttpLabEndpoint endpoint(String address, HttpLabTls tls) {
    Objects.requireNonNull(tls, "tls");
    if (closed) {
      throw new IllegalStateException("The lab is closed");
    }
    InetAddress a = parseAddress(address);
    if (!a.isLoopbackAddress()) {
      throw new IllegalArgumentException("Lab servers bind loopback addresses only (127.0.0.0/8,"
          + " ::1); use alsoAnswersFor(\"" + address + "\") to route another address to one");
    }
    if (endpoints.containsKey(a)) {
      throw new IllegalArgumentException("The lab already has an endpoint on " + address);
    }
    HttpLabServer http = new HttpLabServer(a, null);
    HttpLabServer https = switch (tls) {
      case CLOSED -> null;
      case PLAIN_HTTP -> new HttpLabServer(a, null);
      default -> new HttpLabServer(a, serverTls.computeIfAbsent(tls, this::serverFactory));
    };
    HttpLabEndpoint e = new HttpLabEndpoint(this, a, tls, http, https);
    endpoints.put(a, e);
    route(a, e);
    return e;
  }

  /** The endpoints, in the order they were started. */
  public synchronized List<HttpLabEndpoint> endpoints() {
    return new ArrayList<>(endpoints.values());
  }

  /**
   * Sends "endpoint address, port 80" and "port 443" to the lab's servers and leaves every other
   * endpoint unchanged — for combining with another mapping, e.g. {@code
   * dnsLab.networkPolicy(httpLab.endpointMapping())}. Reflects endpoints started later too.
   */
  public EndpointMapping endpointMapping() {
    return target -> {
      InetSocketAddress to = routes.get(target);
      return to != null ? to : target;
    };
  }

  /** The routes in force: "address:80" and "address:443" to the lab server ports. */
  public Map<InetSocketAddress, InetSocketAddress> routes() {
    return Map.copyOf(routes);
  }

  /**
   * Like {@link #endpointMapping()}, but every other endpoint goes to a closed loopback port: a
   * connection to anything the lab does not serve is refused locally and never reaches the
   * network.
   */
  public EndpointMapping sealedEndpointMapping() {
    return target -> {
      InetSocketAddress to = routes.get(target);
      return to != null ? to : refused;
    };
  }

  /**
   * A policy builder for HTTP-only tests: the {@linkplain #sealedEndpointMapping() sealed
   * mapping}, non-public addresses allowed (lab addresses are loopback), an HTTP timeout of 1 s
   * and a 5 s deadline. Adjust and {@code build()}.
   */
  public NetworkPolicy.Builder networkPolicy() {
    NetworkPolicy.Builder b = NetworkPolicy.builder();
    b.allowNonPublicAddresses(true)
        .endpointMapping(sealedEndpointMapping())
        .httpTimeout(Duration.ofSeconds(1))
        .deadline(Duration.ofSeconds(5));
    return b;
  }

  /** Trust material that trusts the lab CA and nothing else. */
  public HandshakeCertificates clientCertificates() {
    return client;
  }

  /** A new {@link OkHttpClient} that trusts the lab CA and nothing else. */
  public OkHttpClient trustingClient() {
    return new OkHttpClient.Builder()
        .sslSocketFactory(client.sslSocketFactory(), client.trustManager())
        .build();
  }

  /** The lab CA's certificate. */
  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** Stops every server. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (HttpLabEndpoint e : endpoints.values()) {
      e.http().stop();
      if (e.tls() != HttpLabTls.CLOSED) {
        e.https().stop();
      }
    }
  }

  @Override
  public synchronized String toString() {
    return "HttpLab" + endpoints.values();
  }

  synchronized void route(InetAddress address, HttpLabEndpoint endpoint) {
    routes.put(new InetSocketAddress(address, 80), endpoint.http().socketAddress());
    routes.put(new InetSocketAddress(address, 443), endpoint.tls() == HttpLabTls.CLOSED
        ? new InetSocketAddress(endpoint.address(), closedPort(endpoint.address()))
        : endpoint.https().socketAddress());
  }

  private SSLSocketFactory serverFactory(HttpLabTls tls) {
    long now = System.currentTimeMillis();
    HeldCertificate.Builder b = new HeldCertificate.Builder();
    switch (tls) {
      case WRONG_NAME -> b.addSubjectAlternativeName(WRONG_NAME).commonName(WRONG_NAME);
      default -> {
        for (String name : hostNames) {
          b.addSubjectAlternativeName(name);
        }
        b.commonName(hostNames.get(0));
      }
    }
    if (tls == HttpLabTls.EXPIRED) {
      long day = TimeUnit.DAYS.toMillis(1);
      b.validityInterval(now - 30 * day, now - day);
    }
    if (tls != HttpLabTls.SELF_SIGNED) {
      b.signedBy(ca);
    }
    HeldCertificate server = b.build();
    HandshakeCertificates.Builder hc = tls == HttpLabTls.SELF_SIGNED
        ? new HandshakeCertificates.Builder().heldCertificate(server)
        : new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate());
    return hc.build().sslSocketFactory();
  }

  /** A port on {@code address} where nothing listens: connections are refused. */
  private static int closedPort(InetAddress address) {
    try (ServerSocket s = new ServerSocket(0, 1, address)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on " + address.getHostAddress(), e);
    }
  }

  /** Parses an IP address literal (never a host name: no lookup happens). */
  static InetAddress parseAddress(String text) {
    Objects.requireNonNull(text, "address");
    boolean ipv4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    if (ipv4) {
      for (String octet : text.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          throw new IllegalArgumentException("\"" + text + "\" is not a valid IPv4 address");
        }
      }
    }
    boolean literal = ipv4 || (text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+"));
    if (!literal) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IP address literal");
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a valid IP address", e);
    }
  }
}
