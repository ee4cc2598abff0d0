package org.dvinspector.dns.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.dvinspector.dns.internal.validation.NearNames.Candidate;
import org.dvinspector.dns.internal.validation.NearNames.Mistake;
import org.junit.jupiter.api.Test;

final class NearNamesTest {
  private static List<String> names(List<Candidate> candidates) {
    return candidates.stream().map(c -> c.name().ascii() + " " + c.mistake().label()).toList();
  }

  @Test
  void labelAtTheApexOfTheZone() {
    List<Candidate> near = NearNames.of(DomainName.parse("example.com"), Optional.of("_dnsauth"),
        DomainName.parse("example.com"));

    assertThat(names(near)).containsExactly(
        "example.com apex-instead-of-label",
        "_dnsauth.example.com.example.com zone-appended-twice",
        "dnsauth.example.com missing-underscore",
        "_dnsauth.www.example.com www-vs-apex");
  }

  @Test
  void wwwNameProbesTheBareDomainAndParents() {
    List<Candidate> near = NearNames.of(DomainName.parse("www.example.com"),
        Optional.of("_acme-challenge"), DomainName.parse("example.com"));

    assertThat(names(near)).containsExactly(
        "www.example.com apex-instead-of-label",
        "_acme-challenge.www.example.com.example.com zone-appended-twice",
        "acme-challenge.www.example.com missing-underscore",
        "_acme-challenge.example.com www-vs-apex");
  }

  @Test
  void parentsOutsideTheZoneAreOtherZones() {
    List<Candidate> near = NearNames.of(DomainName.parse("api.shop.example.com"),
        Optional.of("_dnsauth"), DomainName.parse("shop.example.com"));

    assertThat(near).extracting(Candidate::mistake)
        .contains(Mistake.PARENT_NAME, Mistake.OTHER_ZONE);
    assertThat(near).filteredOn(c -> c.mistake() == Mistake.OTHER_ZONE)
        .extracting(c -> c.name().ascii()).containsExactly("_dnsauth.example.com");
    assertThat(near).filteredOn(c -> c.mistake() == Mistake.PARENT_NAME)
        .extracting(c -> c.name().ascii()).containsExactly("_dnsauth.shop.example.com");
  }

  @Test
  void withoutALabelOnlyTheDomainVariantsAreProbed() {
    List<Candidate> near = NearNames.of(DomainName.parse("example.com"), Optional.empty(),
        DomainName.parse("example.com"));

    assertThat(names(near)).containsExactly(
        "example.com.example.com zone-appended-twice", "www.example.com www-vs-apex");
  }

  @Test
  void neverProbesTheRecordNameItselfAndStaysBounded() {
    DomainName deep = DomainName.parse("a.b.c.d.e.f.g.h.i.j.k.example.com");
    List<Candidate> near = NearNames.of(deep, Optional.of("_x"), DomainName.parse("example.com"));

    assertThat(near).hasSizeLessThanOrEqualTo(NearNames.MAX)
        .extracting(c -> c.name().ascii()).doesNotContain("_x." + deep.ascii());
  }

  @Test
  void accountLabelProbesTheDns01NameFirst() {
    List<Candidate> near = NearNames.of(DomainName.parse("example.org"),
        Optional.of("_ujmmovf2vn55tgye._acme-challenge"), DomainName.parse("example.org"));

    assertThat(names(near)).startsWith(
        "_acme-challenge.example.org label-incomplete",
        "_ujmmovf2vn55tgye.example.org label-incomplete",
        "example.org apex-instead-of-label");
    assertThat(near.get(0).explanation()).contains("where dns-01 looks");
  }
}
