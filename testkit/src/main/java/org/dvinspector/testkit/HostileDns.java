package org.dvinspector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;
import org.dvinspector.AddressScope;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.testkit.internal.Authority;
import org.dvinspector.testkit.internal.ZoneData;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Hostile DNS servers on loopback: raw UDP and TCP servers whose every answer a test decides byte
 * for byte, for the misbehaviour no well-behaved server lets a test produce (replies with a wrong
 * ID or question before the right one, floods on the client's port, truncated answers whose TCP
 * retry resets, hangs or lies about its length, compression loops and pointers past the end,
 * counts larger than the records, any RCODE, FORMERR to EDNS, answers of 64 KiB), and <em>traps</em>:
 * servers standing in for addresses the inspector must never query (private, link-local,
 * unspecified), which count every query and connection.
 *
 * <p>A {@link Responder} sees each query as received ({@link Request}: the bytes, the parsed
 * message when it parses, the transport) and returns a {@link Reply}: what to send, in order,
 * with delays, closes and resets. The factories here cover the usual faults and compose: {@code
 * wrongIdsFirst(20, authoritative(zone))} sends twenty spoofed replies, then the zone's right
 * answer.
 *
 * <p>Each server is reached through this lab's {@linkplain #endpointMapping() sealed endpoint
 * mapping}: "address A, port 53" goes to the server routed there, anything else to a closed
 * loopback port, so nothing leaves the machine. Inside a {@link DnsLab}, a hostile server stands
 * in for one of a zone's nameservers (or its parent's): route the nameserver's address here and
 * build the inspector's policy with {@link #networkPolicy(DnsLab)}, which sends routed addresses
 * here, other loopback addresses to the lab, and everything else to the closed port.
 *
 * <pre>{@code
 * try (DnsLab lab = DnsLab.builder()
 *         .zone("example.com", z -> z
 *             .nameserver("ns1.example.com", "127.0.0.11")
 *             .nameserver("ns2.example.com", "127.0.0.12")
 *             .records("_acme-challenge TXT \"digest\""))
 *         .start();
 *     HostileDns hostile = HostileDns.start()) {
 *   // ns2 sends 20 replies with a wrong ID before each right answer:
 *   hostile.serve("127.0.0.12",
 *       HostileDns.wrongIdsFirst(20, HostileDns.authoritative(lab.zone("example.com"))));
 *   hostile.trap("10.0.0.53");             // a glue address the inspector must not query
 *   NetworkPolicy policy = hostile.networkPolicy(lab).build();
 *   // ... inspect, then:
 *   assertThat(hostile.trappedQueries()).isZero();
 * }
 * }</pre>
 */
public final class HostileDns implements AutoCloseable {
  /**
   * Characters a hostile server puts in anything that could reach a terminal (see {@link
   * HostileHttp#POISON}): ANSI and OSC escapes, BEL, NUL, C1 controls, bidi overrides and a
   * zero-width space.
   */
  public static final String POISON = HostileHttp.POISON;

  private static final int HEADER = 12;

  /** What a hostile server does with one query. */
  @FunctionalInterface
  public interface Responder {
    /**
     * The reply to {@code request}; a responder that throws sends nothing (and the server counts
     * it in {@link HostileDnsServer#responderErrors()}).
     */
    Reply respond(Request request) throws IOException;
  }

