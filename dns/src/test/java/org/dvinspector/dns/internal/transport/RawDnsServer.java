package org.dvinspector.dns.internal.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;

/**
 * A misbehaving DNS server on loopback for transport tests: a function decides what each query
 * gets, as raw bytes, over UDP (any number of datagrams) and TCP (raw bytes after accept, then
 * close or not). It counts TCP connections open at once.
 */
final class RawDnsServer implements AutoCloseable {
  /** In a TCP response: close the connection here. */
  static final byte[] CLOSE = new byte[0];

  /** What the server sends for one query. */
  interface Responder {
    /** Datagrams (UDP) or raw bytes to write (TCP, length prefixes included), in order. */
    List<byte[]> respond(Message query, byte[] wire, boolean tcp) throws IOException;
  }

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Responder responder;
  private final AtomicInteger openConnections = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  RawDnsServer(InetAddress address, Responder responder) throws IOException {
    this.responder = responder;
    this.udp = new DatagramSocket(new InetSocketAddress(address, 0));
    ServerSocket s = null;
    for (int i = 0; i < 20 && s == null; i++) {
      try {
        s = new ServerSocket();
        s.bind(new InetSocketAddress(address, udp.getLocalPort()));
      } catch (IOException e) {
        s = null;
      }
    }
    if (s == null) {
      throw new IOException("cannot bind tcp on " + udp.getLocalPort());
    }
    this.tcp = s;
    Thread u = new Thread(this::serveUdp, "raw-dns-udp");
    u.setDaemon(true);
    u.start();
    Thread t = new Thread(this::serveTcp, "raw-dns-tcp");
    t.setDaemon(true);
    t.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
  }

  int openConnections() {
    return openConnections.get();
  }

  int connections() {
    return connections.get();
  }

  int udpQueries() {
    return udpQueries.get();
  }

  private void serveUdp() {
    byte[] buf = new byte[65_535];
    while (!closed) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        udpQueries.incrementAndGet();
        byte[] wire = java.util.Arrays.copyOf(p.getData(), p.getLength());
        for (byte[] out : responder.respond(new Message(wire), wire, false)) {
          udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        // closed, or a query the responder could not read: keep serving
      }
    }
  }

  private void serveTcp() {
    while (!closed) {
      try {
        Socket s = tcp.accept();
        sockets.add(s);
        connections.incrementAndGet();
        openConnections.incrementAndGet();
        Thread h = new Thread(() -> handle(s), "raw-dns-tcp-conn");
        h.setDaemon(true);
        h.start();
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void handle(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (!closed) {
        int length = in.readUnsignedShort();
        byte[] wire = new byte[length];
        in.readFully(wire);
        for (byte[] chunk : responder.respond(new Message(wire), wire, true)) {
          if (chunk == CLOSE) {
            out.flush();
            return;
          }
          out.write(chunk);
        }
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection (or sent garbage)
    } finally {
      openConnections.decrementAndGet();
    }
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing
      }
    }
  }
}
