package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class AddressScopeTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "8.8.8.8, PUBLIC",
      "93.184.216.34, PUBLIC",
      "10.1.2.3, PRIVATE",
      "172.16.0.1, PRIVATE",
      "172.31.255.255, PRIVATE",
      "172.32.0.1, PUBLIC",
      "192.168.1.1, PRIVATE",
      "100.64.0.1, PRIVATE",
      "127.0.0.1, LOOPBACK",
      "127.0.0.53, LOOPBACK",
      "169.254.169.254, LINK_LOCAL",
      "0.0.0.0, RESERVED",
      "192.0.2.10, RESERVED",
      "198.51.100.1, RESERVED",
      "203.0.113.7, RESERVED",
      "198.18.0.1, RESERVED",
      "224.0.0.1, MULTICAST",
      "240.0.0.1, RESERVED",
      "255.255.255.255, RESERVED",
      "2606:4700::1111, PUBLIC",
      "::1, LOOPBACK",
      "::, RESERVED",
      "fe80::1, LINK_LOCAL",
      "fd00::1, PRIVATE",
      "ff02::1, MULTICAST",
      "2001:db8::1, RESERVED",
      "::ffff:10.0.0.1, PRIVATE",
      "::ffff:8.8.8.8, PUBLIC",
      "64:ff9b::808:808, RESERVED",
      "2002:c000:0204::1, RESERVED",
      "3fff::1, RESERVED",
  })
  void classifies(String address, AddressScope expected) throws Exception {
    assertThat(AddressScope.of(InetAddress.getByName(address))).isEqualTo(expected);
  }
}
