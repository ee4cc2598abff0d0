package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class DnsLabExtensionTest {
  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("ext.test", z -> z
          .nameserver("ns1.ext.test", "127.0.0.41")
          .records("_dnsauth TXT \"token\"")));

  @Test
  @Order(1)
  void labRunsDuringTheTestAndIsInjected(DnsLab injected) throws Exception {
    assertThat(injected).isSameAs(DNS.lab());
    try (Dig dig = new Dig()) {
      Message m = dig.ask(injected.server("ns1.ext.test").address(), "_dnsauth.ext.test", Type.TXT);
      assertThat(Dig.answers(m)).containsExactly("\"token\"");
    }
    injected.zone("ext.test").remove("_dnsauth TXT \"token\"");
    injected.server("ns1.ext.test").addFault(DnsFault.refused());
  }

  @Test
  @Order(2)
  void changesOfOneTestAreResetForTheNext() throws Exception {
    DnsLab lab = DNS.lab();
    assertThat(lab.server("ns1.ext.test").faults()).isEmpty();
    try (Dig dig = new Dig()) {
      Message m = dig.ask(lab.server("ns1.ext.test").address(), "_dnsauth.ext.test", Type.TXT);
      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(Dig.answers(m)).containsExactly("\"token\"");
    }
  }
}
