package org.dvinspector.testkit.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * An immutable snapshot of one authoritative zone, and the lookup an authoritative server does
 * in it (RFC 1034 §4.3.2, with RFC 4592 wildcards and empty non-terminals).
 *
 * <p>Snapshots are replaced, never changed: a server that "freezes" a zone simply keeps the
 * snapshot it has while the lab publishes newer ones, like a secondary that stopped transferring.
 *
 * <p>A signed snapshot keeps each RRSIG with the RRset it covers, its NSEC records at their owner
 * names and its NSEC3 records apart (their hashed owner names are not names of the zone, RFC 5155
 * §7.2.8), and remembers the unsigned snapshot it was signed from.
 */
public final class ZoneData {
  private static final Name WILD = Name.fromConstantString("*");
  private static final base32 B32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);

  private final Name origin;
  private final SOARecord soa;
  /** Owner name to (type to RRset), in canonical order. */
  private final Map<Name, Map<Integer, RRset>> nodes;
  /** Every owner name and every ancestor of it down to the origin (empty non-terminals exist). */
  private final Set<Name> existing;
  private final List<Record> records;
  /** NSEC RRsets by owner, canonical order. */
  private final NavigableMap<Name, RRset> nsec;
  /** NSEC3 RRsets by owner hash (base32hex, lower case). */
  private final NavigableMap<String, RRset> nsec3;
  private final @Nullable NSEC3PARAMRecord nsec3param;
  private final @Nullable ZoneData unsignedSource;
  /** Answers for clients in particular networks ("lines"), most specific first; usually none. */
  private final List<Line> lines;

  /**
   * What clients in one network are served instead of the zone's own records: the zone with the
   * line's RRsets in place of the zone's RRsets of the same owner and type, like a DNS provider's
   * "line" or a GeoDNS server's view.
   *
   * @param network the network's address (bits beyond the prefix zero)
   * @param prefix the network's prefix length
   * @param owners the owner names the line has records for (only they are answered by line)
   * @param view the zone as clients in the network see it
   */
  public record Line(InetAddress network, int prefix, Set<Name> owners, ZoneData view) {
    /** Copies. */
    public Line {
      owners = Set.copyOf(owners);
    }
  }

  private ZoneData(Name origin, List<Record> records, @Nullable ZoneData unsignedSource) {
    this.origin = origin;
    this.unsignedSource = unsignedSource;
    this.lines = List.of();
    Map<Name, List<Record>> nsec3Records = new TreeMap<>();
    Map<Name, Map<Integer, List<Record>>> byName = new TreeMap<>();
    @Nullable SOARecord foundSoa = null;
    Set<Record> seen = new HashSet<>();
    List<Record> kept = new ArrayList<>();
    for (Record r : records) {
      if (r.getDClass() != DClass.IN) {
        throw new IllegalArgumentException("Only class IN is supported: " + r);
      }
      if (!r.getName().subdomain(origin)) {
        throw new IllegalArgumentException(
            "Record " + r + " is outside the zone " + origin);
      }
      if (!seen.add(r)) {
        continue; // same name, type and data: one record (RFC 2181 §5)
      }
      kept.add(r);
      if (r.getRRsetType() == Type.NSEC3) {
        // Hashed owner names are not part of the zone's name space (RFC 5155 §7.2.8).
        nsec3Records.computeIfAbsent(r.getName(), n -> new ArrayList<>()).add(r);
        continue;
      }
      if (r instanceof SOARecord s) {
        if (!r.getName().equals(origin)) {
          throw new IllegalArgumentException("SOA record not at the zone apex: " + r);
        }
        if (foundSoa != null) {
          throw new IllegalArgumentException("A zone has exactly one SOA record: " + origin);
        }
        foundSoa = s;
      }
      byName.computeIfAbsent(r.getName(), n -> new TreeMap<>())
          .computeIfAbsent(r.getRRsetType(), t -> new ArrayList<>())
          .add(r);
    }
    if (foundSoa == null) {
      throw new IllegalArgumentException("The zone " + origin + " has no SOA record");
    }
    this.soa = foundSoa;
    Map<Name, Map<Integer, RRset>> n = new LinkedHashMap<>();
    Set<Name> ex = new HashSet<>();
    ex.add(origin);
    for (Map.Entry<Name, Map<Integer, List<Record>>> e : byName.entrySet()) {
      Map<Integer, List<Record>> types = e.getValue();
      Set<Integer> beside = new HashSet<>(types.keySet());
      beside.remove(Type.NSEC); // DNSSEC's own records may sit beside a CNAME (RFC 4035 §2.5)
      if (types.containsKey(Type.CNAME) && beside.size() > 1) {
        // RFC 1034 §3.6.2 / RFC 2181 §10.1: a CNAME has no other data beside it.
        throw new IllegalArgumentException(
            "A CNAME cannot coexist with other records at " + e.getKey() + ": " + types.keySet());
      }
      if (types.containsKey(Type.CNAME) && types.get(Type.CNAME).stream()
          .filter(r -> !(r instanceof RRSIGRecord)).count() > 1) {
        throw new IllegalArgumentException("Only one CNAME record per name: " + e.getKey());
      }
      Map<Integer, RRset> sets = new LinkedHashMap<>();
      for (Map.Entry<Integer, List<Record>> t : types.entrySet()) {
        sets.put(t.getKey(), rrset(t.getValue()));
      }
      n.put(e.getKey(), Collections.unmodifiableMap(sets));
      for (Name a = e.getKey(); !a.equals(origin); a = new Name(a, 1)) {
        ex.add(a);
      }
    }
    this.nodes = Collections.unmodifiableMap(n);
    this.existing = Collections.unmodifiableSet(ex);
    this.records = List.copyOf(kept);
    NavigableMap<Name, RRset> ns = new TreeMap<>();
    for (Map.Entry<Name, Map<Integer, RRset>> e : n.entrySet()) {
      RRset set = e.getValue().get(Type.NSEC);
      if (set != null) {
        ns.put(e.getKey(), set);
      }
    }
    this.nsec = Collections.unmodifiableNavigableMap(ns);
    NavigableMap<String, RRset> n3 = new TreeMap<>();
    for (Map.Entry<Name, List<Record>> e : nsec3Records.entrySet()) {
      n3.put(e.getKey().getLabelString(0).toLowerCase(Locale.ROOT), rrset(e.getValue()));
    }
    this.nsec3 = Collections.unmodifiableNavigableMap(n3);
    RRset param = n.getOrDefault(origin, Map.of()).get(Type.NSEC3PARAM);
    this.nsec3param = param == null ? null : (NSEC3PARAMRecord) param.first();
  }

  /** This snapshot, answering clients in the lines' networks from the lines' views. */
  private ZoneData(ZoneData base, List<Line> lines) {
    this.origin = base.origin;
    this.soa = base.soa;
    this.nodes = base.nodes;
    this.existing = base.existing;
    this.records = base.records;
    this.nsec = base.nsec;
    this.nsec3 = base.nsec3;
    this.nsec3param = base.nsec3param;
    this.unsignedSource = base.unsignedSource;
    List<Line> sorted = new ArrayList<>(lines);
    // Most specific first: the longest matching network wins, as in routing and GeoDNS views.
    sorted.sort((a, b) -> Integer.compare(b.prefix(), a.prefix()));
    this.lines = List.copyOf(sorted);
  }

  /** This snapshot with {@code lines}: answers by client network (none: the plain snapshot). */
  public ZoneData withLines(List<Line> lines) {
    return lines.isEmpty() && this.lines.isEmpty() ? this : new ZoneData(this, lines);
  }

  /** The lines (answers by client network), most specific first; empty for most zones. */
  public List<Line> lines() {
    return lines;
  }

  /** RRsets share one TTL (RFC 2181 §5.2): the lowest of the records'. */
  private static RRset rrset(List<Record> rs) {
    long ttl = Long.MAX_VALUE;
    for (Record r : rs) {
      ttl = Math.min(ttl, r.getTTL());
    }
    RRset set = new RRset();
    for (Record r : rs) {
      set.addRR(r.getTTL() == ttl || r instanceof RRSIGRecord ? r : Records.withTtl(r, ttl));
    }
    return set;
  }

  /** A snapshot of the given records (one of them the SOA at {@code origin}). */
  public static ZoneData of(Name origin, Collection<? extends Record> records) {
    if (!origin.isAbsolute()) {
      throw new IllegalArgumentException("Zone origin must be absolute: " + origin);
    }
    return new ZoneData(origin, new ArrayList<>(records), null);
  }

  /** A signed snapshot of {@code source}: its records plus DNSKEY, RRSIG, NSEC or NSEC3 records. */
  public static ZoneData signed(ZoneData source, Collection<? extends Record> records) {
    return new ZoneData(source.origin, new ArrayList<>(records), source);
  }

  /** The unsigned snapshot this one was signed from; itself when it is not signed. */
  public ZoneData unsignedSource() {
    return unsignedSource != null ? unsignedSource : this;
  }

  /** Whether this snapshot was signed (it carries DNSSEC records to serve with the DO bit). */
  public boolean isSigned() {
    return unsignedSource != null;
  }

  /** The zone's name. */
  public Name origin() {
    return origin;
  }

  /** The SOA record. */
  public SOARecord soa() {
    return soa;
  }

  /** The SOA serial. */
  public long serial() {
    return soa.getSerial();
  }

  /** Every record, SOA included. */
  public List<Record> records() {
    return records;
  }

  /**
   * A new snapshot: {@code remove} taken out (matched on name, type and data; TTL ignored), then
   * {@code add} put in, and the SOA serial advanced by one (RFC 1982 arithmetic) so secondaries
   * and tests can tell the versions apart.
   */
  public ZoneData change(Collection<? extends Record> add, Collection<? extends Record> remove) {
    Set<Record> out = new LinkedHashSet<>(records);
    for (Record r : remove) {
      if (r instanceof SOARecord) {
        throw new IllegalArgumentException("The SOA record cannot be removed");
      }
      out.remove(r);
    }
    @Nullable SOARecord newSoa = null;
    for (Record r : add) {
      if (r instanceof SOARecord s) {
        newSoa = s;
      } else {
        out.remove(r); // a re-added record takes its new TTL
        out.add(r);
      }
    }
    out.remove(soa);
    SOARecord base = newSoa != null ? newSoa : soa;
    long serial = newSoa != null ? newSoa.getSerial() : (soa.getSerial() + 1) & 0xFFFFFFFFL;
    out.add(new SOARecord(origin, DClass.IN, base.getTTL(), base.getHost(), base.getAdmin(),
        serial, base.getRefresh(), base.getRetry(), base.getExpire(), base.getMinimum()));
    return new ZoneData(origin, new ArrayList<>(out), null);
  }

  /** The RRset at exactly {@code name} with {@code type}, ignoring delegations; null if none. */
  public @Nullable RRset exact(Name name, int type) {
    Map<Integer, RRset> node = nodes.get(name);
    return node == null ? null : node.get(type);
  }

  /** The TTL of negative answers from this zone: min(SOA TTL, SOA MINIMUM) (RFC 2308 §3, §5). */
  public long negativeTtl() {
    return Math.min(soa.getTTL(), soa.getMinimum());
  }

  /** The SOA as it goes into the authority section of a negative answer (RFC 2308 §3). */
  public SOARecord negativeSoa() {
    return (SOARecord) Records.withTtl(soa, negativeTtl());
  }

  /**
   * What an authoritative server for this zone says about {@code qname}/{@code qtype}
   * (RFC 1034 §4.3.2 steps 3a-3c, RFC 4592 §3.3.1 for wildcards).
   */
  public Lookup lookup(Name qname, int qtype) {
    if (!qname.subdomain(origin)) {
      throw new IllegalArgumentException(qname + " is not in zone " + origin);
    }
    int ol = origin.labels();
    int ql = qname.labels();
    // A zone cut above or at qname wins (except DS, which lives on the parent side, RFC 4035 §3.1.4.1).
    for (int l = ol + 1; l <= ql; l++) {
      Name n = new Name(qname, ql - l);
      RRset ns = exact(n, Type.NS);
      if (ns != null && !(l == ql && qtype == Type.DS)) {
        return new Lookup(Lookup.Kind.DELEGATION, List.of(ns), glue(ns), false);
      }
    }
    Map<Integer, RRset> node = nodes.get(qname);
    if (node != null) {
      return answerFrom(node, qname, qtype, false);
    }
    if (existing.contains(qname)) {
      return new Lookup(Lookup.Kind.NODATA, List.of(), List.of(), false); // empty non-terminal
    }
    Name closestEncloser = new Name(qname, 1);
    while (!existing.contains(closestEncloser)) {
      closestEncloser = new Name(closestEncloser, 1);
    }
    Name source;
    try {
      source = Name.concatenate(WILD, closestEncloser);
    } catch (NameTooLongException e) {
      return new Lookup(Lookup.Kind.NXDOMAIN, List.of(), List.of(), false);
    }
    Map<Integer, RRset> wild = nodes.get(source);
    if (wild != null) {
      return answerFrom(wild, qname, qtype, true);
    }
    return new Lookup(Lookup.Kind.NXDOMAIN, List.of(), List.of(), false);
  }

  private Lookup answerFrom(Map<Integer, RRset> node, Name qname, int qtype, boolean wildcard) {
    List<RRset> sets = new ArrayList<>();
    Lookup.Kind kind;
    if (qtype == Type.ANY) {
      sets.addAll(node.values());
      kind = Lookup.Kind.ANSWER;
    } else if (node.containsKey(qtype)) {
      sets.add(node.get(qtype));
      kind = Lookup.Kind.ANSWER;
    } else if (node.containsKey(Type.CNAME)) {
      sets.add(node.get(Type.CNAME));
      kind = Lookup.Kind.CNAME;
    } else {
      kind = Lookup.Kind.NODATA;
    }
    if (wildcard) {
      List<RRset> synthesized = new ArrayList<>();
      for (RRset s : sets) {
        RRset copy = new RRset();
        for (Record r : s.rrs(false)) {
          copy.addRR(r.withName(qname)); // RFC 4592 §3.3.1: the owner becomes QNAME
        }
        for (RRSIGRecord sig : s.sigs()) {
          // The RRSIG keeps the wildcard's label count (RFC 4035 §3.1.3.3).
          copy.addRR((RRSIGRecord) sig.withName(qname));
        }
        synthesized.add(copy);
      }
      sets = synthesized;
    }
    return new Lookup(kind, sets, List.of(), wildcard);
  }

  /** Address records for the NS targets this zone holds (in-bailiwick and sibling glue). */
  private List<RRset> glue(RRset ns) {
    List<RRset> out = new ArrayList<>();
    for (Record r : ns.rrs(false)) {
      Name target = ((NSRecord) r).getTarget();
      if (!target.subdomain(origin)) {
        continue;
      }
      for (int type : new int[] {Type.A, Type.AAAA}) {
        RRset set = exact(target, type);
        if (set != null) {
          out.add(set);
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ DNSSEC proofs

  /** Whether {@code name} exists in the zone (has data, or is an empty non-terminal). */
  public boolean exists(Name name) {
    return existing.contains(name);
  }

  /** The deepest existing ancestor of {@code name} (the closest encloser, RFC 4592 §3.3.1). */
  public Name closestEncloser(Name name) {
    Name ce = name;
    while (!existing.contains(ce) && ce.labels() > origin.labels()) {
      ce = new Name(ce, 1);
    }
    return ce;
  }

  /** The NSEC RRset owned by {@code name}, or null. */
  public @Nullable RRset nsecAt(Name name) {
    return nsec.get(name);
  }

  /** The NSEC RRset whose span covers {@code name} (the last owner before it), or null. */
  public @Nullable RRset nsecCovering(Name name) {
    Map.Entry<Name, RRset> e = nsec.lowerEntry(name);
    if (e == null) {
      e = nsec.lastEntry();
    }
    return e == null ? null : e.getValue();
  }

  /** Whether the zone has an NSEC3 chain (an NSEC3PARAM at the apex and NSEC3 records). */
  public boolean hasNsec3() {
    return nsec3param != null && !nsec3.isEmpty();
  }

  /** The NSEC3 RRset matching the hash of {@code name}, or null. */
  public @Nullable RRset nsec3Matching(Name name) {
    String h = nsec3Hash(name);
    return h == null ? null : nsec3.get(h);
  }

  /** The NSEC3 RRset whose span covers the hash of {@code name} (wrapping around), or null. */
  public @Nullable RRset nsec3Covering(Name name) {
    String h = nsec3Hash(name);
    if (h == null) {
      return null;
    }
    Entry<String, RRset> e = nsec3.lowerEntry(h);
    if (e == null) {
      e = nsec3.lastEntry();
    }
    return e == null ? null : e.getValue();
  }

  private @Nullable String nsec3Hash(Name name) {
    NSEC3PARAMRecord p = nsec3param;
    if (p == null) {
      return null;
    }
    try {
      return B32HEX.toString(p.hashName(name)).toLowerCase(Locale.ROOT);
    } catch (java.security.NoSuchAlgorithmException e) {
      return null;
    }
  }

  /** The target of a CNAME RRset. */
  public static Name cnameTarget(RRset cname) {
    return ((CNAMERecord) cname.first()).getTarget();
  }

  @Override
  public String toString() {
    return origin + " serial " + serial() + " (" + records.size() + " records)";
  }

  /** The outcome of a lookup. */
  public static final class Lookup {
    /** What the lookup found. */
    public enum Kind {
      /** RRsets of the asked type (or all of them for ANY). */
      ANSWER,
      /** A CNAME at the name (and no data of the asked type, which cannot coexist with it). */
      CNAME,
      /** The name exists but has no data of the asked type. */
      NODATA,
      /** The name does not exist (and no wildcard covers it). */
      NXDOMAIN,
      /** The name is at or below a zone cut: the NS RRset of the cut and glue. */
      DELEGATION
    }

    private final Kind kind;
    private final List<RRset> rrsets;
    private final List<RRset> glue;
    private final boolean wildcard;

    Lookup(Kind kind, List<RRset> rrsets, List<RRset> glue, boolean wildcard) {
      this.kind = kind;
      this.rrsets = List.copyOf(rrsets);
      this.glue = List.copyOf(glue);
      this.wildcard = wildcard;
    }

    /** What was found. */
    public Kind kind() {
      return kind;
    }

    /** The answer, CNAME or delegation NS RRsets. */
    public List<RRset> rrsets() {
      return rrsets;
    }

    /** Glue address RRsets of a delegation. */
    public List<RRset> glue() {
      return glue;
    }

    /** Whether the answer was synthesized from a wildcard. */
    public boolean wildcard() {
      return wildcard;
    }
  }
}
