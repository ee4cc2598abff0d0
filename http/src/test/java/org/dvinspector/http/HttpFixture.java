package org.dvinspector.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpRules;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.dvinspector.testkit.HttpLabTls;

/**
 * A lab of web servers on loopback plus an inspector with only the http module, whose addresses
 * come from a static table (the name → the lab endpoints' addresses).
 */
final class HttpFixture implements AutoCloseable {
  static final String DOMAIN = "www.example.com";
  static final String OTHER = "other.example.com";
  static final String FILE_PATH = "/.well-known/pki-validation/fileauth.txt";
  static final String TOKEN = "2c1f8a7e9b0d4e6f8a1b3c5d7e9f0a2b";

  final HttpLab lab = HttpLab.start(DOMAIN, OTHER);
  private final List<String> addresses = new ArrayList<>();
  private final List<String[]> extraNames = new ArrayList<>();
  private UnaryOperator<NetworkPolicy.Builder> policy = b -> b;
  private UnaryOperator<HttpRules.Builder> rules = b -> b;
  private CaProfile base = CaProfiles.BASELINE_REQUIREMENTS;
  private boolean baseRules;
  private boolean systemResolver;

  HttpLabEndpoint endpoint(String address) {
    return endpoint(address, HttpLabTls.VALID);
  }

  HttpLabEndpoint endpoint(String address, HttpLabTls tls) {
    HttpLabEndpoint e = lab.endpoint(address, tls);
    addresses.add(address);
    return e;
  }

  /** The domain also resolves to {@code address} (which need not be a lab endpoint). */
  HttpFixture resolvesAlsoTo(String address) {
    addresses.add(address);
    return this;
  }

  /** Another name in the address table. */
  HttpFixture name(String name, String... addresses) {
    String[] entry = new String[addresses.length + 1];
    entry[0] = name;
    System.arraycopy(addresses, 0, entry, 1, addresses.length);
    extraNames.add(entry);
    return this;
  }

  /** Leaves the module without an address table: it falls back to the JDK's resolver. */
  HttpFixture systemResolver() {
    this.systemResolver = true;
    return this;
  }

  HttpFixture policy(UnaryOperator<NetworkPolicy.Builder> change) {
    this.policy = change;
    return this;
  }

  HttpFixture rules(UnaryOperator<HttpRules.Builder> change) {
    this.rules = change;
    return this;
  }

  /** Inspects for the CA of {@code profile}, with its own HTTP rules (changed by {@link #rules}). */
  HttpFixture profile(CaProfile profile) {
    this.base = profile;
    this.baseRules = true;
    return this;
  }

  CaProfile profile() {
    HttpRules start = baseRules ? base.httpRules() : HttpRules.defaults();
    return base.toBuilder()
        .httpRules(rules.apply(start.toBuilder()).build())
        .build();
  }

  InspectionReport inspect(Check check) {
    return inspect(DOMAIN, check);
  }

  InspectionReport inspect(String domain, Check check) {
    StaticHostAddressLookup.Builder table = StaticHostAddressLookup.builder();
    table.add(DOMAIN, addresses.toArray(new String[0]));
    for (String[] e : extraNames) {
      String[] rest = new String[e.length - 1];
      System.arraycopy(e, 1, rest, 0, rest.length);
      table.add(e[0], rest);
    }
    NetworkPolicy p = policy.apply(lab.networkPolicy()
        .httpTimeout(Duration.ofSeconds(3))
        .deadline(Duration.ofSeconds(8))).build();
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .networkPolicy(p)
        .addModule(systemResolver
            ? HttpModule.builder().client(lab.trustingClient()).build()
            : HttpModule.builder().client(lab.trustingClient()).addressLookup(table.build()).build())
        .build()) {
      return inspector.inspect(InspectionRequest.builder()
          .domain(domain)
          .profile(profile())
          .addChecks(check)
          .build());
    }
  }

  static Finding only(InspectionReport report, FindingCode code) {
    List<Finding> f = report.findings(code);
    if (f.size() != 1) {
      throw new AssertionError("Expected one " + code + " finding, got " + f.size() + ":\n" + report
          + "\n" + report.observations());
    }
    return f.get(0);
  }

  @Override
  public void close() {
    lab.close();
  }
}
