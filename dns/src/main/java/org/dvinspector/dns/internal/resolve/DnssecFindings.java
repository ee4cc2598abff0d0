package org.dvinspector.dns.internal.resolve;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.internal.dnssec.DnssecReason;
import org.dvinspector.dns.internal.dnssec.DnssecResult;
import org.dvinspector.spi.InspectionContext;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The words of DNSSEC validation: what a validating resolver (every CA's, BR 4.2.2.1 and 3.2.2.4
 * since ballot SC-085) concludes about a lookup, which link of the chain broke (zone, key tags,
 * server, signature dates), and who fixes it (the registrar for the DS, the DNS host for keys and
 * signatures). One rule: a bogus answer is discarded and another server asked, so the lookup
 * fails only when every server's answer is bogus; a server whose answers alone are bogus is a
 * warning naming it.
 */
final class DnssecFindings {
  private final Resolution r;
  private final InspectionContext context;

  DnssecFindings(Resolution r) {
    this.r = r;
    this.context = r.context;
    if (!r.validating && r.firstReport("dnssec-unvalidated")) {
      unvalidated();
    }
  }

  /** Once per inspection when nothing is validated, never silently. */
  private void unvalidated() {
    boolean anchors = r.policy.validatesDnssec();
    context.report(Finding.builder(FindingCode.DNSSEC_UNVALIDATED)
        .message(anchors
            ? "DNSSEC was not validated: the profile says " + context.profile().displayName()
                + " does not validate it"
            : "DNSSEC was not validated: the network policy has no trust anchors (a lab with an"
                + " unsigned root, or validation turned off); CAs validate DNSSEC")
        .remedy(anchors ? "Nothing to do, unless the CA does validate: then use its profile."
            : "Give the policy the lab's trust anchor (DnsLab.trustAnchors(), --trust-anchor) to"
                + " see what a validating CA sees.")
        .evidence(Perspective.inspector(), anchors ? "profile " + context.profile().id()
            + " does not validate DNSSEC" : "no trust anchors")
        .build());
  }

  /** Reports what validation found about the answers of one lookup. */
  void lookup(Walked w) {
    if (!w.found()) {
      return;
    }
    List<Asked> bogus = new ArrayList<>();
    List<Asked> good = new ArrayList<>();
    for (Asked a : w.answers()) {
      ServerAnswer s = a.answer();
      if (!s.authoritative() || !s.isConclusive()) {
        continue;
      }
      if (s.isBogus()) {
        bogus.add(a);
      } else {
        good.add(a);
      }
      DnssecResult v = a.dnssec();
      if (v != null && v.isInsecure()) {
        insecure(v);
      }
    }
    if (bogus.isEmpty()) {
      return;
    }
    if (good.isEmpty()) {
      broken(w, bogus);
    } else {
      stale(w, bogus, good);
    }
  }

  private void insecure(DnssecResult v) {
    if (v.reason() == DnssecReason.NO_TRUST_ANCHOR
        || !r.firstReport("dnssec-insecure " + v.zone())) {
      return;
    }
    String zone = show(v.zone());
    context.report(Finding.builder(FindingCode.DNSSEC_INSECURE_DELEGATION)
        .message("The zone " + zone + " is not protected by DNSSEC (" + Text.escape(v.detail())
            + "): CAs validate nothing below it, and nothing fails either")
        .remedy("Nothing to fix for the CA. To protect the domain, enable DNSSEC signing at the DNS"
            + " host and publish the DS record it gives at the registrar.")
        .attribute("zone", zone)
        .attribute("reason", v.reason().name())
        .evidence(Perspective.inspector(), Text.escape(v.detail()))
        .build());
  }

