package org.dvinspector.dns.internal.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Perspective;
import org.dvinspector.PerspectiveNetwork;
import org.dvinspector.Severity;
import org.dvinspector.spi.Text;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.internal.resolve.Replies;
import org.dvinspector.dns.internal.resolve.Resolution;
import org.dvinspector.dns.internal.validation.Hops.Hop;
import org.dvinspector.dns.internal.validation.RegionalAnswers.Look;
import org.dvinspector.dns.internal.validation.RegionalAnswers.Regional;
import org.dvinspector.dns.internal.validation.RegionalAnswers.ServerView;

/**
 * The words of {@link RegionalAnswers}: a record withheld from some of the CA's regions
 * ({@link FindingCode#DNS_ANSWER_DEPENDS_ON_CLIENT_REGION}), and the note that the servers ignore
 * the client's region ({@link FindingCode#DNS_CLIENT_SUBNET_IGNORED}, once per inspection).
 * Reported through the check's {@link DnsFindings}, so an ERROR fails the check.
 */
final class RegionalFindings {
  private final Resolution r;
  private final DnsFindings findings;
  private final Expectation expectation;

  RegionalFindings(Resolution r, DnsFindings findings, Expectation expectation) {
    this.r = r;
    this.findings = findings;
    this.expectation = expectation;
  }

  /** Some regions the CA validates from are answered without the value. */
  void withheld(Hop h, Optional<DomainName> next, List<ServerView> views,
      Set<PerspectiveNetwork> denied, Set<PerspectiveNetwork> compared) {
    DomainName zone = h.zone().zone();
    Set<PerspectiveNetwork> seeing = new LinkedHashSet<>(compared);
    seeing.removeAll(denied);
    boolean ownSees = views.stream().anyMatch(v -> v.plainLook() == Look.SEES);
    Set<String> servers = new LinkedHashSet<>();
    boolean other = false;
    Set<String> negative = new LinkedHashSet<>();
    List<DnsRecord> otherRecords = new ArrayList<>();
    for (ServerView v : views) {
      for (int i = 0; i < v.regional().size(); i++) {
        Look l = v.looks().get(i);
        if (l == Look.LACKS || l == Look.OTHER) {
          servers.add(Text.escape(v.server()) + " [" + v.address().getHostAddress() + "]");
          ServerAnswer a = v.regional().get(i).answer();
          if (l == Look.OTHER) {
            other = true;
            if (otherRecords.isEmpty()) {
              otherRecords.addAll(next.isPresent() ? a.answer()
                  : expectation.at(a.answer(), h.name()));
            }
          } else {
            negative.add(a.outcome() == Outcome.NXDOMAIN ? "NXDOMAIN" : "NODATA");
          }
        }
      }
    }
    String how = other
        ? "with another value" + (next.isPresent() || otherRecords.isEmpty() ? ""
            : " (" + expectation.showAll(otherRecords) + ")")
        : "without it (" + String.join(", ", negative) + ")";
    String seenBy = ownSees
        ? "the inspector's own network" + (seeing.isEmpty() ? "" : " and " + regions(seeing))
        : regions(seeing);
    String message = thing(h, next) + " is withheld from clients in " + denied.size() + " of "
        + compared.size() + " regions the CA validates from: " + String.join(", ", servers)
        + (servers.size() == 1 ? " answers " : " answer ") + regions(denied) + " " + how
        + (seenBy.isEmpty() ? "" : ", while " + seenBy
            + (seeing.size() + (ownSees ? 1 : 0) == 1 ? " gets it" : " get it"))
        + " (asked with the EDNS Client Subnet option, RFC 7871)";
    Finding.Builder b = findings.finding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .message(message)
        .remedy(remedy(zone, next))
        .attribute("name", h.name().ascii())
        .attribute("zone", zone.ascii())
        .attribute("expected", next.map(DomainName::ascii).orElse(expectation.expectedRaw()))
        .attribute("regionsWithout", names(denied))
        .attribute("networksWithout", networks(denied))
        .attribute("registriesWithout", registries(denied))
        .attribute("regionsWith", names(seeing))
        .attribute("servers", String.join(", ", servers));
    evidence(b, views, true);
    findings.report(b.build());
  }

  /**
   * Every region asked sees the value, but the inspector's own network is answered without it:
   * the plain check's verdict speaks for this machine's region, not the CA's.
   */
  void ownNetworkOnly(Hop h, Optional<DomainName> next, List<ServerView> views,
      Set<PerspectiveNetwork> compared) {
    Set<String> servers = new LinkedHashSet<>();
    views.forEach(v -> servers.add(Text.escape(v.server()) + " ["
        + v.address().getHostAddress() + "]"));
    Finding.Builder b = findings.finding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .severity(Severity.WARNING)
        .message(thing(h, next) + " is served to every region the CA validates from that was"
            + " asked (" + regions(compared) + "), but " + String.join(", ", servers)
            + (servers.size() == 1 ? " answers" : " answer") + " the inspector's own network"
            + " without it: the other findings about this record describe this machine's region,"
            + " not the CA's")
        .remedy("Nothing needs to change for the CA if it validates from the regions of the"
            + " profile's perspective networks. To see the record from here too, add it to the"
            + " line (region) of the DNS provider of " + h.zone().zone() + " that answers this"
            + " network, or to its default line.")
        .attribute("name", h.name().ascii())
        .attribute("zone", h.zone().zone().ascii())
        .attribute("regionsWith", names(compared))
        .attribute("servers", String.join(", ", servers));
    evidence(b, views, false);
    findings.report(b.build());
  }

