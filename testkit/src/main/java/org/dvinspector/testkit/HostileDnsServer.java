package org.dvinspector.testkit;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dvinspector.testkit.HostileDns.Reply;
import org.dvinspector.testkit.HostileDns.Request;
import org.dvinspector.testkit.HostileDns.Responder;
import org.jspecify.annotations.Nullable;

/**
 * One raw DNS server of a {@link HostileDns} lab: a UDP socket and a TCP listener on the same
 * loopback address and port, handing every query to a {@link Responder} whose {@link Reply} it
 * carries out byte for byte (several datagrams, datagrams from another port, delays, TCP length
 * prefixes that lie, resets, connections held open). It counts what it receives, and how many TCP
 * connections are open at this moment, so a test can prove a client closes the connections it
 * opened.
 *
 * <p>UDP queries are answered on the server's receiving thread (delays go to a timer, so a slow
 * answer holds no thread); each TCP connection has a thread of its own while it is open.
 */
public final class HostileDnsServer implements AutoCloseable {
  private final DatagramSocket udp;
  private final DatagramSocket otherPort;
  private final ServerSocket tcp;
  private final Responder responder;
  private final String description;
  private final ScheduledExecutorService timer;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private final AtomicInteger tcpConnections = new AtomicInteger();
  private final AtomicInteger maxOpenTcp = new AtomicInteger();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicInteger responderErrors = new AtomicInteger();
  private final AtomicReference<@Nullable Throwable> lastError = new AtomicReference<>();
  private final Thread udpThread;
  private final Thread acceptThread;
  private volatile boolean closed;

