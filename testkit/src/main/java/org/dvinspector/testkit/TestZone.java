package org.dvinspector.testkit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Optional;
import org.dvinspector.testkit.internal.ClientSubnets;
import org.dvinspector.testkit.internal.Records;
import org.dvinspector.testkit.internal.ZoneData;
import org.dvinspector.testkit.internal.ZoneSigner;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * An authoritative zone that {@link TestDnsServer}s serve and a test changes at run time, like a
 * DNS provider's control panel: every change makes a new version with the SOA serial advanced
 * by one and is published at once to every server serving the zone, except servers that
 * {@linkplain TestDnsServer#freeze(String) froze} it (a secondary that stopped transferring).
 *
 * <p>Record text is master-file syntax (RFC 1035 §5.1) relative to the zone: {@code "www 300 IN
 * A 127.0.0.50"}, {@code "_dnsauth TXT \"token\""} (TTL defaults to 300), {@code "@ MX 10 mail"};
 * a name with a trailing dot is absolute. Thread-safe.
 *
 * <p>A zone can answer by client network, like a GeoDNS provider's "lines": see {@link
 * #addForClientSubnet(String, String...)}.
 *
 * <p>A zone of a signed {@link DnsLab} is served signed: its records here are the content, and
 * the servers get each version with DNSKEY, RRSIG and NSEC or NSEC3 records added (see {@link
 * SignedZone} for the keys and the switches that break it).
 */
public final class TestZone {
  private final Name origin;
  private final ZoneData initial;
  private volatile ZoneData data;
  private volatile ZoneData published;
  private volatile @Nullable ZoneSigner signer;
  private final List<Consumer<ZoneData>> subscribers = new CopyOnWriteArrayList<>();
  /** Records served to clients in one network instead of the zone's own ("lines"), by network. */
  private final Map<String, LineSpec> lines = new LinkedHashMap<>();

  /** One line as given: its network and the records its clients get. */
  private record LineSpec(InetAddress network, int prefix, List<Record> records) {}

  private TestZone(ZoneData data) {
    this.origin = data.origin();
    this.initial = data;
    this.data = data;
    this.published = data;
  }

  /** A zone from full master-file text (it must contain the SOA record); names relative to {@code origin}. */
  public static TestZone fromZoneFile(String origin, String zoneFileText) {
    Name o = Records.absolute(origin);
    return new TestZone(ZoneData.of(o, Records.parse(zoneFileText, o, Records.DEFAULT_TTL)));
  }

  /** A zone from records (one of them the SOA at the apex). */
  public static TestZone of(String origin, Collection<? extends Record> records) {
    return new TestZone(ZoneData.of(Records.absolute(origin), records));
  }

  /** The zone's name, absolute. */
  public Name name() {
    return origin;
  }

  /** The current SOA serial. */
  public long serial() {
    return data.serial();
  }

  /** The current SOA record. */
  public SOARecord soa() {
    return data.soa();
  }

  /** Every record of the current version, SOA included. */
  public List<Record> records() {
    return data.records();
  }

  /** The current records at {@code name} (relative to the zone unless it ends with a dot) of {@code type}. */
  public List<Record> records(String name, int type) {
    RRset set = data.exact(Records.relative(name, origin), type);
    return set == null ? List.of() : set.rrs(false);
  }

  /** Adds records (master-file lines relative to the zone); one new version. */
  public TestZone add(String... records) {
    change(Records.parseLines(origin, records), List.of());
    return this;
  }

  /** Removes records (matched on name, type and data; the TTL is ignored); one new version. */
  public TestZone remove(String... records) {
    change(List.of(), Records.parseLines(origin, records));
    return this;
  }

  /** Removes every record of {@code type} at {@code name}; one new version. */
  public TestZone removeAll(String name, int type) {
    return replace(name, type);
  }

  /** Replaces the records of {@code type} at {@code name} with {@code records}; one new version. */
  public TestZone replace(String name, int type, String... records) {
    Name n = Records.relative(name, origin);
    List<Record> add = Records.parseLines(origin, records);
    for (Record r : add) {
      if (!r.getName().equals(n) || r.getRRsetType() != type) {
        throw new IllegalArgumentException(
            "replace(" + n + ", " + Type.string(type) + ") got another record: " + r);
      }
    }
    RRset old = data.exact(n, type);
    change(add, old == null ? List.of() : old.rrs(false));
    return this;
  }

  /** Replaces the records of {@code type} (mnemonic, e.g. {@code "TXT"}) at {@code name}. */
  public TestZone replace(String name, String type, String... records) {
    return replace(name, Records.type(type), records);
  }

  /**
   * Applies one change: {@code remove} taken out, {@code add} put in, serial advanced (or set by
   * an SOA record in {@code add}); published to every serving server that did not freeze it.
   */
  public synchronized void change(Collection<? extends Record> add, Collection<? extends Record> remove) {
    ZoneData next = data.change(add, remove);
    data = next;
    publish();
  }

  /**
   * Answers clients in {@code network} (e.g. {@code "203.0.113.0/24"}; the query's EDNS Client
   * Subnet when it has one, RFC 7871, else the address the query comes from) with {@code records}
   * instead of the zone's own records of the same names and types, like a DNS provider's "line"
   * or a GeoDNS view; records added for the same network again join the line. The most specific
   * line holding the client answers. Servers echo the client subnet option for this zone with the
   * scope the answer depends on (RFC 7871 §7.2.1): the line's prefix, or for other clients the
   * bits that tell them apart from the lines at the asked name (0 for names without lines).
   * Zones without lines send no option: their servers do not do ECS. One new version.
   *
   * <p>For example, a record only in a China line (clients elsewhere get NXDOMAIN), with the lab
   * machine's own loopback network in that line too:
   * <pre>{@code
   * zone.addForClientSubnet("1.0.1.0/24", "_dnsauth TXT \"token\"");
   * zone.addForClientSubnet("127.0.0.0/8", "_dnsauth TXT \"token\"");
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code network} is not {@code address/prefix} with the
   *     bits beyond the prefix zero, or a record is outside the zone or breaks it (a CNAME beside
   *     other data)
   */
  public TestZone addForClientSubnet(String network, String... records) {
    int[] prefix = new int[1];
    InetAddress address = ClientSubnets.network(network, prefix);
    List<Record> parsed = Records.parseLines(origin, records);
    String key = address.getHostAddress() + "/" + prefix[0];
    synchronized (this) {
      LineSpec old = lines.get(key);
      List<Record> all = new ArrayList<>(old == null ? List.of() : old.records());
      all.addAll(parsed);
      LineSpec spec = new LineSpec(address, prefix[0], List.copyOf(all));
      view(data, spec); // fails here, before anything changes, if the line breaks the zone
      lines.put(key, spec);
      data = data.change(List.of(), List.of());
      publish();
    }
    return this;
  }

  /** Stops answering clients in {@code network} by line; one new version. */
  public synchronized TestZone removeClientSubnet(String network) {
    int[] prefix = new int[1];
    InetAddress address = ClientSubnets.network(network, prefix);
    if (lines.remove(address.getHostAddress() + "/" + prefix[0]) != null) {
      data = data.change(List.of(), List.of());
      publish();
    }
    return this;
  }

  /** The networks that have lines, e.g. {@code 203.0.113.0/24}. */
  public synchronized List<String> clientSubnets() {
    return List.copyOf(lines.keySet());
  }

  /** The zone as clients of {@code line} see it: its records in place of the same sets. */
  private static ZoneData view(ZoneData base, LineSpec line) {
    Set<String> replaced = new HashSet<>();
    for (Record r : line.records()) {
      replaced.add(r.getName() + "/" + r.getRRsetType());
    }
    List<Record> out = new ArrayList<>();
    for (Record r : base.records()) {
      if (!replaced.contains(r.getName() + "/" + r.getRRsetType())) {
        out.add(r);
      }
    }
    out.addAll(line.records());
    return ZoneData.of(base.origin(), out);
  }

  /** Signs the current version (when the zone is signed) and hands it to every server. */
  private void publish() {
    ZoneSigner s = signer;
    List<ZoneData.Line> served = new ArrayList<>();
    for (LineSpec l : lines.values()) {
      ZoneData v = view(data, l);
      Set<Name> owners = new HashSet<>();
      l.records().forEach(r -> owners.add(r.getName()));
      served.add(new ZoneData.Line(l.network(), l.prefix(), owners, s == null ? v : s.sign(v)));
    }
    ZoneData out = (s == null ? data : s.sign(data)).withLines(served);
    published = out;
    for (Consumer<ZoneData> sub : subscribers) {
      sub.accept(out);
    }
  }

  /** Signs the zone with {@code signer} from now on (set by the lab before servers start). */
  synchronized void sign(ZoneSigner signer) {
    this.signer = signer;
    publish();
  }

  /** Publishes the current version again after a signing switch changed (same serial). */
  synchronized void republish() {
    publish();
  }

  /** The signer, when the zone is signed. */
  Optional<ZoneSigner> signer() {
    return Optional.ofNullable(signer);
  }

  /** Whether the zone is signed (its servers answer with RRSIGs when asked with the DO bit). */
  public boolean isSigned() {
    ZoneSigner s = signer;
    return s != null && s.isOn();
  }

  /**
   * A stale signed copy of {@code served} (a version this zone published), as one server may
   * serve it; {@code served} itself when the zone is not signed.
   */
  ZoneData stale(ZoneData served, ZoneSigner.Stale stale) {
    ZoneSigner s = signer;
    return s == null ? served : s.stale(served.unsignedSource(), stale);
  }

  /**
   * Puts back the records the zone started with (as a new version: the serial still goes up, as
   * secondaries and caches expect).
   */
  public synchronized TestZone reset() {
    lines.clear();
    List<Record> add = new ArrayList<>();
    for (Record r : initial.records()) {
      if (!(r instanceof SOARecord)) {
        add.add(r);
      }
    }
    List<Record> remove = new ArrayList<>();
    for (Record r : data.records()) {
      if (!(r instanceof SOARecord)) {
        remove.add(r);
      }
    }
    change(add, remove);
    return this;
  }

  /** The records the zone started with. */
  List<Record> initialRecords() {
    return initial.records();
  }

  /** The current snapshot as served (signed when the zone is). */
  ZoneData data() {
    return published;
  }

  /** Registers a server to receive new versions; returns the current one atomically. */
  synchronized ZoneData subscribe(Consumer<ZoneData> subscriber) {
    subscribers.add(subscriber);
    return published;
  }

  /** Stops publishing to {@code subscriber}. */
  void unsubscribe(Consumer<ZoneData> subscriber) {
    subscribers.remove(subscriber);
  }

  /** The current version as master-file text (the content, without DNSSEC records). */
  public String toZoneFile() {
    return zoneFile(data);
  }

  /**
   * The current version as served, as master-file text: with DNSKEY, RRSIG and NSEC or NSEC3
   * records when the zone is signed (for checking the signing with other tools).
   */
  public String toSignedZoneFile() {
    return zoneFile(published);
  }

  private static String zoneFile(ZoneData z) {
    List<String> lines = new ArrayList<>();
    for (Record r : z.records()) {
      lines.add(r.toString());
    }
    return String.join("\n", lines) + "\n";
  }

  @Override
  public String toString() {
    return "TestZone " + data;
  }
}
