package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dvinspector.DomainName;
import org.dvinspector.InvalidDomainNameException;
import org.junit.jupiter.api.Test;

final class StaticHostAddressLookupTest {
  @Test
  void acceptsIpv4AndIpv6Literals() {
    StaticHostAddressLookup lookup = StaticHostAddressLookup.builder()
        .add("WWW.Example.com.", "192.0.2.10", "2001:db8::10")
        .build();

    assertThat(lookup.names()).containsExactly(DomainName.parse("www.example.com"));
  }

  @Test
  void refusesHostNamesWhereAddressesBelong() {
    assertThatThrownBy(() -> StaticHostAddressLookup.builder().add("www.example.com", "localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an IP address literal");
  }

  @Test
  void refusesOutOfRangeIpv4Octets() {
    assertThatThrownBy(() -> StaticHostAddressLookup.builder().add("www.example.com", "300.1.2.3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid IPv4 address");
  }

  @Test
  void refusesInvalidNames() {
    assertThatThrownBy(() -> StaticHostAddressLookup.builder().add("bad name", "192.0.2.1"))
        .isInstanceOf(InvalidDomainNameException.class);
    assertThatThrownBy(() -> StaticHostAddressLookup.builder().add("*.example.com", "192.0.2.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wildcard");
  }
}
