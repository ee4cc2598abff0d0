package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/** The lab's own servers on another range of loopback addresses. */
final class DnsLabAddressesTest {
  @Test
  void infrastructureAddressesMoveTheRootTldsAndResolver() throws Exception {
    try (DnsLab lab = DnsLab.builder()
            .infrastructureAddresses("127.0.7.20")
            .zone("moved.test", z -> z
                .nameserver("ns1.moved.test", "127.0.0.2") // free now: the root moved away
                .records("_dnsauth TXT \"token\""))
            .start();
        Dig dig = new Dig()) {
      assertThat(lab.rootAddress().getHostAddress()).isEqualTo("127.0.7.20");
      assertThat(lab.rootServers().get(0).addresses())
          .containsExactly(InetAddress.getByName("127.0.7.20"));
      assertThat(lab.server("ns.nic.test").address().getAddress().getHostAddress())
          .isEqualTo("127.0.7.21");
      assertThat(lab.recursiveResolver().getAddress().getHostAddress()).isEqualTo("127.0.7.28");

      // The delegation still works end to end: the root refers, the resolver resolves.
      Message referral = dig.ask(new InetSocketAddress(lab.rootAddress(), lab.port()),
          "_dnsauth.moved.test", Type.TXT);
      assertThat(referral.getSection(org.xbill.DNS.Section.AUTHORITY)).isNotEmpty();
      Message answer = dig.ask(lab.recursiveResolver(), "_dnsauth.moved.test", Type.TXT);
      assertThat(Dig.answers(answer)).containsExactly("\"token\"");
    }
  }

  @Test
  void movedAddressesAreReservedAndMustBeLoopbackWithRoom() {
    assertThatThrownBy(() -> DnsLab.builder().infrastructureAddresses("127.0.7.20")
        .zone("x.test", z -> z.nameserver("ns.x.test", "127.0.7.24")).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved").hasMessageContaining("127.0.7.20-127.0.7.28");
    assertThatThrownBy(() -> DnsLab.builder().infrastructureAddresses("10.0.0.2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    assertThatThrownBy(() -> DnsLab.builder().infrastructureAddresses("127.0.0.250"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nine addresses");
  }
}
