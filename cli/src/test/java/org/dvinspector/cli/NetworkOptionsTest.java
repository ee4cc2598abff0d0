package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dvinspector.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NetworkOptionsTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTheLibraryDefaults() {
    NetworkPolicy p = new NetworkOptions().policy();
    assertThat(p.recursiveResolvers()).isEmpty();
    assertThat(p.rootServers()).isEqualTo(NetworkPolicy.INTERNET_ROOT_SERVERS);
    assertThat(p.allowNonPublicAddresses()).isFalse();
  }

  @Test
  void resolversPortMapRoutesAndTimes() throws Exception {
    NetworkOptions o = new NetworkOptions();
    o.resolvers.add("127.0.0.1:5353");
    o.resolvers.add("[::1]");
    o.portMap.add("53=5353");
    o.portMap.add("80=8080");
    o.routes.add("192.0.2.10:443=127.0.0.1:18443");
    o.allowPrivateAddresses = true;
    o.timeout = Duration.ofMillis(400);
    o.deadline = Duration.ofSeconds(3);
    NetworkPolicy p = o.policy();
    assertThat(p.recursiveResolvers()).containsExactly(
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5353),
        new InetSocketAddress(InetAddress.getByName("::1"), 53));
    assertThat(p.route(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 53)))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 5353));
    assertThat(p.route(new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 443)))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 18443));
    assertThat(p.route(new InetSocketAddress(InetAddress.getByName("192.0.2.11"), 443)))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.11"), 443));
    assertThat(p.allowNonPublicAddresses()).isTrue();
    assertThat(p.queryTimeout()).isEqualTo(Duration.ofMillis(400));
    assertThat(p.httpTimeout()).isEqualTo(Duration.ofMillis(400));
    assertThat(p.deadline()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void loopbackOnlyKeepsPrivateAddressesRefused() throws Exception {
    NetworkOptions o = new NetworkOptions();
    o.allowLoopbackAddresses = true;
    NetworkPolicy p = o.policy();
    assertThat(p.permits(InetAddress.getByName("127.0.0.11"))).isTrue();
    assertThat(p.permits(InetAddress.getByName("10.20.30.40"))).isFalse();
  }

  @Test
  void resolverMustBeAnAddressNotAHostName() {
    NetworkOptions o = new NetworkOptions();
    o.resolvers.add("dns.example.net:53");
    assertThatThrownBy(o::policy)
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("must be an IP address");
  }

  @Test
  void badPortMapEntry() {
    NetworkOptions o = new NetworkOptions();
    o.portMap.add("53:5353");
    assertThatThrownBy(o::policy)
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("PORT=PORT");
  }

  @Test
  void portOutOfRange() {
    NetworkOptions o = new NetworkOptions();
    o.portMap.add("53=70000");
    assertThatThrownBy(o::policy).isInstanceOf(UsageException.class);
  }

  @Test
  void rootHintsFileBecomesRootServers() throws Exception {
    Path hints = dir.resolve("named.root");
    Files.writeString(hints, String.join("\n",
        "; fake root for a lab",
        ".                        3600000      NS    A.ROOT.LAB.",
        "A.ROOT.LAB.              3600000      A     127.0.0.53",
        "A.ROOT.LAB.              3600000      AAAA  ::1",
        ".                        3600000      NS    B.ROOT.LAB.",
        "B.ROOT.LAB.              3600000      A     127.0.0.54",
        ""));
    NetworkOptions o = new NetworkOptions();
    o.rootHints = hints.toString();
    NetworkPolicy p = o.policy();
    assertThat(p.rootServers()).hasSize(2);
    assertThat(p.rootServers().get(0).name()).isEqualTo("a.root.lab");
    assertThat(p.rootServers().get(0).addresses()).containsExactly(
        InetAddress.getByName("127.0.0.53"), InetAddress.getByName("::1"));
    assertThat(p.rootServers().get(1).addresses()).containsExactly(InetAddress.getByName("127.0.0.54"));
  }

  @Test
  void rootHintsWithoutAddressesAreRejected() throws Exception {
    Path hints = dir.resolve("empty.root");
    Files.writeString(hints, ". 3600000 NS a.root.lab.\n");
    NetworkOptions o = new NetworkOptions();
    o.rootHints = hints.toString();
    assertThatThrownBy(o::policy)
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("names no root server");
  }

  @Test
  void missingRootHintsFileIsOneClearMessage() {
    NetworkOptions o = new NetworkOptions();
    o.rootHints = dir.resolve("nope").toString();
    assertThatThrownBy(o::policy)
        .isInstanceOf(UsageException.class)
        .hasMessageEndingWith(": no such file");
  }
}
