package org.dvinspector.dns.internal.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dvinspector.DomainName;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ZoneCut;

/** What a check saw: the alias chain, hop by hop, and how each server address fared. */
final class Hops {
  private Hops() {}

  /** How one server address fared for one hop. */
  enum State {
    /** It has the record (or the alias to the next hop). */
    OK,
    /** It answered, without the record. */
    MISSING,
    /** No answer in time. */
    TIMEOUT,
    /** Not fully asked: the inspection deadline came first. */
    DEADLINE,
    /** SERVFAIL, REFUSED, another error, unreachable. */
    FAILED,
    /** Not authoritative for the zone (referral, no AA bit). */
    LAME,
    /** Not asked: a non-public address. */
    NOT_PERMITTED,
    /** Not asked or not heard for the inspector's own reasons (no route, backlog, resources). */
    UNCHECKED,
    /**
     * It answered, but DNSSEC validation found the answer bogus: a CA's validating resolver
     * discards it (the DNSSEC finding says why).
     */
    BOGUS
  }

  /** One server address's answer and how it fared. */
  record Seen(ServerAnswer answer, State state) {}

  /** One name of the alias chain and what its zone's servers said about it. */
  record Hop(DomainName name, ZoneCut zone, List<ServerAnswer> answers,
      Optional<DomainName> alias) {}

  /** How the chain ended. */
  enum End {
    COMPLETE,
    LOOP,
    TOO_LONG
  }

  /** The alias chain from the validation name. */
  record Chain(List<Hop> hops, End end) {}

  static List<Seen> filter(List<Seen> seen, State state) {
    List<Seen> out = new ArrayList<>();
    for (Seen s : seen) {
      if (s.state() == state) {
        out.add(s);
      }
    }
    return out;
  }

  static String list(List<Seen> seen) {
    List<String> out = new ArrayList<>();
    for (Seen s : seen) {
      out.add(s.answer().perspective().label());
    }
    return String.join(", ", out);
  }

  static Set<String> serverNames(List<Seen> seen) {
    Set<String> out = new LinkedHashSet<>();
    seen.forEach(s -> out.add(s.answer().serverName()));
    return out;
  }
}
