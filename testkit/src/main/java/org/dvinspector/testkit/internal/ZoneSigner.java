package org.dvinspector.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.dvinspector.testkit.internal.DnssecKeys.SigningKey;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * Signs snapshots of one lab zone the way a signer does (RFC 4035 §2): a DNSKEY RRset (KSK and
 * ZSK) at the apex signed by the KSK, every authoritative RRset signed by the ZSK (not the NS
 * RRset of a delegation nor glue), and an NSEC chain (RFC 4034 §4) or an NSEC3 chain with
 * NSEC3PARAM (RFC 5155 §7.1), optionally opt-out. Its switches break the zone on purpose for
 * tests; every snapshot signed after a switch changes shows it.
 */
public final class ZoneSigner {
  private static final base32 B32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);

  /** Which signatures a snapshot gets. */
  public enum Validity {
    /** Valid around the lab's start: from an hour before to 30 days after. */
    CURRENT,
    /** Expired a day before the lab's start. */
    EXPIRED,
    /** Valid only from a day after the lab's start. */
    NOT_YET_VALID
  }

  /** How a single server may serve a stale copy. */
  public enum Stale {
    /** Signatures that expired (a secondary that stopped receiving re-signed copies). */
    EXPIRED_SIGNATURES,
    /** Signatures made with a zone-signing key that is no longer in the DNSKEY RRset. */
    OLD_KEY
  }

  private final Name origin;
  private final int algorithm;
  private final boolean nsec3;
  private final int iterations;
  private final byte[] salt;
  private final boolean optOut;
  private final Instant start;
  private final SigningKey ksk;
  private final SigningKey zsk;
  private volatile @Nullable SigningKey oldZsk;

  private volatile Validity validity = Validity.CURRENT;
  private volatile boolean dropKsk;
  private volatile boolean dropZsk;
  private volatile boolean omitDenial;
  private volatile boolean off;
  private volatile Set<String> unsigned = Set.of();
  private final Map<ZoneData, Map<Stale, ZoneData>> staleCache =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * A signer for {@code origin} with new keys of {@code algorithm}; NSEC3 with {@code iterations}
   * and {@code salt} when {@code nsec3}, opt-out spans when {@code optOut}.
   */
  public ZoneSigner(Name origin, int algorithm, boolean nsec3, int iterations, byte[] salt,
      boolean optOut, Instant start) {
    this.origin = origin;
    this.algorithm = algorithm;
    this.nsec3 = nsec3;
    this.iterations = iterations;
    this.salt = salt.clone();
    this.optOut = optOut;
    this.start = start;
    this.ksk = DnssecKeys.generate(origin, algorithm, DnssecKeys.KSK_FLAGS);
    this.zsk = DnssecKeys.generate(origin, algorithm, DnssecKeys.ZSK_FLAGS);
  }

  /** The zone. */
  public Name origin() {
    return origin;
  }

  /** The key-signing key (the parent's DS names it). */
  public SigningKey ksk() {
    return ksk;
  }

  /** The zone-signing key. */
  public SigningKey zsk() {
    return zsk;
  }

  /** The algorithm of both keys. */
  public int algorithm() {
    return algorithm;
  }

  /** Whether the zone is served signed (false after {@link #setOff(boolean)}). */
  public boolean isOn() {
    return !off;
  }

  // ------------------------------------------------------------------ switches

  /** Which signature validity the next snapshots get. */
  public void setValidity(Validity v) {
    this.validity = v;
  }

  /** Leaves the KSK and/or the ZSK out of the DNSKEY RRset (signatures are still made). */
  public void setDropped(boolean ksk, boolean zsk) {
    this.dropKsk = ksk;
    this.dropZsk = zsk;
  }

  /** Serves no NSEC or NSEC3 records (negative answers and referrals without proofs). */
  public void setOmitDenial(boolean omit) {
    this.omitDenial = omit;
  }

  /** Stops signing: the zone is served unsigned (its parent's DS stays). */
  public void setOff(boolean off) {
    this.off = off;
  }

  /** RRsets (owner name, type) served without RRSIG: "an answer unsigned in a signed zone". */
  public void setUnsigned(Set<String> nameSlashType) {
    this.unsigned = Set.copyOf(nameSlashType);
  }

  /** Back to a correctly signed zone. */
  public void reset() {
    validity = Validity.CURRENT;
    dropKsk = false;
    dropZsk = false;
    omitDenial = false;
    off = false;
    unsigned = Set.of();
  }

  /** The key used for {@link Stale#OLD_KEY}: made once, never published. */
  private SigningKey oldZsk() {
    SigningKey k = oldZsk;
    if (k == null) {
      synchronized (this) {
        k = oldZsk;
        if (k == null) {
          k = DnssecKeys.generate(origin, algorithm, DnssecKeys.ZSK_FLAGS);
          oldZsk = k;
        }
      }
    }
    return k;
  }

  // ------------------------------------------------------------------ signing

  /** {@code source} signed with the current switches. */
  public ZoneData sign(ZoneData source) {
    if (off) {
      return source;
    }
    return sign(source, validity, zsk);
  }

  /** A stale signed copy of {@code source}, as one server may serve it (cached per snapshot). */
  public ZoneData stale(ZoneData source, Stale stale) {
    if (off) {
      return source;
    }
    Map<Stale, ZoneData> bySource = staleCache.computeIfAbsent(source,
        s -> Collections.synchronizedMap(new LinkedHashMap<>()));
    return bySource.computeIfAbsent(stale, s -> s == Stale.EXPIRED_SIGNATURES
        ? sign(source, Validity.EXPIRED, zsk) : sign(source, validity, oldZsk()));
  }

  private ZoneData sign(ZoneData source, Validity v, SigningKey dataKey) {
    Instant inception;
    Instant expiration;
    switch (v) {
      case EXPIRED -> {
        inception = start.minus(Duration.ofDays(30));
        expiration = start.minus(Duration.ofDays(1));
      }
      case NOT_YET_VALID -> {
        inception = start.plus(Duration.ofDays(1));
        expiration = start.plus(Duration.ofDays(31));
      }
      default -> {
        inception = start.minus(Duration.ofHours(1));
        expiration = start.plus(Duration.ofDays(30));
      }
    }
    long negTtl = source.negativeTtl();
    // The zone's own records, without DNSSEC records a zone file may have brought.
    List<Record> content = new ArrayList<>();
    for (Record r : source.records()) {
      int t = r.getType();
      if (t != Type.RRSIG && t != Type.NSEC && t != Type.NSEC3 && t != Type.NSEC3PARAM
          && !(t == Type.DNSKEY && r.getName().equals(origin))) {
        content.add(r);
      }
    }
    List<DNSKEYRecord> published = new ArrayList<>();
    if (!dropKsk) {
      published.add(ksk.dnskey());
    }
    if (!dropZsk) {
      published.add(zsk.dnskey());
    }
    content.addAll(published);
    if (nsec3 && !omitDenial) {
      content.add(new NSEC3PARAMRecord(origin, DClass.IN, 0, 1, 0, iterations, salt));
    }
    // RRsets by owner and type, in canonical order of owners.
    TreeMap<Name, Map<Integer, List<Record>>> byName = new TreeMap<>();
    for (Record r : content) {
      byName.computeIfAbsent(r.getName(), n -> new TreeMap<>())
          .computeIfAbsent(r.getType(), t -> new ArrayList<>()).add(r);
    }
    Set<Name> cuts = new HashSet<>();
    for (Map.Entry<Name, Map<Integer, List<Record>>> e : byName.entrySet()) {
      if (!e.getKey().equals(origin) && e.getValue().containsKey(Type.NS)) {
        cuts.add(e.getKey());
      }
    }
    List<Record> out = new ArrayList<>(content);
    // Names of the chain: authoritative names (a cut is one, for its DS and NSEC).
    TreeMap<Name, TreeSet<Integer>> chain = new TreeMap<>();
    for (Map.Entry<Name, Map<Integer, List<Record>>> e : byName.entrySet()) {
      Name name = e.getKey();
      if (belowCut(name, cuts)) {
        continue; // glue: not authoritative (RFC 4035 §2.2)
      }
      boolean cut = cuts.contains(name);
      TreeSet<Integer> types = new TreeSet<>(e.getValue().keySet());
      chain.put(name, types);
      for (Map.Entry<Integer, List<Record>> t : e.getValue().entrySet()) {
        int type = t.getKey();
        if (cut && type != Type.DS) {
          continue; // the delegation's NS RRset is not signed (RFC 4035 §2.2)
        }
        if (unsigned.contains(key(name, type))) {
          continue;
        }
        RRset set = new RRset();
        t.getValue().forEach(set::addRR);
        if (type == Type.DNSKEY && name.equals(origin)) {
          out.add(sign(set, ksk, inception, expiration));
        } else {
          out.add(sign(set, dataKey, inception, expiration));
        }
      }
    }
    if (!omitDenial) {
      List<Record> denial = nsec3 ? nsec3Chain(chain, cuts, negTtl) : nsecChain(chain, cuts, negTtl);
      for (Record d : denial) {
        out.add(d);
        if (!unsigned.contains(key(d.getName(), d.getType()))) {
          RRset set = new RRset(d);
          out.add(sign(set, dataKey, inception, expiration));
        }
      }
    }
    return ZoneData.signed(source, out);
  }

  /** NSEC chain over the authoritative names (RFC 4034 §4.1). */
  private List<Record> nsecChain(TreeMap<Name, TreeSet<Integer>> chain, Set<Name> cuts,
      long ttl) {
    List<Name> owners = new ArrayList<>(chain.keySet());
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < owners.size(); i++) {
      Name owner = owners.get(i);
      Name next = i + 1 < owners.size() ? owners.get(i + 1) : origin;
      TreeSet<Integer> types = new TreeSet<>(chain.get(owner));
      types.add(Type.NSEC);
      types.add(Type.RRSIG);
      out.add(new NSECRecord(owner, DClass.IN, ttl, next, toArray(types)));
    }
    return out;
  }

  /**
   * NSEC3 chain (RFC 5155 §7.1): every authoritative name and empty non-terminal, hashed; with
   * opt-out, delegations without DS are left out and every record has the opt-out flag.
   */
  private List<Record> nsec3Chain(TreeMap<Name, TreeSet<Integer>> chain, Set<Name> cuts,
      long ttl) {
    TreeMap<Name, TreeSet<Integer>> names = new TreeMap<>();
    for (Map.Entry<Name, TreeSet<Integer>> e : chain.entrySet()) {
      Name name = e.getKey();
      boolean unsignedCut = cuts.contains(name) && !e.getValue().contains(Type.DS);
      if (optOut && unsignedCut) {
        continue;
      }
      TreeSet<Integer> types = new TreeSet<>(e.getValue());
      if (!unsignedCut) {
        types.add(Type.RRSIG);
      }
      names.put(name, types);
      // Empty non-terminals between the name and the apex get records too.
      for (Name a = name; a.labels() > origin.labels() + 1; ) {
        a = new Name(a, 1);
        names.putIfAbsent(a, new TreeSet<>());
      }
    }
    TreeMap<String, Map.Entry<Name, byte[]>> byHash = new TreeMap<>();
    for (Name n : names.keySet()) {
      byte[] h = hash(n);
      byHash.put(B32HEX.toString(h).toLowerCase(java.util.Locale.ROOT), Map.entry(n, h));
    }
    List<Map.Entry<String, Map.Entry<Name, byte[]>>> sorted = new ArrayList<>(byHash.entrySet());
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Name name = sorted.get(i).getValue().getKey();
      byte[] next = sorted.get((i + 1) % sorted.size()).getValue().getValue();
      Name owner;
      try {
        owner = new Name(sorted.get(i).getKey(), origin);
      } catch (org.xbill.DNS.TextParseException e) {
        throw new IllegalStateException(e);
      }
      out.add(new NSEC3Record(owner, DClass.IN, ttl, NSEC3Record.SHA1_DIGEST_ID,
          optOut ? 1 : 0, iterations, salt, next, toArray(names.getOrDefault(name, new TreeSet<>()))));
    }
    return out;
  }

  private byte[] hash(Name name) {
    try {
      return new NSEC3PARAMRecord(origin, DClass.IN, 0, 1, 0, iterations, salt).hashName(name);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean belowCut(Name name, Set<Name> cuts) {
    for (Name c : cuts) {
      if (name.subdomain(c) && !name.equals(c)) {
        return true;
      }
    }
    return false;
  }

  private static RRSIGRecord sign(RRset set, SigningKey key, Instant inception,
      Instant expiration) {
    try {
      return DNSSEC.sign(set, key.dnskey(), key.privateKey(), inception, expiration);
    } catch (DNSSEC.DNSSECException e) {
      throw new IllegalStateException("Cannot sign " + set.getName() + "/"
          + Type.string(set.getType()), e);
    }
  }

  private static int[] toArray(Set<Integer> types) {
    return types.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The key of an RRset for {@link #setUnsigned}: {@code name/TYPE}, name absolute. */
  public static String key(Name name, int type) {
    return name.toString().toLowerCase(java.util.Locale.ROOT) + "/" + Type.string(type);
  }
}
