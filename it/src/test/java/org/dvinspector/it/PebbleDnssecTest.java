package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.it.LabEnvironment.NS1;
import static org.dvinspector.it.LabEnvironment.NS2;
import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.CaProfiles;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.TrustAnchor;
import org.dvinspector.Verdict;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.dns.internal.dnssec.DnssecReason;
import org.dvinspector.dns.internal.dnssec.DnssecResult;
import org.dvinspector.it.DnssecBindZones.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * DNSSEC as a CA meets it: zones signed by bind9's tools, served by bind9, a validating unbound
 * (the lab root's DS as its only anchor) in front of Pebble, which validates a dns-01 challenge
 * per scenario. Beside Pebble's decision, the dns module's validator walks the same tree from the
 * same anchor and must name the broken link, and the inspector (Let's Encrypt's profile, the
 * lab's anchor) must decide as Pebble does, with the finding that names the link.
 */
final class PebbleDnssecTest {
  /** One scenario: its zone, how it is broken, what Pebble decides, what the validator says. */
  record Case(String zone, Kind kind, boolean pebbleValid, DnssecReason firstServer,
      DnssecReason secondServer, Optional<FindingCode> finding) {
    @Override
    public String toString() {
      return zone;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("valid.com", Kind.VALID, true, DnssecReason.VALIDATED, DnssecReason.VALIDATED,
            Optional.empty()),
        new Case("expired.com", Kind.EXPIRED_RRSIG, false, DnssecReason.SIGNATURE_EXPIRED,
            DnssecReason.SIGNATURE_EXPIRED, Optional.of(FindingCode.DNSSEC_SIGNATURE_EXPIRED)),
        new Case("ds-mismatch.com", Kind.DS_MISMATCH, false,
            DnssecReason.DS_WITHOUT_MATCHING_DNSKEY, DnssecReason.DS_WITHOUT_MATCHING_DNSKEY,
            Optional.of(FindingCode.DNSSEC_DS_KEY_MISMATCH)),
        new Case("ds-unsigned.com", Kind.DS_WITHOUT_SIGNED_ZONE, false,
            DnssecReason.DS_FOR_UNSIGNED_ZONE, DnssecReason.DS_FOR_UNSIGNED_ZONE,
            Optional.of(FindingCode.DNSSEC_DS_FOR_UNSIGNED_ZONE)),
        new Case("unsigned-answer.com", Kind.UNSIGNED_ANSWER, false,
            DnssecReason.SIGNATURE_MISSING, DnssecReason.SIGNATURE_MISSING,
            Optional.of(FindingCode.DNSSEC_UNSIGNED_ANSWER)),
        // unbound drops the stale server and asks the other: valid, as Let's Encrypt decides.
        new Case("stale.com", Kind.STALE_ONE_SERVER, true, DnssecReason.VALIDATED,
            DnssecReason.SIGNATURE_EXPIRED, Optional.of(FindingCode.DNSSEC_STALE_ON_SERVER)));
  }

  private static final List<AutoCloseable> running = new ArrayList<>();
  private static final Map<String, PebbleLab.PebbleResult> pebble = new LinkedHashMap<>();
  private static final Map<String, DnssecResult> onFirst = new LinkedHashMap<>();
  private static final Map<String, DnssecResult> onSecond = new LinkedHashMap<>();
  private static final Map<String, InspectionReport> inspector = new LinkedHashMap<>();
  private static String unboundLog = "";

  @BeforeAll
  static void validateEveryCase(@TempDir Path dir) throws Exception {
    LabEnvironment.require();
    BindTools.require("dnssec-keygen", "dnssec-signzone", "dnssec-dsfromkey");
    PebbleServer server = PebbleServer.start(dir.resolve("pebble"),
        new InetSocketAddress(RESOLVER, 53), LabEnvironment.HTTP_PORT);
    running.add(server);
    AcmeClient acme = server.newClient();
    acme.register();
    DnssecBindZones zones = new DnssecBindZones(dir.resolve("zones"));
    Map<String, AcmeClient.Challenge> challenges = new LinkedHashMap<>();
    Map<String, String> authorizations = new LinkedHashMap<>();
    for (Case c : cases()) {
      AcmeClient.Order order = acme.newOrder(c.zone());
      AcmeClient.Authorization authz = acme.authorization(order.authorizations().get(0));
      AcmeClient.Challenge challenge = authz.challenge("dns-01");
      String digest = AcmeChallenges.dns01TxtValue(acme.keyAuthorization(challenge.token()));
      zones.zone(c.zone(), c.kind(), "_acme-challenge 60 TXT \"" + digest + "\"");
      challenges.put(c.zone(), challenge);
      authorizations.put(c.zone(), authz.url());
    }
    running.add(BindLab.start(dir.resolve("bind"), zones.servers()));
    UnboundResolver unbound =
        UnboundResolver.startValidating(dir.resolve("unbound"), RESOLVER, ROOT, zones.rootDs());
    running.add(unbound);
    for (Case c : cases()) {
      Map<String, InetAddress> second = c.kind() == Kind.STALE_ONE_SERVER
          ? Map.of(c.zone(), NS2) : Map.of(c.zone(), NS1);
      String name = "_acme-challenge." + c.zone();
      onFirst.put(c.zone(), new BindChain(zones.rootDs(), Map.of(c.zone(), NS1))
          .validate(name, Type.TXT));
      onSecond.put(c.zone(), new BindChain(zones.rootDs(), second).validate(name, Type.TXT));
    }
    NetworkPolicy validating = LabInspector.policy().toBuilder()
        .trustAnchors(TrustAnchor.parse(zones.rootDs()))
        .build();
    try (DomainValidationInspector dvi = DomainValidationInspector.builder()
        .addModule(new DnsModule()).networkPolicy(validating).build()) {
      for (Case c : cases()) {
        String keyAuthorization =
            acme.keyAuthorization(Objects.requireNonNull(challenges.get(c.zone())).token());
        inspector.put(c.zone(), dvi.inspect(InspectionRequest.builder()
            .domain(c.zone())
            .profile(CaProfiles.LETS_ENCRYPT)
            .addChecks(AcmeDns01Check.of(keyAuthorization))
            .build()));
      }
    }
    for (AcmeClient.Challenge ch : challenges.values()) {
      acme.respond(ch);
    }
    long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    for (Map.Entry<String, String> e : authorizations.entrySet()) {
      AcmeClient.Authorization a = acme.awaitFinal(e.getValue(),
          Duration.ofNanos(Math.max(0, end - System.nanoTime())));
      AcmeClient.Challenge c = a.challenge("dns-01");
      pebble.put(e.getKey(), new PebbleLab.PebbleResult(a.status(), c.error()));
    }
    unboundLog = unbound.log();
    System.out.println(table());
  }

  @AfterAll
  static void stop() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // keep stopping the others
      }
    }
  }

  static String table() {
    StringBuilder b = new StringBuilder(
        "\nDNSSEC: Pebble behind a validating unbound, and the dns module's validator\n");
    b.append(String.format("%-22s %-24s %-8s %-10s %-28s %s%n", "zone", "setup", "Pebble",
        "inspector", "validator (ns1)", "validator (other server)"));
    for (Case c : cases()) {
      PebbleLab.PebbleResult p = pebble.get(c.zone());
      DnssecResult first = onFirst.get(c.zone());
      DnssecResult second = onSecond.get(c.zone());
      InspectionReport r = inspector.get(c.zone());
      b.append(String.format("%-22s %-24s %-8s %-10s %-28s %s%n", c.zone(), c.kind(),
          p == null ? "-" : p.status(), r == null ? "-" : r.verdict(),
          first == null ? "-" : first.reason(), second == null ? "-" : second.reason()));
    }
    return b.toString();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void pebbleBehindValidatingUnboundDecides(Case c) {
    PebbleLab.PebbleResult r = Objects.requireNonNull(pebble.get(c.zone()));
    assertThat(r.valid()).as("%s: Pebble said %s %s; unbound's log:%n%s", c.zone(), r.status(),
        r.error(), unboundLog).isEqualTo(c.pebbleValid());
    if (!c.pebbleValid()) {
      // Pebble reports unbound's SERVFAIL (rcode 2) for the bogus name.
      assertThat(r.error()).as(r.error()).contains("unsuccessful response").contains("x02");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theInspectorDecidesAsPebbleAndNamesTheLink(Case c) {
    InspectionReport r = Objects.requireNonNull(inspector.get(c.zone()));
    PebbleLab.PebbleResult p = Objects.requireNonNull(pebble.get(c.zone()));
    assertThat(r.verdict()).as("%s: Pebble %s; inspector: %s", c.zone(), p.status(),
        LabInspector.describe(r)).isEqualTo(p.valid() ? Verdict.READY : Verdict.NOT_READY);
    c.finding().ifPresent(code -> assertThat(r.hasFinding(code))
        .as("%s: %s expected; %s", c.zone(), code, LabInspector.describe(r)).isTrue());
    assertThat(r.hasFinding(FindingCode.DNSSEC_UNVALIDATED)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theValidatorNamesTheBrokenLink(Case c) {
    DnssecResult first = Objects.requireNonNull(onFirst.get(c.zone()));
    DnssecResult second = Objects.requireNonNull(onSecond.get(c.zone()));
    assertThat(first.reason()).as(first.toString()).isEqualTo(c.firstServer());
    assertThat(second.reason()).as(second.toString()).isEqualTo(c.secondServer());
    if (c.kind() != Kind.VALID && c.kind() != Kind.STALE_ONE_SERVER) {
      assertThat(first.zone().toString(true)).isEqualTo(c.zone());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void unboundAnswersServfailExactlyForTheBogusNames(Case c) throws Exception {
    Message m = Dig.query(RESOLVER, 53, "_acme-challenge." + c.zone(), Type.TXT, true);
    assertThat(m.getRcode()).as(Dig.rcode(m))
        .isEqualTo(c.pebbleValid() ? Rcode.NOERROR : Rcode.SERVFAIL);
  }
}