  private final InetAddress bind;
  private final Map<InetSocketAddress, InetSocketAddress> routes = new ConcurrentHashMap<>();
  private final List<HostileDnsServer> servers = new ArrayList<>();
  private final List<HostileDnsServer> traps = new ArrayList<>();
  private final InetSocketAddress refused;
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  private HostileDns(InetAddress bind) {
    this.bind = bind;
    this.refused = new InetSocketAddress(bind, closedPort(bind));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hostile-dns-timer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts an empty lab whose servers listen on 127.0.0.1 (ephemeral ports). */
  public static HostileDns start() {
    return new HostileDns(DnsLab.literal("127.0.0.1"));
  }

  // ------------------------------------------------------------------ servers and traps

  /**
   * Starts a server answering with {@code responder} and routes port 53 of {@code address} (any
   * address, e.g. a nameserver's lab address or a public stand-in) to it.
   */
  public HostileDnsServer serve(String address, Responder responder) {
    return serve(address, responder, "hostile DNS server for " + address);
  }

  /** Like {@link #serve(String, Responder)}, with a description for messages. */
  public synchronized HostileDnsServer serve(String address, Responder responder,
      String description) {
    HostileDnsServer s = start(new InetSocketAddress(bind, 0), responder, description);
    servers.add(s);
    route(address, 53, s.socketAddress());
    return s;
  }

  /**
   * Starts a server on exactly {@code bindAddress} (a loopback address and port, e.g. a {@link
   * DnsLab}'s port on an address the lab does not use), without a route: for a client whose own
   * mapping already sends port 53 there.
   */
  public synchronized HostileDnsServer listen(InetSocketAddress bindAddress, Responder responder,
      String description) {
    HostileDnsServer s = start(bindAddress, responder, description);
    servers.add(s);
    return s;
  }

  /**
   * A trap for "{@code address}, port 53": an address the inspector must not query (a private,
   * link-local or unspecified address given as glue, say). It answers with {@code responder}
   * (give it the right answer, so a breach would even look like success) and counts every query
   * and connection; see {@link #trappedQueries()}.
   */
  public synchronized HostileDnsServer trap(String address, Responder responder) {
    HostileDnsServer s = start(new InetSocketAddress(bind, 0), responder, "trap for " + address);
    traps.add(s);
    route(address, 53, s.socketAddress());
    return s;
  }

  /** A trap answering REFUSED; see {@link #trap(String, Responder)}. */
  public HostileDnsServer trap(String address) {
    return trap(address, refused());
  }

  /** Queries and TCP connections received by every trap so far: 0 unless a forbidden address was queried. */
  public synchronized int trappedQueries() {
    int n = 0;
    for (HostileDnsServer t : traps) {
      n += t.udpQueries() + t.tcpConnections();
    }
    return n;
  }

  /** The traps, in the order they were set. */
  public synchronized List<HostileDnsServer> traps() {
    return List.copyOf(traps);
  }

  /** The servers (traps not included), in the order they were started. */
  public synchronized List<HostileDnsServer> servers() {
    return List.copyOf(servers);
  }

  /** Responder errors of every server and trap: a test's own mistake, to be reported as such. */
  public synchronized int responderErrors() {
    int n = 0;
    for (HostileDnsServer s : servers) {
      n += s.responderErrors();
    }
    for (HostileDnsServer s : traps) {
      n += s.responderErrors();
    }
    return n;
  }

  /** Sends "{@code address}, {@code port}" to {@code to}. */
  public HostileDns route(String address, int port, InetSocketAddress to) {
    routes.put(new InetSocketAddress(DnsLab.literal(address), port), to);
    return this;
  }

  // ------------------------------------------------------------------ mappings and policies

  /**
   * The sealed mapping: routed endpoints go to their servers, everything else to a closed
   * loopback port (UDP: port unreachable, TCP: refused), so nothing the test did not plan leaves
   * the machine.
   */
  public EndpointMapping endpointMapping() {
    return target -> {
      InetSocketAddress to = routes.get(target);
      return to != null ? to : refused;
    };
  }

  /**
   * The sealed mapping with {@code lab} behind it: routed endpoints go to their servers, port 53
   * of other loopback addresses to the lab (its port), and everything else (other addresses,
   * other ports) to the closed port.
   */
  public EndpointMapping endpointMapping(DnsLab lab) {
    EndpointMapping labMapping = lab.endpointMapping();
    return target -> {
      InetSocketAddress to = routes.get(target);
      if (to != null) {
        return to;
      }
      InetAddress a = target.getAddress();
      return a != null && a.isLoopbackAddress() && target.getPort() == 53
          ? labMapping.map(target) : refused;
    };
  }

  /**
   * A policy builder for hostile tests in {@code lab}: the lab's root, resolver and trust anchors,
   * the {@linkplain #endpointMapping(DnsLab) sealed mapping}, and non-public addresses refused as
   * a CA refuses them except loopback (where the lab's servers are): a private, link-local or
   * unspecified address learned from a hostile server is never queried. Query timeout 800 ms, two
   * attempts, an 8 s deadline. Adjust and {@code build()}.
   */
  public NetworkPolicy.Builder networkPolicy(DnsLab lab) {
    NetworkPolicy.Builder b = lab.networkPolicy();
    b.endpointMapping(endpointMapping(lab))
        .allowNonPublicAddresses(false)
        .addAllowedAddressScopes(AddressScope.LOOPBACK)
        .queryTimeout(Duration.ofMillis(800))
        .queryAttempts(2)
        .deadline(Duration.ofSeconds(8));
    return b;
  }

  /** Stops every server and trap. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    servers.forEach(HostileDnsServer::close);
    traps.forEach(HostileDnsServer::close);
    timer.shutdownNow();
  }

  private HostileDnsServer start(InetSocketAddress at, Responder responder, String description) {
    if (closed) {
      throw new IllegalStateException("The lab is closed");
    }
    return new HostileDnsServer(at, Objects.requireNonNull(responder, "responder"), description,
        timer);
  }

  /** A port on {@code address} where nothing listens (UDP and TCP). */
  private static int closedPort(InetAddress address) {
    try (ServerSocket s = new ServerSocket(0, 1, address)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on " + address.getHostAddress(), e);
    }
  }

  // =================================================================================================
  // Requests and replies

  /** One query as the server received it. */
  public static final class Request {
    private final byte[] wire;
    private final boolean tcp;
    private final InetSocketAddress client;
    private final @Nullable Message message;

    Request(byte[] wire, boolean tcp, InetSocketAddress client) {
      this.wire = wire;
      this.tcp = tcp;
      this.client = client;
      Message m;
      try {
        m = new Message(wire);
      } catch (IOException | RuntimeException e) {
        m = null;
      }
      this.message = m;
    }

    /** A request as if received (for testing responders without sockets). */
    public static Request of(byte[] wire, boolean tcp) {
      return new Request(wire.clone(), tcp, new InetSocketAddress(DnsLab.literal("127.0.0.1"), 1));
    }

    /** The bytes received (a copy). */
    public byte[] wire() {
      return wire.clone();
    }

    /** The query, when its bytes parse as a DNS message. */
    public Optional<Message> message() {
      return Optional.ofNullable(message);
    }

    /**
     * The query.
     *
     * @throws IOException when its bytes do not parse (the responder then sends nothing)
     */
    public Message query() throws IOException {
      if (message == null) {
        throw new IOException("the query does not parse (" + wire.length + " bytes)");
      }
      return message;
    }

    /** The message ID from the first two bytes, or -1 when there are fewer. */
    public int id() {
      return wire.length < 2 ? -1 : ((wire[0] & 0xff) << 8) | (wire[1] & 0xff);
    }

    /** Whether it came over TCP. */
    public boolean isTcp() {
      return tcp;
    }

    /** {@code udp} or {@code tcp}. */
    public String transport() {
      return tcp ? "tcp" : "udp";
    }

    /** Where it came from. */
    public InetSocketAddress client() {
      return client;
    }

    /** Whether the query carries an EDNS OPT record (RFC 6891). */
    public boolean hasEdns() {
      return message != null && message.getOPT() != null;
    }

    /** The question's name, when the query parses and has one. */
    public Optional<Name> name() {
      Record q = message == null ? null : message.getQuestion();
      return q == null ? Optional.empty() : Optional.of(q.getName());
    }

    /** The question's type, or -1. */
    public int type() {
      Record q = message == null ? null : message.getQuestion();
      return q == null ? -1 : q.getType();
    }

    /**
     * Whether the question is {@code name} (case-insensitive, trailing dot optional) and {@code
     * type} (any type when negative).
     */
    public boolean asks(String name, int type) {
      Optional<Name> n = name();
      return n.isPresent() && n.get().equals(absolute(name)) && (type < 0 || type == type());
    }

    @Override
    public String toString() {
      return transport() + " " + (message == null ? wire.length + " unreadable bytes"
          : name().map(Name::toString).orElse("(no question)") + " " + type());
    }
  }

  /**
   * What a server sends for one query: steps carried out in order. Over UDP, {@link #send} and
   * {@link #raw} are one datagram each; over TCP, {@link #send} writes a message with its true
   * two-byte length and {@link #raw} writes bytes as they are (a lying length prefix, say). A
   * TCP connection stays open for the next query after the last step unless a step ends it.
   */
  public static final class Reply {
    /** The kinds of steps. */
    enum Kind { SEND, RAW, FROM_OTHER_PORT, DELAY, CLOSE, RESET, HANG }

    /** One step. */
    record Step(Kind kind, byte[] bytes, Duration delay) {}

    private static final byte[] NONE = new byte[0];
    private final List<Step> steps;

    private Reply(List<Step> steps) {
      this.steps = List.copyOf(steps);
    }

    private static Reply of(Kind kind, byte[] bytes, Duration delay) {
      return new Reply(List.of(new Step(kind, bytes.clone(), delay)));
    }

    /** Nothing: no answer (a TCP connection stays open for the next query). */
    public static Reply none() {
      return new Reply(List.of());
    }

    /** One DNS message (a datagram, or over TCP framed with its real length). */
    public static Reply send(byte[] wire) {
      return of(Kind.SEND, wire, Duration.ZERO);
    }

    /** {@code message} in wire form, whatever its size (no truncation). */
    public static Reply send(Message message) {
      return send(message.toWire());
    }

    /** Bytes as they are: a datagram over UDP, unframed bytes over TCP. */
    public static Reply raw(byte[] bytes) {
      return of(Kind.RAW, bytes, Duration.ZERO);
    }

    /**
     * A datagram sent to the client's port from another port of the server's address: what an
     * off-path sender can do (UDP only; nothing over TCP).
     */
    public static Reply fromOtherPort(byte[] datagram) {
      return of(Kind.FROM_OTHER_PORT, datagram, Duration.ZERO);
    }

    /** Waits {@code delay} before the next step (over UDP without holding a thread). */
    public static Reply delay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + delay);
      }
      return of(Kind.DELAY, NONE, delay);
    }

    /** Closes the TCP connection (a FIN); nothing more over UDP. */
    public static Reply close() {
      return of(Kind.CLOSE, NONE, Duration.ZERO);
    }

    /** Resets the TCP connection (an RST: SO_LINGER 0); nothing more over UDP. */
    public static Reply reset() {
      return of(Kind.RESET, NONE, Duration.ZERO);
    }

    /**
     * Holds the TCP connection open without ever answering again, until the client closes it;
     * nothing more over UDP.
     */
    public static Reply hang() {
      return of(Kind.HANG, NONE, Duration.ZERO);
    }

    /** This reply, then {@code next}. */
    public Reply then(Reply next) {
      List<Step> all = new ArrayList<>(steps);
      all.addAll(next.steps);
      return new Reply(all);
    }

    /** The bytes of the first message this reply sends, if any. */
    public Optional<byte[]> firstMessage() {
      for (Step s : steps) {
        if (s.kind() == Kind.SEND || s.kind() == Kind.RAW) {
          return Optional.of(s.bytes().clone());
        }
      }
      return Optional.empty();
    }

    /** Whether it sends nothing and does nothing. */
    public boolean isEmpty() {
      return steps.isEmpty();
    }

    List<Step> steps() {
      return steps;
    }

    @Override
    public String toString() {
      List<String> out = new ArrayList<>();
      for (Step s : steps) {
        out.add(s.kind().name().toLowerCase(Locale.ROOT) + (s.kind() == Kind.DELAY
            ? " " + s.delay().toMillis() + " ms" : s.bytes().length > 0
            ? " " + s.bytes().length + " bytes" : ""));
      }
      return "Reply" + out;
    }
  }

  // =================================================================================================
  // Responders: right answers

  /**
   * The answers an authoritative server for {@code zones} gives (a {@link TestDnsServer}'s):
   * a fresh message per query, for a responder to change before sending. Zones are read at each
   * query, so changes to them show at once.
   */
  public static Function<Message, Message> zoneAnswers(TestZone... zones) {
    List<TestZone> list = List.of(zones);
    return query -> {
      Map<Name, ZoneData> data = new LinkedHashMap<>();
      for (TestZone z : list) {
        data.put(z.name(), z.data());
      }
      return Authority.answer(query, data);
    };
  }

  /**
   * Answers each readable query with {@code answers}' message, sized as a server sizes it: EDNS
   * echoed when the query has it, and over UDP cut to the client's size with the TC bit (RFC
   * 1035 §4.2.1, RFC 6891 §7). Unreadable queries get nothing.
   */
  public static Responder answering(Function<Message, Message> answers) {
    return r -> {
      Optional<Message> q = r.message();
      if (q.isEmpty()) {
        return Reply.none();
      }
      Message answer = answers.apply(q.get());
      return Reply.send(Authority.toWire(q.get(), answer, !r.isTcp()));
    };
  }

  /** An authoritative server for {@code zones}: {@code answering(zoneAnswers(zones))}. */
  public static Responder authoritative(TestZone... zones) {
    return answering(zoneAnswers(zones));
  }

  /** The empty reply to {@code query}: same ID and question, QR set (RFC 1035 §4.1.1). */
  public static Message replyTo(Message query) {
    return Authority.reply(query);
  }

  // =================================================================================================
  // Responders: faults

  /** Never answers. */
  public static Responder drop() {
    return r -> Reply.none();
  }

  /** Answers REFUSED to everything. */
  public static Responder refused() {
    return rcode(Rcode.REFUSED);
  }

  /**
   * Answers every readable query with {@code rcode} and empty sections; an RCODE above 15 is
   * carried in the OPT record's extended bits (RFC 6891 §6.1.3).
   */
  public static Responder rcode(int rcode) {
    if (rcode < 0 || rcode > 0xFFF) {
      throw new IllegalArgumentException("RCODE out of range: " + rcode);
    }
    return r -> {
      Message q = r.query();
      Message m = Authority.reply(q);
      m.getHeader().setRcode(rcode & 0xF);
      if (rcode > 0xF) {
        m.addRecord(new OPTRecord(Authority.EDNS_PAYLOAD, rcode >>> 4, 0, 0), Section.ADDITIONAL);
      }
      return Reply.send(m);
    };
  }

  /** {@code then} for requests {@code condition} accepts, {@code otherwise} for the rest. */
  public static Responder when(Predicate<Request> condition, Responder then, Responder otherwise) {
    return r -> condition.test(r) ? then.respond(r) : otherwise.respond(r);
  }

  /** Requests asking {@code name} (case-insensitive) of {@code type} (any type when negative). */
  public static Predicate<Request> asking(String name, int type) {
    return r -> r.asks(name, type);
  }

  /** Requests that came over TCP. */
  public static Predicate<Request> overTcp() {
    return Request::isTcp;
  }

  /** {@code base}'s reply, {@code delay} later. */
  public static Responder delayed(Duration delay, Responder base) {
    return r -> Reply.delay(delay).then(base.respond(r));
  }

  /**
   * {@code count} copies of {@code base}'s answer with wrong message IDs, then {@code base}'s
   * reply: a resolver discards the spoofed ones and keeps waiting (RFC 5452 §9.1).
   */
  public static Responder wrongIdsFirst(int count, Responder base) {
    return wrongIdsFirst(count, base, base);
  }

  /**
   * {@code count} copies of {@code forged}'s answer (a different one, so a client that took it
   * would show it) with wrong message IDs, then {@code base}'s reply.
   */
  public static Responder wrongIdsFirst(int count, Responder forged, Responder base) {
    return r -> {
      Optional<byte[]> m = forged.respond(r).firstMessage();
      Reply out = Reply.none();
      if (m.isPresent() && m.get().length >= 2) {
        for (int i = 1; i <= count; i++) {
          out = out.then(Reply.send(withId(m.get(), r.id() + i)));
        }
      }
      return out.then(base.respond(r));
    };
  }

  /**
   * {@code count} copies of {@code base}'s answer whose question is another name (one letter of
   * the first label changed), then {@code base}'s reply.
   */
  public static Responder wrongQuestionFirst(int count, Responder base) {
    return wrongQuestionFirst(count, base, base);
  }

  /**
   * {@code count} copies of {@code forged}'s answer with the question changed to another name
   * (one letter of the first label), then {@code base}'s reply.
   */
  public static Responder wrongQuestionFirst(int count, Responder forged, Responder base) {
    return r -> {
      Optional<byte[]> m = forged.respond(r).firstMessage();
      Reply out = Reply.none();
      if (m.isPresent() && m.get().length > HEADER + 1 && (m.get()[HEADER] & 0xff) != 0
          && (m.get()[HEADER] & 0xc0) == 0) {
        byte[] other = m.get();
        byte first = other[HEADER + 1];
        other[HEADER + 1] = (byte) (first == 'x' || first == 'X' ? 'y' : 'x');
        for (int i = 0; i < count; i++) {
          out = out.then(Reply.send(other));
        }
      }
      return out.then(base.respond(r));
    };
  }

  /**
   * {@code count} copies of {@code forged}'s answer (right ID and question, different content)
   * sent to the client's port from another port of the server's address, then {@code base}'s
   * reply: a client must take answers only from the address and port it asked (RFC 5452 §9.1).
   */
  public static Responder floodFromOtherPort(int count, Responder forged, Responder base) {
    return r -> {
      Optional<byte[]> m = forged.respond(r).firstMessage();
      Reply out = Reply.none();
      if (m.isPresent()) {
        for (int i = 0; i < count; i++) {
          out = out.then(Reply.fromOtherPort(m.get()));
        }
      }
      return out.then(base.respond(r));
    };
  }

  /**
   * {@code count} datagrams of random bytes (the first two the query's ID, so they pass a check of
   * the ID alone), then {@code base}'s reply.
   */
  public static Responder garbageFirst(int count, Responder base) {
    return r -> {
      Random random = new Random(r.id() * 31L + count);
      Reply out = Reply.none();
      for (int i = 0; i < count; i++) {
        byte[] junk = new byte[1 + random.nextInt(600)];
        random.nextBytes(junk);
        if (junk.length >= 3 && r.id() >= 0) {
          junk[0] = (byte) (r.id() >> 8);
          junk[1] = (byte) r.id();
          junk[2] |= (byte) 0x80; // QR: it looks like a response
        }
        out = out.then(Reply.raw(junk));
      }
      return out.then(base.respond(r));
    };
  }

  /**
   * Over UDP an empty answer with the TC bit (so the client must ask again over TCP, RFC 7766
   * §5); over TCP what {@code overTcp} says.
   */
  public static Responder truncatedOverUdp(Responder overTcp) {
    return r -> {
      if (r.isTcp()) {
        return overTcp.respond(r);
      }
      Message q = r.query();
      Message m = Authority.reply(q);
      m.getHeader().setFlag(Flags.AA);
      m.getHeader().setFlag(Flags.TC);
      return Reply.send(m);
    };
  }

  /** Resets every TCP connection after reading the query; no answer over UDP. */
  public static Responder tcpReset() {
    return r -> r.isTcp() ? Reply.reset() : Reply.none();
  }

  /** Holds every TCP connection open without answering; no answer over UDP. */
  public static Responder tcpHang() {
    return r -> r.isTcp() ? Reply.hang() : Reply.none();
  }

  /**
   * Over TCP, {@code base}'s answer behind a length prefix {@code lie} bytes off (longer when
   * positive, shorter when negative), then {@code after} (e.g. {@link Reply#close()} or {@link
   * Reply#hang()}); over UDP {@code base}'s reply.
   */
  public static Responder tcpLengthLie(int lie, Responder base, Reply after) {
    return r -> {
      Reply real = base.respond(r);
      Optional<byte[]> m = real.firstMessage();
      if (!r.isTcp() || m.isEmpty()) {
        return real;
      }
      byte[] wire = m.get();
      int claimed = Math.max(0, Math.min(65_535, wire.length + lie));
      byte[] out = new byte[2 + wire.length];
      out[0] = (byte) (claimed >> 8);
      out[1] = (byte) claimed;
      System.arraycopy(wire, 0, out, 2, wire.length);
      return Reply.raw(out).then(after);
    };
  }

  /** {@code base}'s answers with the TC bit set, over TCP too. */
  public static Responder truncatedEvenOverTcp(Responder base) {
    return r -> {
      Reply real = base.respond(r);
      Optional<byte[]> m = real.firstMessage();
      if (m.isEmpty() || m.get().length < 3) {
        return real;
      }
      byte[] wire = m.get();
      wire[2] |= 0x02; // TC
      return Reply.send(wire);
    };
  }

  /**
   * FORMERR without an OPT record to every query that has one (a server that does not know EDNS,
   * RFC 6891 §7); {@code base} for queries without EDNS.
   */
  public static Responder formerrToEdns(Responder base) {
    return r -> {
      if (!r.hasEdns()) {
        return base.respond(r);
      }
      Message m = Authority.reply(r.query());
      m.getHeader().setRcode(Rcode.FORMERR);
      return Reply.send(m);
    };
  }

  /** {@code base}'s answer cut to its first {@code keep} bytes, counts unchanged, no TC bit. */
  public static Responder cutShort(int keep, Responder base) {
    return r -> {
      Reply real = base.respond(r);
      Optional<byte[]> m = real.firstMessage();
      return m.isEmpty() ? real : Reply.send(Arrays.copyOf(m.get(), Math.min(keep, m.get().length)));
    };
  }

  /** {@code base}'s answer with its answer count raised by {@code extra}: records promised, never sent. */
  public static Responder countsBeyondRecords(int extra, Responder base) {
    return r -> {
      Reply real = base.respond(r);
      Optional<byte[]> m = real.firstMessage();
      if (m.isEmpty() || m.get().length < HEADER) {
        return real;
      }
      byte[] wire = m.get();
      int an = (((wire[6] & 0xff) << 8) | (wire[7] & 0xff)) + extra;
      wire[6] = (byte) (an >> 8);
      wire[7] = (byte) an;
      return Reply.send(wire);
    };
  }

  /**
   * An answer whose one record's owner name is a compression pointer to itself (RFC 1035 §4.1.4
   * pointers must point back to an earlier name; this one loops).
   */
  public static Responder compressionLoop() {
    return r -> Reply.send(forgedAnswer(r.query(), -1));
  }

  /** An answer whose one record's owner name is a compression pointer past the message's end. */
  public static Responder pointerPastEnd() {
    return r -> Reply.send(forgedAnswer(r.query(), 0x3FFF));
  }

  /**
   * The answer to {@code query} with one TXT record whose owner is a compression pointer to
   * {@code pointer} (-1: to the record itself).
   */
  private static byte[] forgedAnswer(Message query, int pointer) throws IOException {
    Message m = Authority.reply(query);
    m.getHeader().setFlag(Flags.AA);
    byte[] head = m.toWire();
    int at = head.length;
    int target = pointer < 0 ? at : pointer;
    byte[] rr = {
        (byte) (0xC0 | (target >> 8)), (byte) target, // owner: a pointer
        0, 16, 0, 1, // TXT IN
        0, 0, 1, 44, // TTL 300
        0, 2, 1, 'x', // one string "x"
    };
    byte[] out = Arrays.copyOf(head, head.length + rr.length);
    System.arraycopy(rr, 0, out, head.length, rr.length);
    out[7] = 1; // ANCOUNT 1
    return out;
  }

  /**
   * For fuzzing a DNS client: each reply is a mutation of {@code base}'s answer (see {@link
   * #mutate(byte[], long)}; the {@code n}-th query's from {@code seed} and {@code n}), then {@code
   * base}'s reply itself, so a client that discards the mutation still gets its answer at once.
   * Over TCP the client reads the mutation first, framed with its true length.
   */
  public static Responder mutating(long seed, Responder base) {
    java.util.concurrent.atomic.AtomicLong queries = new java.util.concurrent.atomic.AtomicLong();
    return r -> {
      Reply real = base.respond(r);
      Optional<byte[]> m = real.firstMessage();
      if (m.isEmpty()) {
        return real;
      }
      long n = queries.incrementAndGet();
      return Reply.send(mutate(m.get(), seed * 0x9E3779B97F4A7C15L + n)).then(real);
    };
  }

  /**
   * A deterministic mutation of a DNS message (the same {@code seed}, the same bytes): random
   * bytes, flipped bytes, a cut, inserted or deleted bytes, a header count set to anything, a
   * compression pointer written anywhere, or a repeated slice. The message ID is kept and the QR
   * bit usually set, so the result reaches a client's parser rather than its ID check.
   */
  public static byte[] mutate(byte[] wire, long seed) {
    // SplittableRandom mixes its seed: nearby seeds give unrelated mutations.
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    byte[] out;
    int n = wire.length;
    switch (random.nextInt(8)) {
      case 0 -> {
        out = new byte[random.nextInt(700)];
        random.nextBytes(out);
      }
      case 1 -> {
        out = wire.clone();
        for (int i = 1 + random.nextInt(8); i > 0 && n > 2; i--) {
          out[2 + random.nextInt(n - 2)] = (byte) random.nextInt(256);
        }
      }
      case 2 -> out = Arrays.copyOf(wire, random.nextInt(n + 1));
      case 3 -> {
        int at = random.nextInt(n + 1);
        byte[] extra = new byte[1 + random.nextInt(64)];
        random.nextBytes(extra);
        out = new byte[n + extra.length];
        System.arraycopy(wire, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(wire, at, out, at + extra.length, n - at);
      }
      case 4 -> {
        int from = random.nextInt(n + 1);
        int to = from + random.nextInt(n - from + 1);
        out = new byte[n - (to - from)];
        System.arraycopy(wire, 0, out, 0, from);
        System.arraycopy(wire, to, out, from, n - to);
      }
      case 5 -> {
        out = wire.clone();
        if (n >= HEADER) {
          int at = 4 + 2 * random.nextInt(4);
          int count = random.nextBoolean() ? random.nextInt(65_536) : random.nextInt(8);
          out[at] = (byte) (count >> 8);
          out[at + 1] = (byte) count;
        }
      }
      case 6 -> {
        out = wire.clone();
        if (n > HEADER + 2) {
          int at = HEADER + random.nextInt(n - HEADER - 1);
          int target = random.nextBoolean() ? random.nextInt(n + 16) : random.nextInt(0x4000);
          out[at] = (byte) (0xC0 | (target >> 8));
          out[at + 1] = (byte) target;
        }
      }
      default -> {
        int from = random.nextInt(n + 1);
        int len = random.nextInt(n - from + 1);
        int times = 1 + random.nextInt(20);
        out = Arrays.copyOf(wire, Math.min(65_535, n + len * times));
        for (int t = 0, at = n; t < times && at + len <= out.length; t++, at += len) {
          System.arraycopy(wire, from, out, at, len);
        }
      }
    }
    if (out.length >= 2 && n >= 2) {
      out[0] = wire[0];
      out[1] = wire[1];
    }
    if (out.length >= 3 && random.nextInt(4) != 0) {
      out[2] |= (byte) 0x80;
    }
    return out;
  }

  /** {@code wire} with its message ID set to {@code id} (taken modulo 2^16). */
  public static byte[] withId(byte[] wire, int id) {
    byte[] out = wire.clone();
    if (out.length >= 2) {
      out[0] = (byte) (id >> 8);
      out[1] = (byte) id;
    }
    return out;
  }

  private static Name absolute(String name) {
    return org.dvinspector.testkit.internal.Records.absolute(name);
  }
}
