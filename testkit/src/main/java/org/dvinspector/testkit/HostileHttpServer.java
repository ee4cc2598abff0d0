package org.dvinspector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One raw TCP server of a {@link HostileHttp} lab: it accepts connections on a loopback port and
 * hands each to a {@link HostileHttp.Behaviour}, which may do what no well-behaved server library
 * lets a test do (answer garbage, stall mid-line, reset the connection). It counts every
 * connection it accepts, so a server standing in for a forbidden address proves whether the
 * inspector tried to reach it.
 */
public final class HostileHttpServer implements AutoCloseable {
  private final ServerSocket listener;
  private final HostileHttp.Behaviour behaviour;
  private final String description;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean closed;

  HostileHttpServer(InetAddress bind, HostileHttp.Behaviour behaviour, String description) {
    this.behaviour = behaviour;
    this.description = description;
    try {
      this.listener = new ServerSocket(0, 50, bind);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on " + bind.getHostAddress(), e);
    }
    AtomicInteger n = new AtomicInteger();
    this.connections = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hostile-http-" + listener.getLocalPort() + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    connections.execute(this::acceptLoop);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      open.add(s);
      try {
        connections.execute(() -> handle(s));
      } catch (RuntimeException e) {
        closeQuietly(s); // the lab is closing
      }
    }
  }

  private void handle(Socket s) {
    try {
      s.setSoTimeout(30_000);
      behaviour.serve(s);
    } catch (IOException | RuntimeException e) {
      // The client went away, or the lab closed the socket: both end this connection.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!s.isClosed()) {
        closeQuietly(s);
      }
      open.remove(s);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Nothing left to do with it.
    }
  }

  /** Where the server listens (a loopback address and an ephemeral port). */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  /** How many connections the server has accepted so far. */
  public int connectionCount() {
    return accepted.get();
  }

  /** What the server does, for messages. */
  public String description() {
    return description;
  }

  /** Stops listening and breaks every open connection (stalled behaviours end with it). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    for (Socket s : open) {
      try {
        s.setSoLinger(true, 0);
      } catch (SocketException e) {
        // Already broken.
      }
      closeQuietly(s);
    }
    connections.shutdownNow();
  }

  @Override
  public String toString() {
    return description + " on " + socketAddress();
  }
}
