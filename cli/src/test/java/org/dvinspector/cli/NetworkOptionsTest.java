package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.TrustAnchor;
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

  @Test
  void dnssecDefaultsToTheRootAnchors() {
    assertThat(new NetworkOptions().policy().trustAnchors()).isEqualTo(TrustAnchor.rootAnchors());
  }

  @Test
  void trustAnchorFilesReplaceTheRootAnchors() throws Exception {
    Path ds = dir.resolve("lab.anchors");
    Files.writeString(ds, "; lab root\n. 3600 IN DS 4711 13 2 " + "AB".repeat(32) + "\n");
    Path xml = dir.resolve("root-anchors.xml");
    Files.writeString(xml, """
        <?xml version="1.0" encoding="UTF-8"?>
        <TrustAnchor id="x" source="file"><Zone>lab.</Zone>
        <KeyDigest id="k" validFrom="2024-01-01T00:00:00+00:00"><KeyTag>7</KeyTag>
        <Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>""" + "CD".repeat(32)
        + "</Digest></KeyDigest></TrustAnchor>\n");
    NetworkOptions o = new NetworkOptions();
    o.trustAnchors.add(ds.toString());
    o.trustAnchors.add(xml.toString());
    NetworkPolicy p = o.policy();
    assertThat(p.trustAnchors()).extracting(TrustAnchor::keyTag).containsExactly(4711, 7);
    assertThat(p.trustAnchors()).extracting(TrustAnchor::zone).containsExactly(".", "lab.");
  }

  @Test
  void aBadTrustAnchorFileIsAUsageErrorNamingTheLine() throws Exception {
    Path bad = dir.resolve("bad.anchors");
    Files.writeString(bad, "; comment\n. IN DS 20326 8 2 NOTHEX\n");
    NetworkOptions o = new NetworkOptions();
    o.trustAnchors.add(bad.toString());
    assertThatThrownBy(o::policy).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--trust-anchor " + bad)
        .hasMessageContaining("line 2");
    NetworkOptions missing = new NetworkOptions();
    missing.trustAnchors.add(dir.resolve("nope").toString());
    assertThatThrownBy(missing::policy).isInstanceOf(UsageException.class)
        .hasMessageEndingWith(": no such file");
    Path big = dir.resolve("big.anchors");
    Files.writeString(big, ";".repeat(200_000));
    NetworkOptions large = new NetworkOptions();
    large.trustAnchors.add(big.toString());
    assertThatThrownBy(large::policy).isInstanceOf(UsageException.class)
        .hasMessageContaining("larger than 100 kB");
  }

  @Test
  void noDnssecValidationLeavesNoAnchorsAndContradictsAnAnchorFile() throws Exception {
    NetworkOptions o = new NetworkOptions();
    o.noDnssecValidation = true;
    assertThat(o.policy().validatesDnssec()).isFalse();
    Path ds = dir.resolve("lab.anchors");
    Files.writeString(ds, ". IN DS 4711 13 2 " + "AB".repeat(32) + "\n");
    o.trustAnchors.add(ds.toString());
    assertThatThrownBy(o::policy).isInstanceOf(UsageException.class)
        .hasMessageContaining("contradict");
  }

  @Test
  void anotherRootIsValidatedOnlyFromItsOwnAnchors() throws Exception {
    Path hints = dir.resolve("lab.hints");
    Files.writeString(hints, ". 3600000 NS a.root.lab.\na.root.lab. 3600000 A 127.0.0.2\n");
    NetworkOptions lab = new NetworkOptions();
    lab.rootHints = hints.toString();
    // The real root's keys do not sign a lab's root: nothing to validate from.
    assertThat(lab.policy().validatesDnssec()).isFalse();
    Path ds = dir.resolve("lab-root.anchors");
    Files.writeString(ds, ". IN DS 4711 13 2 " + "AB".repeat(32) + "\n");
    lab.trustAnchors.add(ds.toString());
    assertThat(lab.policy().trustAnchors()).singleElement()
        .satisfies(a -> assertThat(a.keyTag()).isEqualTo(4711));
    assertThat(new NetworkOptions().policy().validatesDnssec()).isTrue();
  }
}
