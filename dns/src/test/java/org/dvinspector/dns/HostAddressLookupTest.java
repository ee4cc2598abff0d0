package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainName;
import org.dvinspector.InspectionReport;
import org.dvinspector.Perspective;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.HostAddresses;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A and AAAA the CA's way, as the http module gets them through the capability. */
final class HostAddressLookupTest {
  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .nameserver("ns2.example.com", "127.0.0.12")
          .records("www A 127.0.0.50", "www AAAA ::1", "shop CNAME www",
              "cdn CNAME edge.other.net.", "loop1 CNAME loop2", "loop2 CNAME loop1"))
      .zone("other.net", z -> z
          .nameserver("ns1.other.net", "127.0.0.13")
          .records("edge A 127.0.0.70")));

  private record Result(HostAddresses addresses, InspectionReport report) {}

  private static Result lookup(String name) {
    AtomicReference<HostAddresses> found = new AtomicReference<>();
    InspectionReport report = LabInspections.inspect(DNS.lab(), "example.com",
        new ProbeModule.ProbeCheck((services, context) ->
            services.capability(HostAddressLookup.class).orElseThrow()
                .lookup(DomainName.parse(name), context)
                .thenApply(a -> {
                  found.set(a);
                  return CheckResult.Status.PASSED;
                })));
    return new Result(Objects.requireNonNull(found.get(), "the probe did not run"), report);
  }

  @Test
  void findsIpv4AndIpv6AddressesAtTheAuthoritativeServers() throws Exception {
    Result r = lookup("www.example.com");

    assertThat(r.addresses().ipv4()).containsExactly(ip("127.0.0.50"));
    assertThat(r.addresses().ipv6()).containsExactly(ip("::1"));
    assertThat(r.addresses().failure()).isEmpty();
    assertThat(LabInspections.observations(r.report(), "AAAA www.example.com"))
        .filteredOn(o -> o.perspective().name().endsWith(".example.com"))
        .extracting(o -> o.perspective().kind())
        .containsOnly(Perspective.Kind.AUTHORITATIVE_SERVER)
        .hasSize(2);
  }

  @Test
  void followsCnamesIntoOtherZones() throws Exception {
    Result r = lookup("cdn.example.com");

    assertThat(r.addresses().ipv4()).containsExactly(ip("127.0.0.70"));
    assertThat(r.addresses().aliasChain()).extracting(DomainName::ascii)
        .containsExactly("edge.other.net");
  }

  @Test
  void followsCnamesInsideTheZone() throws Exception {
    Result r = lookup("shop.example.com");

    assertThat(r.addresses().ipv4()).containsExactly(ip("127.0.0.50"));
    assertThat(r.addresses().aliasChain()).extracting(DomainName::ascii)
        .containsExactly("www.example.com");
  }

  @Test
  void nameThatDoesNotExistIsMissing() {
    Result r = lookup("nowhere.example.com");

    assertThat(r.addresses().nameMissing()).isTrue();
    assertThat(r.addresses().all()).isEmpty();
  }

  @Test
  void cnameLoopIsAFailure() {
    Result r = lookup("loop1.example.com");

    assertThat(r.addresses().failure()).hasValueSatisfying(f -> assertThat(f).contains("loops"));
  }

  /** An address literal (no lookup happens). */
  private static InetAddress ip(String literal) throws java.net.UnknownHostException {
    return InetAddress.getAllByName(literal)[0];
  }
}