  /** Every server's answer is bogus: a CA's validating lookup fails (SERVFAIL at the CA). */
  private void broken(Walked w, List<Asked> bogus) {
    DnssecResult first = result(bogus.get(0));
    FindingCode code = first.reason().findingCode().orElse(FindingCode.DNSSEC_BOGUS);
    String query = Type.string(w.qtype()) + " " + show(w.qname());
    if (!r.firstReport("dnssec-broken " + code + " " + first.zone() + " " + query)) {
      return;
    }
    Finding.Builder b = Finding.builder(code)
        .message("DNSSEC validation of " + query + " fails at every authoritative server: "
            + Text.escape(describe(first)) + "; every CA validates DNSSEC, so its lookup fails"
            + " (\"DNSSEC: " + reasonWords(first.reason()) + "\")")
        .remedy(remedy(first))
        .attribute("zone", show(first.zone()))
        .attribute("reason", first.reason().name())
        .attribute("name", show(w.qname()))
        .attribute("type", Type.string(w.qtype()));
    attributes(b, first);
    for (Asked a : bogus) {
      b.evidence(a.answer().perspective(), chain(result(a)));
    }
    context.report(b.build());
  }

  /** Some servers' answers are bogus while others validate: resolvers ask another server. */
  private void stale(Walked w, List<Asked> bogus, List<Asked> good) {
    Set<String> servers = new LinkedHashSet<>();
    bogus.forEach(a -> servers.add(a.answer().perspective().label()));
    DnssecResult first = result(bogus.get(0));
    if (!r.firstReport("dnssec-stale " + first.zone() + " " + servers)) {
      return;
    }
    Finding.Builder b = Finding.builder(FindingCode.DNSSEC_STALE_ON_SERVER)
        .message(String.join(", ", servers) + " " + (servers.size() == 1 ? "serves" : "serve")
            + " answers for " + Type.string(w.qtype()) + " " + show(w.qname())
            + " that fail DNSSEC validation (" + Text.escape(describe(first)) + ") while "
            + good.size() + " other server address" + (good.size() == 1 ? "" : "es")
            + " validate: a CA's validating resolver discards the bad answer and asks another"
            + " server, so validation still works, but more slowly and only while a good server"
            + " answers")
        .remedy("Bring " + String.join(", ", servers) + " up to date with the zone's current"
            + " signatures and keys: check its zone transfers (NOTIFY, IXFR/AXFR) and, if it"
            + " signs the zone itself, its signer and clock.")
        .attribute("zone", show(first.zone()))
        .attribute("servers", String.join(", ", servers))
        .attribute("reason", first.reason().name());
    attributes(b, first);
    for (Asked a : bogus) {
      b.evidence(a.answer().perspective(), chain(result(a)));
    }
    b.evidence(good.get(0).answer().perspective(), "validates: "
        + Text.escape(result(good.get(0)).detail()));
    context.report(b.build());
  }

  private static DnssecResult result(Asked a) {
    DnssecResult v = a.dnssec();
    if (v == null) {
      throw new IllegalStateException("a bogus answer without its validation result");
    }
    return v;
  }

  private static void attributes(Finding.Builder b, DnssecResult v) {
    if (!v.keyTags().isEmpty()) {
      b.attribute("keyTags", v.keyTags().stream().map(String::valueOf)
          .collect(Collectors.joining(",")));
    }
    v.signatureInception().ifPresent(i -> b.attribute("signatureInception", i.toString()));
    v.signatureExpiration().ifPresent(e -> b.attribute("signatureExpiration", e.toString()));
    v.checkedAt().ifPresent(t -> b.attribute("checkedAt", t.toString()));
  }

