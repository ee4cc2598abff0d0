package org.dvinspector.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.dvinspector.AcmeTlsAlpn01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.EndpointMapping;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.testkit.TlsAlpnServer;

/**
 * TLS servers on loopback standing in for port 443 of a name's addresses, and an inspector with
 * the http module whose addresses come from a static table. An address with no server maps to a
 * closed port (connection refused).
 */
final class TlsAlpnFixture implements AutoCloseable {
  static final String DOMAIN = "www.example.com";
  static final String KEY_AUTHORIZATION =
      "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  static final AcmeTlsAlpn01Check CHECK = AcmeTlsAlpn01Check.of(KEY_AUTHORIZATION);

  private final Map<String, TlsAlpnServer> servers = new LinkedHashMap<>();
  private final Map<String, InetSocketAddress> routes = new LinkedHashMap<>();
  private final List<String> addresses = new ArrayList<>();
  private final InetSocketAddress closed = closedPort();
  private CaProfile profile = CaProfiles.LETS_ENCRYPT;
  private UnaryOperator<NetworkPolicy.Builder> policy = b -> b;

  /** A TLS server for port 443 of {@code address} (a loopback address the name resolves to). */
  TlsAlpnServer server(String address) {
    TlsAlpnServer s = TlsAlpnServer.start(address);
    servers.put(address, s);
    routes.put(address, s.address());
    addresses.add(address);
    return s;
  }

  /** The name also resolves to {@code address}, where nothing listens. */
  TlsAlpnFixture alsoResolvesTo(String address) {
    addresses.add(address);
    return this;
  }

  /** Port 443 of {@code address} goes to {@code to} (e.g. a plain HTTP server). */
  TlsAlpnFixture route(String address, InetSocketAddress to) {
    routes.put(address, to);
    addresses.add(address);
    return this;
  }

  TlsAlpnFixture profile(CaProfile p) {
    this.profile = p;
    return this;
  }

  TlsAlpnFixture policy(UnaryOperator<NetworkPolicy.Builder> change) {
    this.policy = change;
    return this;
  }

  NetworkPolicy networkPolicy() {
    EndpointMapping.Builder mapping = EndpointMapping.builder();
    for (String a : addresses) {
      InetSocketAddress to = routes.getOrDefault(a, closed);
      mapping.route(address(a), 443, to);
    }
    EndpointMapping exact = mapping.build();
    // Anything else on port 443 is refused too: nothing leaves loopback.
    EndpointMapping sealed = t -> {
      InetSocketAddress m = exact.map(t);
      return m.equals(t) && t.getPort() == 443 ? closed : m;
    };
    return policy.apply(NetworkPolicy.builder()
        .allowNonPublicAddresses(true)
        .endpointMapping(sealed)
        .httpTimeout(Duration.ofSeconds(2))
        .deadline(Duration.ofSeconds(8))).build();
  }

  InspectionReport inspect() {
    return inspect(DOMAIN, CHECK);
  }

  InspectionReport inspect(String domain, AcmeTlsAlpn01Check check) {
    StaticHostAddressLookup.Builder table = StaticHostAddressLookup.builder();
    table.add(DOMAIN, addresses.toArray(new String[0]));
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .networkPolicy(networkPolicy())
        .addModule(HttpModule.builder().addressLookup(table.build()).build())
        .build()) {
      return inspector.inspect(InspectionRequest.builder()
          .domain(domain)
          .profile(profile)
          .addChecks(check)
          .build());
    }
  }

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback port where nothing listens. */
  static InetSocketAddress closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, address("127.0.0.1"))) {
      return new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    servers.values().forEach(TlsAlpnServer::close);
  }
}
