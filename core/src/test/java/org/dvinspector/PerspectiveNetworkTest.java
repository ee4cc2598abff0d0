package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class PerspectiveNetworkTest {
  @Test
  void parsesANetworkAndSendsAtMostA24OrA56() {
    PerspectiveNetwork wide = PerspectiveNetwork.of("eu-central-1 (Frankfurt)", Rir.RIPE_NCC,
        " 3.120.0.0/14 ", "AWS");
    PerspectiveNetwork narrow = PerspectiveNetwork.of("lab", Rir.ARIN, "192.0.2.128/25", "test");
    PerspectiveNetwork v6 = PerspectiveNetwork.of("v6", Rir.APNIC, "2001:db8::/32", "test");

    assertThat(wide.network()).isEqualTo("3.120.0.0/14");
    assertThat(wide.label()).isEqualTo("eu-central-1 (Frankfurt) 3.120.0.0/14");
    assertThat(wide.clientSubnetPrefix()).isEqualTo(24);
    assertThat(narrow.clientSubnetPrefix()).isEqualTo(24);
    assertThat(v6.clientSubnetPrefix()).isEqualTo(56);
  }

  @Test
  void rejectsWhatIsNotANetwork() {
    assertThatThrownBy(() -> PerspectiveNetwork.of("x", Rir.ARIN, "3.120.0.1/14", "s"))
        .hasMessageContaining("bits set beyond its prefix")
        .hasMessageContaining("3.120.0.0/14");
    assertThatThrownBy(() -> PerspectiveNetwork.of("x", Rir.ARIN, "3.120.0.0", "s"))
        .hasMessageContaining("needs a prefix length");
    assertThatThrownBy(() -> PerspectiveNetwork.of("x", Rir.ARIN, "example.com/24", "s"))
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> PerspectiveNetwork.of("x", Rir.ARIN, "3.0.0.0/33", "s"))
        .hasMessageContaining("1-32");
    assertThatThrownBy(() -> PerspectiveNetwork.of("x", Rir.ARIN, "3.0.0.0/x", "s"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> PerspectiveNetwork.of(" ", Rir.ARIN, "3.0.0.0/8", "s"))
        .hasMessageContaining("region");
    assertThatThrownBy(() -> PerspectiveNetwork.of("x", Rir.ARIN, "3.0.0.0/8", ""))
        .hasMessageContaining("source");
  }

  @Test
  void theRepresentativeSetHasOneNetworkInEachRegistryWithItsSource() {
    Set<Rir> rirs = EnumSet.noneOf(Rir.class);
    for (PerspectiveNetwork n : PerspectiveNetworks.representative()) {
      assertThat(rirs.add(n.rir())).as(n.label()).isTrue();
      assertThat(n.source()).contains("ip-ranges.json");
      assertThat(AddressScope.isPublic(n.address())).as(n.label()).isTrue();
    }
    assertThat(rirs).containsExactlyInAnyOrder(Rir.values());
  }

  @Test
  void everyBuiltInCaProfileButTheBaselineAndPebbleNamesNetworksInAtLeastTwoRegistries() {
    for (CaProfile p : CaProfiles.all()) {
      if (p == CaProfiles.BASELINE_REQUIREMENTS || p == CaProfiles.PEBBLE) {
        // The BR say nothing of where a CA looks from, and Pebble validates from one place: no
        // networks, so ECS is off by default.
        assertThat(p.perspectiveNetworks()).isEmpty();
        continue;
      }
      Set<Rir> rirs = EnumSet.noneOf(Rir.class);
      Set<String> networks = new HashSet<>();
      for (PerspectiveNetwork n : p.perspectiveNetworks()) {
        rirs.add(n.rir());
        assertThat(networks.add(n.network())).as(p.id() + " " + n.label()).isTrue();
        assertThat(AddressScope.isPublic(n.address())).as(n.label()).isTrue();
        assertThat(n.source()).as(n.label()).isNotBlank();
      }
      // BR 3.2.2.9: corroborating remote perspectives lie in at least two registries.
      assertThat(rirs).as(p.id()).hasSizeGreaterThanOrEqualTo(2);
    }
    assertThat(CaProfiles.GLOBALSIGN.perspectiveNetworks())
        .extracting(PerspectiveNetwork::network).contains("133.88.7.0/24", "16.16.130.0/24");
  }

  @Test
  void theRequestAsksFromTheProfilesNetworksUnlessTurnedOff() {
    InspectionRequest digicert = InspectionRequest.builder().domain("example.com")
        .profile(CaProfiles.DIGICERT).addChecks(CaaCheck.forProfile()).build();
    InspectionRequest baseline = digicert.toBuilder()
        .profile(CaProfiles.BASELINE_REQUIREMENTS).addChecks(CaaCheck.forIssuers("x.test"))
        .build();

    assertThat(digicert.clientSubnetNetworks()).isEqualTo(PerspectiveNetworks.digiCert());
    assertThat(digicert.toBuilder().ednsClientSubnet(false).build().clientSubnetNetworks())
        .isEmpty();
    assertThat(baseline.clientSubnetNetworks()).isEmpty();
    assertThat(baseline.toBuilder().ednsClientSubnet(true).build().clientSubnetNetworks())
        .isEqualTo(PerspectiveNetworks.representative());
  }
}
