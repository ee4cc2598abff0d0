package org.dvinspector.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;

/**
 * Hostile web servers on loopback: raw-socket servers that misbehave in ways a server library
 * will not (slowloris headers, endless or compressed-bomb bodies, broken chunking, invalid status
 * lines, HTTP/0.9, thousands of headers, megabyte header lines, two {@code Location} headers,
 * CR in a header value, TLS on the plain port, a handshake that never finishes, an immediate
 * close or reset), and <em>traps</em>: listeners standing in for addresses the inspector must
 * never contact (loopback, private, link-local, odd ports), which count every connection attempt.
 *
 * <p>Every server is reached through the lab's {@linkplain #endpointMapping() sealed endpoint
 * mapping}: "address A, port P" goes to the server routed there, and anything else to a closed
 * loopback port, so nothing leaves the machine. Combine it with an {@link HttpLab} by routing its
 * endpoints here ({@link #route(String, int, InetSocketAddress)}).
 *
 * <pre>{@code
 * try (HostileHttp lab = HostileHttp.start()) {
 *   lab.serve("203.0.114.10", 80, HostileHttp.slowlorisHeaders(Duration.ofMillis(200)));
 *   lab.trap("127.0.0.1", 80);                     // a redirect to localhost must not land here
 *   NetworkPolicy policy = lab.networkPolicy().build();
 *   // ... inspect, then:
 *   assertThat(lab.trappedConnections()).isZero();
 * }
 * }</pre>
 */
public final class HostileHttp implements AutoCloseable {
  /**
   * Characters a hostile server puts in anything that could reach a terminal: an ANSI colour and
   * screen-clear sequence, an OSC title change ended by BEL, NUL, the C1 control CSI (U+009B) and
   * NEL (U+0085), the bidi overrides U+202E and U+2066, and a zero-width space.
   */
  public static final String POISON =
      "\u001b[31m\u001b[2J\u001b]0;pwned\u0007\u0000\u009b31m\u0085\u202e\u2066\u200bEND";

  /** What a raw server does with one accepted connection. */
  @FunctionalInterface
  public interface Behaviour {
    /** Serves one connection; returning (or throwing) closes it. */
    void serve(Socket socket) throws IOException, InterruptedException;
  }

  private final InetAddress bind;
  private final Map<InetSocketAddress, InetSocketAddress> routes = new ConcurrentHashMap<>();
  private final List<HostileHttpServer> servers = new ArrayList<>();
  private final List<HostileHttpServer> traps = new ArrayList<>();
  private final InetSocketAddress refused;
  private volatile boolean closed;

  private HostileHttp(InetAddress bind) {
    this.bind = bind;
    this.refused = new InetSocketAddress(bind, closedPort(bind));
  }

  /** Starts an empty lab whose servers listen on 127.0.0.1. */
  public static HostileHttp start() {
    return new HostileHttp(HttpLab.parseAddress("127.0.0.1"));
  }

  /**
   * Starts a raw server with {@code behaviour} and routes "{@code address}, {@code port}" to it.
   * The address may be anything (a public stand-in such as 203.0.114.10): connections land on
   * loopback.
   */
  public synchronized HostileHttpServer serve(String address, int port, Behaviour behaviour) {
    return serve(address, port, behaviour, "hostile server");
  }

  /** Like {@link #serve(String, int, Behaviour)}, with a description for messages. */
  public synchronized HostileHttpServer serve(String address, int port, Behaviour behaviour,
      String description) {
    HostileHttpServer s = start(behaviour, description);
    servers.add(s);
    route(address, port, s.socketAddress());
    return s;
  }

  /**
   * A trap: a listener standing in for "{@code address}, {@code port}", which the inspector must
   * not contact (a loopback, private or link-local address, an odd port). It answers every request
   * with {@code body} (give it the expected value, so a breach would even look like success) and
   * counts the connections; see {@link #trappedConnections()}.
   */
  public synchronized HostileHttpServer trap(String address, int port, String body) {
    HostileHttpServer s = start(ok(body), "trap for " + address + ":" + port);
    traps.add(s);
    route(address, port, s.socketAddress());
    return s;
  }

