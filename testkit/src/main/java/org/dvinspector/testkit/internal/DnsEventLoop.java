package org.dvinspector.testkit.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread that serves DNS over UDP and TCP for any number of endpoints.
 *
 * <p>All socket I/O happens on the loop thread; handlers answer through a callback that may be
 * called later from any thread (a delayed or recursive answer), which queues the write back onto
 * the loop. No thread waits for a query, so a lab handles thousands of queries per second on one
 * thread. TCP follows RFC 1035 §4.2.2 / RFC 7766: a two-byte length before each message, several
 * queries per connection, answers possibly out of order.
 */
public final class DnsEventLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DnsEventLoop.class);
  private static final int MAX_UDP = 65_535;

  /**
   * Handles one query; {@code reply} is called once, from any thread. An empty array means "no
   * answer" (a dropped query): nothing is sent, and a TCP connection stops waiting for it.
   */
  @FunctionalInterface
  public interface Handler {
    /** Handles {@code query} received from {@code client} over {@code transport}. */
    void handle(byte[] query, Transport transport, InetSocketAddress client, Consumer<byte[]> reply);
  }

  /** The transport a query came over. */
  public enum Transport {
    /** Datagrams. */
    UDP,
    /** A stream, two-byte length prefix. */
    TCP;

    /** {@code udp} or {@code tcp}. */
    public String label() {
      return this == UDP ? "udp" : "tcp";
    }
  }

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final List<Endpoint> endpoints = new ArrayList<>();
  private volatile boolean closed;

  /** Starts a loop on a new daemon thread named {@code name}. */
  public DnsEventLoop(String name) throws IOException {
    this.selector = Selector.open();
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs {@code task} on the loop thread. */
  public void execute(Runnable task) {
    if (closed) {
      return;
    }
    tasks.add(task);
    selector.wakeup();
  }

  /**
   * Binds UDP and TCP on {@code address} (its port must be free for both) and serves them with
   * {@code handler}. Port 0 picks a free port, the same for UDP and TCP.
   */
  public Endpoint bind(InetSocketAddress address, Handler handler) throws IOException {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("bind from outside the loop thread");
    }
    StandardProtocolFamily family = address.getAddress() instanceof java.net.Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    DatagramChannel udp = DatagramChannel.open(family);
    ServerSocketChannel tcp = null;
    try {
      udp.bind(address);
      InetSocketAddress bound = (InetSocketAddress) udp.getLocalAddress();
      tcp = ServerSocketChannel.open(family);
      tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      tcp.bind(bound, 64);
      udp.configureBlocking(false);
      tcp.configureBlocking(false);
      Endpoint e = new Endpoint(bound, udp, tcp, handler);
      CompletableFuture<Void> registered = new CompletableFuture<>();
      execute(() -> {
        try {
          udp.register(selector, SelectionKey.OP_READ, e);
          e.tcp.register(selector, SelectionKey.OP_ACCEPT, e);
          endpoints.add(e);
          registered.complete(null);
        } catch (IOException | RuntimeException ex) {
          registered.completeExceptionally(ex);
        }
      });
      if (closed) {
        throw new IOException("event loop closed");
      }
      registered.get(5, TimeUnit.SECONDS);
      return e;
    } catch (IOException | RuntimeException e) {
      closeQuietly(udp);
      if (tcp != null) {
        closeQuietly(tcp);
      }
      throw e;
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(udp);
      closeQuietly(tcp);
      throw new IOException("Cannot register " + address, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(udp);
      closeQuietly(tcp);
      throw new IOException("Interrupted while binding " + address, e);
    }
  }

  private void run() {
    ByteBuffer udpBuffer = ByteBuffer.allocate(MAX_UDP);
    try {
      while (!closed) {
        selector.select(1000);
        for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
          runTask(t);
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          try {
            dispatch(key, udpBuffer);
          } catch (CancelledKeyException e) {
            // The endpoint or connection was closed meanwhile.
          }
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        LOG.warn("DNS lab event loop failed", e);
      }
    } finally {
      for (Endpoint e : new ArrayList<>(endpoints)) {
        e.closeNow();
      }
      closeQuietly(selector);
    }
  }

  private static void runTask(Runnable t) {
    try {
      t.run();
    } catch (RuntimeException e) {
      LOG.warn("DNS lab task failed", e);
    }
  }

  private void dispatch(SelectionKey key, ByteBuffer udpBuffer) {
    Object att = key.attachment();
    if (att instanceof Endpoint e) {
      if (key.isReadable()) {
        e.readUdp(udpBuffer);
      } else if (key.isAcceptable()) {
        e.accept();
      }
    } else if (att instanceof Connection c) {
      if (key.isValid() && key.isReadable()) {
        c.read();
      }
      if (key.isValid() && key.isWritable()) {
        c.flush();
      }
    }
  }

  /** Stops the loop: closes every endpoint and connection, then the selector; waits for the thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    selector.wakeup();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("close failed", e);
    }
  }

  /** UDP and TCP on one address and port. */
  public final class Endpoint implements AutoCloseable {
    private final InetSocketAddress address;
    private final DatagramChannel udp;
    private final ServerSocketChannel tcp;
    private final Handler handler;
    private final List<Connection> connections = new ArrayList<>();
    private boolean open = true;

    Endpoint(InetSocketAddress address, DatagramChannel udp, ServerSocketChannel tcp,
        Handler handler) {
      this.address = address;
      this.udp = udp;
      this.tcp = tcp;
      this.handler = handler;
    }

    /** The bound address and port. */
    public InetSocketAddress address() {
      return address;
    }

    private void readUdp(ByteBuffer buffer) {
      while (open) {
        buffer.clear();
        SocketAddress from;
        try {
          from = udp.receive(buffer);
        } catch (IOException e) {
          LOG.debug("UDP receive failed on {}", address, e);
          return;
        }
        if (from == null) {
          return;
        }
        buffer.flip();
        byte[] query = new byte[buffer.remaining()];
        buffer.get(query);
        InetSocketAddress client = (InetSocketAddress) from;
        handler.handle(query, Transport.UDP, client, answer -> execute(() -> sendUdp(answer, client)));
      }
    }

    private void sendUdp(byte[] answer, InetSocketAddress client) {
      if (!open || answer.length == 0) {
        return;
      }
      try {
        udp.send(ByteBuffer.wrap(answer), client); // a full socket buffer drops it: UDP may
      } catch (IOException e) {
        LOG.debug("UDP send to {} failed", client, e);
      }
    }

    private void accept() {
      while (open) {
        SocketChannel ch;
        try {
          ch = tcp.accept();
        } catch (IOException e) {
          LOG.debug("TCP accept failed on {}", address, e);
          return;
        }
        if (ch == null) {
          return;
        }
        try {
          ch.configureBlocking(false);
          ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
          Connection c = new Connection(this, ch);
          c.key = ch.register(selector, SelectionKey.OP_READ, c);
          connections.add(c);
        } catch (IOException e) {
          closeQuietly(ch);
        }
      }
    }

    /** Closes the sockets and every open connection (asynchronously on the loop, waited for). */
    @Override
    public void close() {
      if (Thread.currentThread() == thread || closed) {
        closeNow();
        return;
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      execute(() -> {
        closeNow();
        done.complete(null);
      });
      try {
        done.get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeNow();
      } catch (ExecutionException | TimeoutException e) {
        closeNow(); // loop gone: close from here
      }
    }

    private void closeNow() {
      if (!open) {
        return;
      }
      open = false;
      for (Connection c : new ArrayList<>(connections)) {
        c.close();
      }
      closeQuietly(udp);
      closeQuietly(tcp);
      endpoints.remove(this);
    }
  }

  /** One TCP connection: reads length-prefixed queries, writes answers in any order. */
  private final class Connection {
    private final Endpoint endpoint;
    private final SocketChannel channel;
    private final InetSocketAddress client;
    private final ByteBuffer length = ByteBuffer.allocate(2);
    private @Nullable ByteBuffer message;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private @Nullable SelectionKey key;
    private boolean inputClosed;
    private boolean open = true;
    /** Queries handed to the handler and not answered yet (a dropped one stays counted). */
    private int inFlight;

    Connection(Endpoint endpoint, SocketChannel channel) throws IOException {
      this.endpoint = endpoint;
      this.channel = channel;
      this.client = (InetSocketAddress) channel.getRemoteAddress();
    }

    void read() {
      try {
        while (open) {
          ByteBuffer target = message != null ? message : length;
          int n = channel.read(target);
          if (n < 0) {
            inputClosed = true;
            if (pending.isEmpty() && inFlight == 0) {
              close();
            }
            interest();
            return;
          }
          if (n == 0) {
            return;
          }
          if (message == null && !length.hasRemaining()) {
            length.flip();
            int len = length.getShort() & 0xFFFF;
            length.clear();
            message = ByteBuffer.allocate(len);
          }
          ByteBuffer m = message;
          if (m != null && !m.hasRemaining()) {
            message = null;
            byte[] query = new byte[m.capacity()];
            m.flip();
            m.get(query);
            inFlight++;
            endpoint.handler.handle(query, Transport.TCP, client,
                answer -> execute(() -> write(answer)));
          }
        }
      } catch (IOException e) {
        close();
      }
    }

    void write(byte[] answer) {
      inFlight--;
      if (!open) {
        return;
      }
      if (answer.length == 0) {
        if (inputClosed && pending.isEmpty() && inFlight == 0) {
          close();
        }
        return;
      }
      ByteBuffer b = ByteBuffer.allocate(answer.length + 2);
      b.putShort((short) answer.length).put(answer).flip();
      pending.add(b);
      flush();
    }

    void flush() {
      try {
        while (!pending.isEmpty()) {
          ByteBuffer b = pending.peek();
          channel.write(b);
          if (b.hasRemaining()) {
            break;
          }
          pending.poll();
        }
      } catch (IOException e) {
        close();
        return;
      }
      if (pending.isEmpty() && inputClosed && inFlight == 0) {
        close();
        return;
      }
      interest();
    }

    private void interest() {
      SelectionKey k = key;
      if (k != null && k.isValid()) {
        k.interestOps((inputClosed ? 0 : SelectionKey.OP_READ)
            | (pending.isEmpty() ? 0 : SelectionKey.OP_WRITE));
      }
    }

    void close() {
      if (!open) {
        return;
      }
      open = false;
      SelectionKey k = key;
      if (k != null) {
        k.cancel();
      }
      closeQuietly(channel);
      endpoint.connections.remove(this);
    }
  }
}
