package org.dvinspector.dns.internal.resolve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dvinspector.DomainName;
import org.dvinspector.dns.NameServer;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.dns.internal.Names;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * Where a walk from the root ended: the zone that holds the name and its answers, or where and
 * why the walk stopped.
 *
 * @param zone the delegation of the zone that holds the name, or the last one reached
 * @param answers every nameserver address's answer (one answer when one server sufficed)
 * @param failure why the zone was not found; {@link ZoneCut.Failure#NONE} when it was
 * @param problem what went wrong, in words
 * @param info the zone's own NS set and addresses, when they were learned
 * @param evidence the answers of the step that failed
 */
public record Walked(Name qname, int qtype, Delegation zone, List<Asked> answers,
    ZoneCut.Failure failure, Optional<String> problem, ZoneServers.@Nullable Info info,
    List<Asked> evidence) {
  /** Copies. */
  public Walked {
    answers = List.copyOf(answers);
    evidence = List.copyOf(evidence);
  }

  /** Whether the zone was found. */
  public boolean found() {
    return failure == ZoneCut.Failure.NONE;
  }

  /** The zone as the API shows it: its apex and both nameserver sets with their addresses. */
  public ZoneCut zoneCut() {
    ZoneCut.Builder b = ZoneCut.builder().failure(failure);
    Name apex = zone.zone();
    Optional<DomainName> name = Names.toDomain(apex);
    if (name.isPresent()) {
      b.zone(name.get());
    } else {
      // The root: name the top-level domain the search was for.
      b.zone(Names.toDomain(new Name(qname, Math.max(0, qname.labels() - 2)))
          .orElseGet(() -> DomainName.parse("invalid")));
    }
    List<NameServer> delegated = nameServers(zone.servers());
    ZoneServers.Info i = info;
    if (zone.parentVisible()) {
      b.parentNameservers(delegated);
      if (i != null) {
        b.childNameservers(i.child());
      }
    } else if (i != null && !i.child().isEmpty()) {
      b.childNameservers(i.child());
    } else {
      // The parent's servers also serve the zone and answered from it: theirs is all we know.
      b.childNameservers(delegated);
    }
    Optional<String> why = problem.isPresent() ? problem : i == null ? Optional.empty() : i.problem();
    why.ifPresent(b::problem);
    return b.build();
  }

  private static List<NameServer> nameServers(List<Server> servers) {
    List<NameServer> out = new ArrayList<>();
    Set<DomainName> seen = new HashSet<>();
    for (Server s : servers) {
      Optional<DomainName> n = Names.toDomain(s.name);
      if (n.isEmpty() || !seen.add(n.get())) {
        continue;
      }
      HostResult h = s.addresses.getNow(null);
      NameServer.Builder b = NameServer.builder().name(n.get());
      if (h == null) {
        b.addressProblem("its address lookup had not finished");
      } else {
        b.addresses(new ArrayList<>(new LinkedHashSet<>(h.addresses())));
        if (h.addresses().isEmpty()) {
          b.addressProblem(h.problem().orElse("no address found"));
        }
      }
      out.add(b.build());
    }
    return out;
  }
}
