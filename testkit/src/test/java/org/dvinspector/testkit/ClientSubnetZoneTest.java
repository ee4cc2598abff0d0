package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** A zone that answers by client network ("lines"), and the client subnet echo of RFC 7871. */
final class ClientSubnetZoneTest {
  private static final String NAME = "_dnsauth.geo.test";
  private static DnsLab lab;
  private static Dig dig;
  private static TestZone geo;
  private static InetSocketAddress ns;
  private static InetSocketAddress plainNs;

  @BeforeAll
  static void start() {
    lab = DnsLab.builder()
        .zone("geo.test", z -> z.nameserver("ns1.geo.test", "127.0.0.61")
            .records("www A 127.0.0.80"))
        .zone("plain.test", z -> z.nameserver("ns1.plain.test", "127.0.0.62")
            .records("_dnsauth TXT \"everywhere\""))
        .start();
    dig = new Dig();
    geo = lab.zone("geo.test");
    ns = lab.server("ns1.geo.test").address();
    plainNs = lab.server("ns1.plain.test").address();
  }

  @AfterEach
  void reset() {
    geo.reset();
  }

  @AfterAll
  static void stop() {
    dig.close();
    lab.close();
  }

  @Test
  void aClientInTheLineGetsItsRecordsAndTheLinesPrefixAsScope() throws Exception {
    geo.addForClientSubnet("1.0.1.0/24", "_dnsauth TXT \"china-only\"");

    Message m = dig.askFromSubnet(ns, NAME, Type.TXT, "1.0.1.0", 24);

    assertThat(Dig.answers(m)).containsExactly("\"china-only\"");
    ClientSubnetOption echo = echo(m);
    assertThat(echo.getAddress().getHostAddress()).isEqualTo("1.0.1.0");
    assertThat(echo.getSourcePrefixLength()).isEqualTo(24);
    assertThat(echo.getScopePrefixLength()).isEqualTo(24);
  }

  @Test
  void aClientOutsideEveryLineGetsTheDefaultAnswerScopedToTheBitsThatTellItApart()
      throws Exception {
    geo.addForClientSubnet("1.0.1.0/24", "_dnsauth TXT \"china-only\"");

    // 3.120.0.0 differs from 1.0.1.0 in the 7th bit (00000011 vs 00000001): the answer holds for
    // every client sharing the first 7 bits.
    Message m = dig.askFromSubnet(ns, NAME, Type.TXT, "3.120.0.0", 24);

    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(scope(m)).isEqualTo(7);
  }

  @Test
  void aNameWithoutLinesIsAnsweredAlikeWithScopeZero() throws Exception {
    geo.addForClientSubnet("1.0.1.0/24", "_dnsauth TXT \"china-only\"");

    Message m = dig.askFromSubnet(ns, "www.geo.test", Type.A, "1.0.1.0", 24);

    assertThat(Dig.answers(m)).containsExactly("127.0.0.80");
    assertThat(scope(m)).isZero();
  }

  @Test
  void aZoneWithoutLinesEchoesNoOption() throws Exception {
    Message m = dig.askFromSubnet(plainNs, "_dnsauth.plain.test", Type.TXT, "1.0.1.0", 24);

    assertThat(Dig.answers(m)).containsExactly("\"everywhere\"");
    assertThat(m.getOPT()).isNotNull();
    assertThat(Dig.subnet(m)).isNull();
  }

  @Test
  void withoutAnOptionTheQuerysSourceAddressChoosesTheLine() throws Exception {
    geo.addForClientSubnet("127.0.0.0/8", "_dnsauth TXT \"this-machine\"");

    Message m = dig.ask(ns, NAME, Type.TXT);

    assertThat(Dig.answers(m)).containsExactly("\"this-machine\"");
    assertThat(Dig.subnet(m)).isNull();
  }

  @Test
  void theMostSpecificLineWinsAndLinesReplaceOnlyTheirOwnSets() throws Exception {
    geo.add("_dnsauth TXT \"default\"", "_dnsauth A 127.0.0.81");
    geo.addForClientSubnet("10.0.0.0/8", "_dnsauth TXT \"wide\"");
    geo.addForClientSubnet("10.1.0.0/16", "_dnsauth TXT \"narrow\"");

    Message narrow = dig.askFromSubnet(ns, NAME, Type.TXT, "10.1.2.0", 24);
    Message wide = dig.askFromSubnet(ns, NAME, Type.TXT, "10.2.0.0", 24);
    Message other = dig.askFromSubnet(ns, NAME, Type.TXT, "192.0.2.0", 24);
    Message address = dig.askFromSubnet(ns, NAME, Type.A, "10.1.2.0", 24);

    assertThat(Dig.answers(narrow)).containsExactly("\"narrow\"");
    assertThat(scope(narrow)).isEqualTo(16);
    assertThat(Dig.answers(wide)).containsExactly("\"wide\"");
    assertThat(scope(wide)).isEqualTo(8);
    assertThat(Dig.answers(other)).containsExactly("\"default\"");
    assertThat(Dig.answers(address)).containsExactly("127.0.0.81");
  }

  @Test
  void aClientSubnetShorterThanTheLineGetsAScopeLongerThanItsSource() throws Exception {
    geo.addForClientSubnet("203.0.113.128/25", "_dnsauth TXT \"half\"");

    // The client gave 24 bits; whether it is in the line depends on the 25th (RFC 7871 §7.2.1).
    Message m = dig.askFromSubnet(ns, NAME, Type.TXT, "203.0.113.0", 24);

    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(scope(m)).isEqualTo(25);
  }

  @Test
  void removingTheLineAnswersEveryoneAlikeAgain() throws Exception {
    geo.addForClientSubnet("1.0.1.0/24", "_dnsauth TXT \"china-only\"");
    long serial = geo.serial();

    geo.removeClientSubnet("1.0.1.0/24");

    assertThat(geo.serial()).isGreaterThan(serial);
    assertThat(geo.clientSubnets()).isEmpty();
    assertThat(dig.askFromSubnet(ns, NAME, Type.TXT, "1.0.1.0", 24).getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void badNetworksAreRejected() {
    assertThatThrownBy(() -> geo.addForClientSubnet("1.0.1.1/24", "_dnsauth TXT \"x\""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond its prefix");
    assertThatThrownBy(() -> geo.addForClientSubnet("example.com/24", "_dnsauth TXT \"x\""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> geo.addForClientSubnet("1.0.1.0/33", "_dnsauth TXT \"x\""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> geo.addForClientSubnet("1.0.1.0/24", "www CNAME other.test."))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CNAME");
    assertThat(geo.clientSubnets()).isEmpty();
  }

  private static ClientSubnetOption echo(Message m) {
    ClientSubnetOption o = Dig.subnet(m);
    if (o == null) {
      throw new AssertionError("no client subnet option in " + m);
    }
    return o;
  }

  private static int scope(Message m) {
    return echo(m).getScopePrefixLength();
  }
}