  /** A trap answering {@code "trapped"}; see {@link #trap(String, int, String)}. */
  public HostileHttpServer trap(String address, int port) {
    return trap(address, port, "trapped");
  }

  /** Connections accepted by every trap so far: 0 unless the inspector reached a forbidden target. */
  public synchronized int trappedConnections() {
    int n = 0;
    for (HostileHttpServer t : traps) {
      n += t.connectionCount();
    }
    return n;
  }

  /** The traps, in the order they were set. */
  public synchronized List<HostileHttpServer> traps() {
    return List.copyOf(traps);
  }

  /** Sends "{@code address}, {@code port}" to {@code to} (an {@link HttpLabServer}, say). */
  public HostileHttp route(String address, int port, InetSocketAddress to) {
    routes.put(new InetSocketAddress(HttpLab.parseAddress(address), port), to);
    return this;
  }

  /**
   * The sealed mapping: routed endpoints go to their servers, everything else to a closed
   * loopback port, so a connection the test did not plan is refused locally.
   */
  public EndpointMapping endpointMapping() {
    return target -> {
      InetSocketAddress to = routes.get(target);
      return to != null ? to : refused;
    };
  }

  /**
   * A policy builder for hostile tests: the {@linkplain #endpointMapping() sealed mapping},
   * non-public addresses refused (as a CA refuses them; stand-in addresses must be public), an
   * HTTP timeout of 1 s and a 5 s deadline. Adjust and {@code build()}.
   */
  public NetworkPolicy.Builder networkPolicy() {
    NetworkPolicy.Builder b = NetworkPolicy.builder();
    b.allowNonPublicAddresses(false)
        .endpointMapping(endpointMapping())
        .httpTimeout(Duration.ofSeconds(1))
        .deadline(Duration.ofSeconds(5));
    return b;
  }