  /**
   * Binds {@code bind} (a loopback address; port 0 picks a free port, the same for UDP and TCP).
   *
   * @throws UncheckedIOException if the address and port cannot be bound
   */
  HostileDnsServer(InetSocketAddress bind, Responder responder, String description,
      ScheduledExecutorService timer) {
    TestDnsServer.requireLoopback(bind.getAddress());
    this.responder = responder;
    this.description = description;
    this.timer = timer;
    DatagramSocket u = null;
    ServerSocket t = null;
    IOException last = null;
    for (int attempt = 0; attempt < 20 && t == null; attempt++) {
      try {
        u = new DatagramSocket(null);
        u.setReceiveBufferSize(1 << 20);
        u.bind(bind);
        t = new ServerSocket();
        t.setReuseAddress(true);
        t.bind(new InetSocketAddress(bind.getAddress(), u.getLocalPort()), 200);
      } catch (IOException e) {
        last = e;
        if (u != null) {
          u.close();
        }
        t = null;
        if (bind.getPort() != 0) {
          break; // a fixed port: no other to try
        }
      }
    }
    if (t == null || u == null) {
      throw new UncheckedIOException("Cannot bind a hostile DNS server on " + bind,
          last != null ? last : new IOException("no port"));
    }
    this.udp = u;
    this.tcp = t;
    try {
      this.otherPort = new DatagramSocket(new InetSocketAddress(bind.getAddress(), 0));
    } catch (IOException e) {
      u.close();
      closeQuietly(t);
      throw new UncheckedIOException("Cannot bind a second UDP socket on " + bind, e);
    }
    String name = "hostile-dns-" + u.getLocalAddress().getHostAddress() + ":" + u.getLocalPort();
    AtomicInteger n = new AtomicInteger();
    // Threads for TCP connections only; they end a second after their connection.
    this.connections = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread th = new Thread(r, name + "-tcp-" + n.incrementAndGet());
          th.setDaemon(true);
          return th;
        });
    this.udpThread = new Thread(this::serveUdp, name + "-udp");
    udpThread.setDaemon(true);
    this.acceptThread = new Thread(this::acceptTcp, name + "-accept");
    acceptThread.setDaemon(true);
    udpThread.start();
    acceptThread.start();
  }

  // ------------------------------------------------------------------ UDP

  private void serveUdp() {
    byte[] buf = new byte[65_535];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue; // e.g. an ICMP error for an earlier answer: keep serving
      }
      byte[] wire = Arrays.copyOf(p.getData(), p.getLength());
      if (wire.length >= 3 && (wire[2] & 0x80) != 0) {
        // A reply (QR set), not a query: a late answer from another server to a client port the
        // system has since given to this server. Neither counted nor answered.
        continue;
      }
      udpQueries.incrementAndGet();
      InetSocketAddress client = (InetSocketAddress) p.getSocketAddress();
      Reply reply = respond(new Request(wire, false, client));
      runUdp(reply.steps(), 0, client);
    }
  }

  /** Carries out {@code steps} from {@code from} on; a delay continues on the timer. */
  private void runUdp(List<Reply.Step> steps, int from, InetSocketAddress client) {
    for (int i = from; i < steps.size() && !closed; i++) {
      Reply.Step s = steps.get(i);
      switch (s.kind()) {
        case SEND, RAW -> sendUdp(udp, s.bytes(), client);
        case FROM_OTHER_PORT -> sendUdp(otherPort, s.bytes(), client);
        case DELAY -> {
          int next = i + 1;
          try {
            timer.schedule(() -> runUdp(steps, next, client), s.delay().toNanos(),
                TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException e) {
            // The lab is closing.
          }
          return;
        }
        case CLOSE, RESET, HANG -> {
          return; // nothing more is sent over UDP
        }
      }
    }
  }

  private void sendUdp(DatagramSocket socket, byte[] bytes, InetSocketAddress client) {
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, client));
      bytesSent.addAndGet(bytes.length);
    } catch (IOException e) {
      // Too large for a datagram, or the socket closed: the client sees nothing.
    }
  }

  // ------------------------------------------------------------------ TCP

  private void acceptTcp() {
    while (!closed) {
      Socket s;
      try {
        s = tcp.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      tcpConnections.incrementAndGet();
      open.add(s);
      maxOpenTcp.accumulateAndGet(open.size(), Math::max);
      try {
        connections.execute(() -> handle(s));
      } catch (RejectedExecutionException e) {
        open.remove(s);
        closeQuietly(s);
      }
    }
  }

  private void handle(Socket s) {
    try {
      s.setSoTimeout(0);
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      InetSocketAddress client = (InetSocketAddress) s.getRemoteSocketAddress();
      while (!closed) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException e) {
          return; // the client closed the connection
        }
        byte[] wire = new byte[length];
        in.readFully(wire);
        tcpQueries.incrementAndGet();
        Reply reply = respond(new Request(wire, true, client));
        if (!runTcp(reply.steps(), s, in, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // The client reset the connection, or the lab closed it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(s);
      closeQuietly(s);
    }
  }

  /** Carries out {@code steps} on a connection; false when the connection is to end. */
  private boolean runTcp(List<Reply.Step> steps, Socket s, InputStream in, OutputStream out)
      throws IOException, InterruptedException {
    for (Reply.Step step : steps) {
      switch (step.kind()) {
        case SEND -> write(out, frame(step.bytes()));
        case RAW -> write(out, step.bytes());
        case FROM_OTHER_PORT -> {
          // Only meaningful over UDP.
        }
        case DELAY -> Thread.sleep(step.delay().toMillis());
        case CLOSE -> {
          out.flush();
          return false;
        }
        case RESET -> {
          s.setSoLinger(true, 0);
          return false;
        }
        case HANG -> {
          // Hold the connection: read and drop whatever comes until the client gives up.
          byte[] sink = new byte[4096];
          while (!closed && in.read(sink) >= 0) {
            // Never answer.
          }
          return false;
        }
      }
    }
    out.flush();
    return true;
  }

  private void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    bytesSent.addAndGet(bytes.length);
  }

  /** {@code wire} with its two-byte length prefix (RFC 1035 §4.2.2); cut at 65,535 bytes. */
  static byte[] frame(byte[] wire) {
    int n = Math.min(wire.length, 65_535);
    return ByteBuffer.allocate(2 + n).putShort((short) n).put(wire, 0, n).array();
  }

  // ------------------------------------------------------------------ responding

  private Reply respond(Request request) {
    try {
      Reply r = responder.respond(request);
      return r == null ? Reply.none() : r;
    } catch (IOException | RuntimeException e) {
      responderErrors.incrementAndGet();
      lastError.set(e);
      return Reply.none();
    }
  }

  // ------------------------------------------------------------------ state

  /** Where the server listens, UDP and TCP (a loopback address). */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
  }

  /** Queries received over UDP so far (readable or not; a datagram with the QR bit set is a reply, not a query, and is ignored). */
  public int udpQueries() {
    return udpQueries.get();
  }

  /** Queries received over TCP so far. */
  public int tcpQueries() {
    return tcpQueries.get();
  }

  /** Queries received so far, over both transports. */
  public int queryCount() {
    return udpQueries.get() + tcpQueries.get();
  }

  /** TCP connections accepted so far. */
  public int tcpConnections() {
    return tcpConnections.get();
  }

  /** TCP connections open now (accepted and not yet closed by either side). */
  public int openTcpConnections() {
    return open.size();
  }

  /**
   * The client ends of the TCP connections open now: tells the inspector's connections from a
   * lab resolver's (which asks from {@link DnsLab#RESOLVER_ADDRESS}).
   */
  public List<InetSocketAddress> openTcpClients() {
    List<InetSocketAddress> out = new ArrayList<>();
    for (Socket s : open) {
      if (s.getRemoteSocketAddress() instanceof InetSocketAddress a) {
        out.add(a);
      }
    }
    return out;
  }

  /** The most TCP connections that were open at once. */
  public int maxOpenTcpConnections() {
    return maxOpenTcp.get();
  }

  /** Bytes sent so far (datagrams, and TCP bytes including length prefixes). */
  public long bytesSent() {
    return bytesSent.get();
  }

  /**
   * How many times the responder threw: the server then sent nothing, which a test would
   * otherwise mistake for the behaviour it meant.
   */
  public int responderErrors() {
    return responderErrors.get();
  }

  /** The responder's last exception, if it threw. */
  public @Nullable Throwable lastResponderError() {
    return lastError.get();
  }

  /** What the server does, for messages. */
  public String description() {
    return description;
  }

  /** Stops the server and breaks every open connection (held connections end with it). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    udp.close();
    otherPort.close();
    closeQuietly(tcp);
    for (Socket s : new ArrayList<>(open)) {
      try {
        s.setSoLinger(true, 0);
      } catch (SocketException e) {
        // Already broken.
      }
      closeQuietly(s);
    }
    connections.shutdownNow();
    udpThread.interrupt();
    acceptThread.interrupt();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Closing anyway.
    }
  }

  @Override
  public String toString() {
    return description + " on " + socketAddress();
  }
}