  /** The broken link in one line: zone, name and type, key tags, dates, server. */
  static String describe(DnssecResult v) {
    StringBuilder b = new StringBuilder(reasonWords(v.reason())).append(" in zone ")
        .append(show(v.zone()));
    v.name().ifPresent(n -> {
      b.append(" for ").append(show(n));
      v.type().ifPresent(t -> b.append(' ').append(Type.string(t)));
    });
    if (!v.keyTags().isEmpty()) {
      b.append(", key tag").append(v.keyTags().size() == 1 ? " " : "s ")
          .append(v.keyTags().stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
    Optional<Instant> exp = v.signatureExpiration();
    Optional<Instant> inc = v.signatureInception();
    if (v.reason() == DnssecReason.SIGNATURE_EXPIRED && exp.isPresent()) {
      b.append(", expired ").append(exp.get());
    } else if (v.reason() == DnssecReason.SIGNATURE_NOT_YET_VALID && inc.isPresent()) {
      b.append(", valid only from ").append(inc.get());
    }
    v.checkedAt().ifPresent(t -> {
      if (v.reason() == DnssecReason.SIGNATURE_EXPIRED
          || v.reason() == DnssecReason.SIGNATURE_NOT_YET_VALID) {
        b.append(" (checked ").append(t).append(')');
      }
    });
    return b.toString();
  }

  /** The evidence line: the chain link and the server. */
  private static String chain(DnssecResult v) {
    return Text.escape(describe(v) + " - " + v.detail());
  }

  private static String reasonWords(DnssecReason reason) {
    return switch (reason) {
      case DS_WITHOUT_MATCHING_DNSKEY -> "the DS at the parent matches no DNSKEY";
      case DNSKEY_MISSING -> "DNSKEY missing";
      case DS_FOR_UNSIGNED_ZONE -> "a DS at the parent, but the zone is not signed";
      case SIGNING_KEY_MISSING -> "the signing key is not in the zone's DNSKEY set";
      case SIGNATURE_EXPIRED -> "signature expired";
      case SIGNATURE_NOT_YET_VALID -> "signature not yet valid";
      case SIGNATURE_INVALID -> "signature does not verify";
      case SIGNATURE_MISSING -> "answer unsigned in a signed zone";
      case DENIAL_MISSING -> "proof of non-existence missing";
      case DENIAL_INVALID -> "proof of non-existence wrong";
      case MALFORMED -> "malformed DNSSEC records";
      default -> reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  private static String remedy(DnssecResult v) {
    String zone = show(v.zone());
    return switch (v.reason()) {
      case DS_FOR_UNSIGNED_ZONE -> "The registrar still publishes a DS record for " + zone
          + ", but the zone is no longer signed (DNSSEC was turned off at the DNS host): remove"
          + " the DS record at the registrar, or turn DNSSEC signing back on at the DNS host.";
      case DS_WITHOUT_MATCHING_DNSKEY -> "The DS record at the registrar names a key " + zone
          + " does not publish: replace it with the DS of the zone's current key signing key"
          + " (your DNS host shows it), then wait for the parent's DS TTL.";
      case DNSKEY_MISSING, SIGNING_KEY_MISSING -> "The zone " + zone + " is signed (the parent"
          + " has its DS) but its servers do not serve the keys: republish the DNSKEY records at"
          + " the DNS host, or remove the DS at the registrar if DNSSEC is meant to be off.";
      case SIGNATURE_EXPIRED -> "The signatures of " + zone + " have expired: the DNS host's"
          + " signer stopped re-signing the zone. Re-sign it (and fix automatic re-signing).";
      case SIGNATURE_NOT_YET_VALID -> "The signatures of " + zone + " start in the future: the"
          + " signer's clock is wrong. Fix the clock and re-sign the zone.";
      case SIGNATURE_INVALID -> "A signature of " + zone + " does not match its data: the zone"
          + " was changed after signing or by-passed the signer. Re-sign the zone at the DNS"
          + " host.";
      case SIGNATURE_MISSING -> "The zone " + zone + " is signed but this answer has no"
          + " signature: every record of a signed zone must be signed; check the DNS host's"
          + " signer (records added outside it).";
      case DENIAL_MISSING, DENIAL_INVALID -> "The zone " + zone + " is signed but proves"
          + " non-existence badly (NSEC/NSEC3 missing or wrong): re-sign the zone at the DNS"
          + " host.";
      default -> "Fix the DNSSEC chain of " + zone + " at the DNS host (keys, signatures) and"
          + " the registrar (DS).";
    };
  }

  private static String show(Name n) {
    return Records.show(n);
  }
}