  /**
   * The servers answer every region alike and ignore the option, or could not be asked with it:
   * noted once per inspection, never flagged.
   */
  void ignored(Hop h, List<ServerView> ignoring, List<ServerView> unanswered,
      List<PerspectiveNetwork> asked, List<PerspectiveNetwork> late) {
    if (!r.firstReport("dns-client-subnet-ignored")) {
      return;
    }
    DomainName zone = h.zone().zone();
    List<String> parts = new ArrayList<>();
    if (!ignoring.isEmpty()) {
      parts.add("The nameservers " + names(ignoring) + " of " + zone + " answer every client"
          + " region alike: asked as if from the CA's " + asked.size() + " perspective networks ("
          + networks(asked) + ") with the EDNS Client Subnet option (RFC 7871), they did not use"
          + " it (no option in the answer, or scope 0) and answered as they answer this machine."
          + " A firewall, anycast routing, or a provider that chooses by the resolver's own"
          + " address cannot be seen this way");
    }
    if (!unanswered.isEmpty()) {
      parts.add(names(unanswered) + " gave no usable answer when asked with the option, so"
          + " whether their answer depends on the client's region was not seen");
    }
    if (!late.isEmpty()) {
      parts.add("the nameservers of " + zone + " gave no answer in time to the questions asked"
          + " as if from " + networks(late) + " (EDNS Client Subnet, RFC 7871): those regions"
          + " were not compared (some servers drop questions with the option)");
    }
    Finding.Builder b = findings.finding(FindingCode.DNS_CLIENT_SUBNET_IGNORED)
        .message(capitalize(String.join("; ", parts)))
        .attribute("zone", zone.ascii())
        .attribute("networks", networks(asked));
    if (!ignoring.isEmpty()) {
      b.attribute("servers", names(ignoring));
    }
    if (!unanswered.isEmpty()) {
      b.attribute("serversNotAnswering", names(unanswered));
    }
    if (!late.isEmpty()) {
      b.attribute("networksNotAnswered", networks(late));
    }
    List<ServerView> all = new ArrayList<>(ignoring);
    all.addAll(unanswered);
    for (ServerView v : all) {
      Regional first = v.regional().get(0);
      b.evidence(v.plain().answer().perspective(), echoText(first) + " from "
          + v.regional().size() + " networks; as from " + first.network().label() + ": "
          + Replies.describe(first.answer()));
    }
    findings.report(b.build());
  }

  private static String names(List<ServerView> views) {
    Set<String> out = new LinkedHashSet<>();
    views.forEach(v -> out.add(Text.escape(v.server())));
    return String.join(", ", out);
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private void evidence(Finding.Builder b, List<ServerView> views, boolean regional) {
    for (ServerView v : views) {
      b.evidence(v.plain().answer().perspective(), "the inspector's own network (no client"
          + " subnet): " + Replies.describe(v.plain().answer()));
      if (!regional) {
        continue;
      }
      for (int i = 0; i < v.regional().size(); i++) {
        Regional x = v.regional().get(i);
        Look l = v.looks().get(i);
        PerspectiveNetwork n = x.network();
        Perspective p = Perspective.builder().from(x.answer().perspective())
            .region(n.region() + ", " + n.rir().displayName()).build();
        String state = switch (l) {
          case SEES -> "has it";
          case LACKS -> "lacks it";
          case OTHER -> "another value";
          case NOT_COMPARED -> "not compared";
        };
        b.evidence(p, state + ": as from " + n.label() + " (" + n.rir().displayName()
            + "; client subnet " + RegionalAnswers.subnet(n) + ", " + echoText(x) + "): "
            + Replies.describe(x.answer()));
      }
    }
  }

  private static String echoText(Regional x) {
    return switch (x.echo()) {
      case NONE -> "no client subnet echoed";
      case SCOPE_ZERO -> "scope /0";
      case SCOPED -> "scope /" + x.scope();
      case MISMATCHED -> "echoed another subnet (RFC 7871 §7.3: dropped)";
    };
  }

  private String thing(Hop h, Optional<DomainName> next) {
    return next.isPresent() ? "The CNAME " + h.name() + " -> " + next.get()
        : "The expected " + findings.what(h.name()) + " record";
  }

  private String remedy(DomainName zone, Optional<DomainName> next) {
    String what = next.isPresent() ? "the CNAME " : "the " + expectation.typeName() + " record ";
    return "The DNS provider of " + zone + " answers by the client's region (GeoDNS, \"lines\","
        + " geolocation routing): put " + what + "in every line (region) that answers the"
        + " CA's regions, or in the default line that answers every client no other line"
        + " matches, not only in a line for one country or network (such as a China or"
        + " \"domestic\" line). The CA validates from several regions (BR 3.2.2.9 multi-perspective"
        + " corroboration) and needs the value in each of them. Then check again.";
  }

  private static String regions(Set<PerspectiveNetwork> ns) {
    List<String> out = new ArrayList<>();
    for (PerspectiveNetwork n : ns) {
      out.add(n.label() + " (" + n.rir().displayName() + ")");
    }
    return String.join(", ", out);
  }

  private static String names(Set<PerspectiveNetwork> ns) {
    List<String> out = new ArrayList<>();
    ns.forEach(n -> out.add(n.region()));
    return String.join("; ", out);
  }

  private static String networks(java.util.Collection<PerspectiveNetwork> ns) {
    List<String> out = new ArrayList<>();
    ns.forEach(n -> out.add(n.network()));
    return String.join(", ", out);
  }

  private static String registries(Set<PerspectiveNetwork> ns) {
    Set<String> out = new LinkedHashSet<>();
    ns.forEach(n -> out.add(n.rir().displayName()));
    return String.join(", ", out);
  }
}