  /** Stops every server and trap. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    servers.forEach(HostileHttpServer::close);
    traps.forEach(HostileHttpServer::close);
  }

  private HostileHttpServer start(Behaviour behaviour, String description) {
    if (closed) {
      throw new IllegalStateException("The lab is closed");
    }
    return new HostileHttpServer(bind, Objects.requireNonNull(behaviour, "behaviour"),
        description);
  }

  // ---------------------------------------------------------------------------------------------
  // Behaviours

  /** Reads the request head (up to the blank line, at most 64 KiB) and returns it. */
  public static String readRequest(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (head.size() < 64 * 1024) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads the request, writes {@code response} as is (UTF-8) and closes. */
  public static Behaviour raw(String response) {
    return raw(response.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the request, writes {@code response} bytes as is and closes. */
  public static Behaviour raw(byte[] response) {
    byte[] copy = response.clone();
    return s -> {
      readRequest(s);
      OutputStream out = s.getOutputStream();
      out.write(copy);
      out.flush();
    };
  }

  /** A well-formed 200 response with {@code body} and a Content-Length. */
  public static Behaviour ok(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return raw(concat(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + b.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8), b));
  }

  /** A 200 response with {@code body} after {@code count} extra short headers. */
  public static Behaviour manyHeaders(int count, String body) {
    StringBuilder h = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (int i = 0; i < count; i++) {
      h.append("X-Header-").append(i).append(": value-").append(i).append("\r\n");
    }
    return withBody(h, body);
  }

  /** A 200 response with {@code body} after one header whose value is {@code length} bytes. */
  public static Behaviour longHeaderLine(int length, String body) {
    StringBuilder h = new StringBuilder("HTTP/1.1 200 OK\r\nX-Long: ");
    char[] fill = new char[length];
    Arrays.fill(fill, 'a');
    h.append(fill).append("\r\n");
    return withBody(h, body);
  }

  private static Behaviour withBody(StringBuilder head, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    head.append("Content-Length: ").append(b.length).append("\r\nConnection: close\r\n\r\n");
    return raw(concat(head.toString().getBytes(StandardCharsets.UTF_8), b));
  }

  /**
   * A redirect with {@code status} and one {@code Location} header per location, in order (none:
   * a 3xx without Location). Values are written as given: CR, LF or controls included.
   */
  public static Behaviour redirect(int status, String... locations) {
    StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(" Moved\r\n");
    for (String l : locations) {
      h.append("Location: ").append(l).append("\r\n");
    }
    h.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
    return raw(h.toString());
  }

  /** {@code line} as the status line, then an empty body. */
  public static Behaviour statusLine(String line) {
    return raw(line + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  /** An HTTP/0.9 answer: the body alone, no status line or headers, then close. */
  public static Behaviour http09(String body) {
    return raw(body);
  }

  /** Chunked framing with a chunk size that is not hexadecimal. */
  public static Behaviour bogusChunking(String body) {
    return raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + "zz" + body + "\r\n" + body + "\r\n0\r\n\r\n");
  }

  /** Sends the status line, then one header byte per {@code interval}, forever. */
  public static Behaviour slowlorisHeaders(Duration interval) {
    return s -> {
      readRequest(s);
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      while (true) {
        Thread.sleep(interval.toMillis());
        out.write('a');
        out.flush();
      }
    };
  }

  /** Sends complete headers (a Content-Length of 1 MB), then one body byte per {@code interval}. */
  public static Behaviour slowlorisBody(Duration interval) {
    return s -> {
      readRequest(s);
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      while (true) {
        Thread.sleep(interval.toMillis());
        out.write('a');
        out.flush();
      }
    };
  }

  /** A 200 whose body (no Content-Length) never ends. */
  public static Behaviour endlessBody() {
    return s -> {
      readRequest(s);
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[8192];
      Arrays.fill(chunk, (byte) 'x');
      while (true) {
        out.write(chunk); // ends when the client closes the connection
      }
    };
  }

  /** A 200 with a Content-Length of {@code bytes} and that many bytes of body. */
  public static Behaviour largeBody(long bytes) {
    return s -> {
      readRequest(s);
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bytes
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[8192];
      Arrays.fill(chunk, (byte) 'x');
      for (long left = bytes; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      out.flush();
    };
  }

  /**
   * A 200 with {@code Content-Encoding: gzip} whose body inflates to {@code inflatedBytes} zero
   * bytes (about a thousandth of that on the wire).
   */
  public static Behaviour gzipBomb(long inflatedBytes) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[64 * 1024];
      for (long left = inflatedBytes; left > 0; left -= zeros.length) {
        gz.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] body = compressed.toByteArray();
    return raw(concat(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII), body));
  }

  /** Accepts the connection and closes it at once, before reading anything. */
  public static Behaviour closeImmediately() {
    return Socket::close;
  }

  /** Reads the request, then resets the connection (TCP RST: SO_LINGER 0). */
  public static Behaviour reset() {
    return s -> {
      readRequest(s);
      s.setSoLinger(true, 0);
      s.close();
    };
  }

  /**
   * Reads whatever the client sends (a request line, a TLS ClientHello) and never answers, until
   * the client or the lab closes the connection: a stalled server, or a TLS server stalling
   * mid-handshake.
   */
  public static Behaviour stall() {
    return s -> {
      InputStream in = s.getInputStream();
      s.setSoTimeout(0);
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // Keep reading, never answer.
      }
    };
  }

  /**
   * A TLS server on a plain-HTTP port: reads the request and answers the TLS alert a TLS stack
   * sends for a record it cannot parse (fatal, unexpected_message), then closes.
   */
  public static Behaviour tlsOnPlainPort() {
    return raw(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a});
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A port on {@code address} where nothing listens: connections are refused. */
  private static int closedPort(InetAddress address) {
    try (ServerSocket s = new ServerSocket(0, 1, address)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on " + address.getHostAddress(), e);
    }
  }
}
