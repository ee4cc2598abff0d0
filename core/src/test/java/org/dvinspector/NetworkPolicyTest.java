package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

final class NetworkPolicyTest {
  @Test
  void defaultPolicyPermitsOnlyPublicAddresses() throws Exception {
    NetworkPolicy p = NetworkPolicy.defaults();
    assertThat(p.permits(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(p.permits(InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(p.permits(InetAddress.getByName("10.1.2.3"))).isFalse();
  }

  @Test
  void allowedScopesPermitLoopbackButStillRefusePrivate() throws Exception {
    NetworkPolicy p = NetworkPolicy.builder().addAllowedAddressScopes(AddressScope.LOOPBACK).build();
    assertThat(p.permits(InetAddress.getByName("127.0.0.42"))).isTrue();
    assertThat(p.permits(InetAddress.getByName("::1"))).isTrue();
    assertThat(p.permits(InetAddress.getByName("10.1.2.3"))).isFalse();
    assertThat(p.permits(InetAddress.getByName("192.168.0.1"))).isFalse();
  }
}
