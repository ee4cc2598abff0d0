package org.dvinspector.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback that puts a server {@code rtt} away, handshakes included, without root
 * (no netem on this machine): a connection to a loopback port completes at once, so the proxy
 * holds the client's first bytes for one round trip (the TCP handshake the client would have
 * waited for), forwards what the client sends as it comes, and delivers each piece of the
 * server's reply one round trip after the server sent it, in order. For request-response
 * protocols this costs what a real path of that round trip costs: an HTTP fetch two round trips
 * (TCP handshake, request and response), an HTTPS fetch with TLS 1.3 three (TCP, the TLS
 * handshake, request and response).
 */
final class DelayProxy implements AutoCloseable {
  private static final byte[] END = new byte[0];

  private final ServerSocket listener;
  private final InetSocketAddress backend;
  private final long rttNanos;
  private volatile boolean closed;

  private DelayProxy(ServerSocket listener, InetSocketAddress backend, long rttNanos) {
    this.listener = listener;
    this.backend = backend;
    this.rttNanos = rttNanos;
  }

  /** A proxy on a free port of {@code bindAddress}, forwarding to {@code backend}. */
  static DelayProxy start(InetAddress bindAddress, InetSocketAddress backend, long rttNanos) {
    try {
      ServerSocket s = new ServerSocket();
      s.bind(new InetSocketAddress(bindAddress, 0), 256);
      DelayProxy p = new DelayProxy(s, backend, rttNanos);
      Thread t = new Thread(p::accept, "delay-proxy-" + s.getLocalPort());
      t.setDaemon(true);
      t.start();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a delay proxy", e);
    }
  }

  /** Where the proxy listens. */
  InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        long acceptedAt = System.nanoTime();
        client.setTcpNoDelay(true);
        Thread t = new Thread(() -> serve(client, acceptedAt), "delay-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void serve(Socket client, long acceptedAt) {
    try (client; Socket server = new Socket()) {
      server.setTcpNoDelay(true);
      server.connect(backend);
      Thread up = new Thread(() -> upstream(client, server, acceptedAt), "delay-proxy-up");
      up.setDaemon(true);
      up.start();
      downstream(server, client);
      up.join();
    } catch (IOException | InterruptedException e) {
      // one side went away: the connection ends
    }
  }

  /** Client to server: held for the handshake's round trip, then forwarded as it comes. */
  private void upstream(Socket client, Socket server, long acceptedAt) {
    try {
      sleepUntil(acceptedAt + rttNanos);
      InputStream in = client.getInputStream();
      OutputStream out = server.getOutputStream();
      byte[] buf = new byte[16_384];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        out.flush();
      }
      server.shutdownOutput();
    } catch (IOException | InterruptedException e) {
      close(server);
    }
  }

  /** Server to client: each piece delivered one round trip after it left the server. */
  private void downstream(Socket server, Socket client) throws InterruptedException {
    BlockingQueue<Object[]> line = new LinkedBlockingQueue<>();
    Thread writer = new Thread(() -> deliver(line, client), "delay-proxy-down");
    writer.setDaemon(true);
    writer.start();
    try {
      InputStream in = server.getInputStream();
      byte[] buf = new byte[16_384];
      int n;
      while ((n = in.read(buf)) > 0) {
        line.add(new Object[] {System.nanoTime() + rttNanos, Arrays.copyOf(buf, n)});
      }
    } catch (IOException e) {
      // the server closed
    }
    line.add(new Object[] {System.nanoTime() + rttNanos, END});
    writer.join();
  }

  private static void deliver(BlockingQueue<Object[]> line, Socket client) {
    try {
      OutputStream out = client.getOutputStream();
      while (true) {
        Object[] piece = line.take();
        sleepUntil((Long) piece[0]);
        byte[] bytes = (byte[]) piece[1];
        if (bytes == END) {
          client.shutdownOutput();
          return;
        }
        out.write(bytes);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      close(client);
    }
  }

  private static void sleepUntil(long dueNanos) throws InterruptedException {
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing
    }
  }
}
