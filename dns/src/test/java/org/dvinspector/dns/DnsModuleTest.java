package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class DnsModuleTest {
  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z.nameserver("ns1.example.com", "127.0.0.11")));

  @Test
  void isFoundByTheServiceLoader() {
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .findAndAddModules()
        .networkPolicy(DNS.lab().networkPolicy().build())
        .build()) {
      assertThat(inspector.moduleIds()).contains("dns");
    }
  }

  @Test
  void offersTheCaViewAndHostLookupToOtherModules() {
    List<Object> offered = new ArrayList<>();
    LabInspections.inspect(DNS.lab(), "example.com", new ProbeModule.ProbeCheck((s, c) -> {
      s.capability(CaDnsView.class).ifPresent(offered::add);
      s.capability(HostAddressLookup.class).ifPresent(offered::add);
      s.capability(Runnable.class).ifPresent(offered::add);
      return java.util.concurrent.CompletableFuture.completedFuture(CheckResult.Status.PASSED);
    }));

    assertThat(offered).hasSize(2);
    assertThat(offered.get(0)).isInstanceOf(CaDnsView.class);
    assertThat(offered.get(1)).isInstanceOf(HostAddressLookup.class);
  }

  @Test
  void hasTheIdChecksReferTo() {
    assertThat(new DnsModule().id()).isEqualTo("dns");
    assertThat(new DnsModule().artifact()).isEqualTo("org.dvinspector:dvinspector-dns");
  }
}
