package org.dvinspector.dns.internal.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * One exchange, run entirely on the {@link IoLoop} thread: its UDP attempts, the switch to TCP
 * when an answer is truncated, the retry without EDNS, and its timers. It completes its future on
 * the executor.
 *
 * <p>Replies are matched as RFC 5452 §9.1 asks: a connected UDP socket receives only from the
 * server's address, and a datagram whose ID, flags or question differ from the query's, or that
 * cannot be read, is discarded while the attempt keeps waiting, so an off-path sender cannot end
 * a good exchange.
 */
final class Exchanger implements IoLoop.Handler {
  /** The EDNS UDP payload size advertised (DNS flag day 2020). */
  static final int EDNS_PAYLOAD = 1232;
  private static final int MAX_MESSAGE = 65_535;

  private final IoLoop loop;
  private final Query query;
  private final InetSocketAddress routed;
  private final Executor executor;
  private final Consumer<Exchange> done;
  private final Runnable onFinished;
  private final ByteBuffer udpBuffer;

  private @Nullable SelectableChannel channel;
  private IoLoop.@Nullable Timer timer;
  private boolean tcp;
  private boolean edns = true;
  private boolean ednsDropped;
  private boolean retriedOverTcp;
  private int attempt;
  private int sent;
  private int discarded;
  private @Nullable String lastDiscard;
  private long sentNanos;
  private boolean finished;
  /** Whether it holds one of the transport's slots (set by the transport on the loop thread). */
  boolean holdsSlot;
  /** While it waits for a slot: the timer that ends it at its deadline (set by the transport). */
  IoLoop.@Nullable Timer waitTimer;
  private int id;
  private byte[] question = new byte[0];

  // TCP state
  private @Nullable ByteBuffer tcpOut;
  private final ByteBuffer tcpLength = ByteBuffer.allocate(2);
  private @Nullable ByteBuffer tcpIn;

  Exchanger(IoLoop loop, Query query, InetSocketAddress routed, Executor executor,
      ByteBuffer udpBuffer, Runnable onFinished, Consumer<Exchange> done) {
    this.loop = loop;
    this.onFinished = onFinished;
    this.query = query;
    this.routed = routed;
    this.executor = executor;
    this.udpBuffer = udpBuffer;
    this.done = done;
  }

  /** The query. */
  Query query() {
    return query;
  }

  /** Ends an exchange that never got a slot before its deadline; on the loop thread. */
  void notSent(int waitingAhead) {
    finish(null, Failure.NOT_SENT, "not sent: the inspection deadline passed while the question"
        + " waited for the inspector's limit on questions in flight (" + waitingAhead
        + " waiting)");
  }

  /** It got a slot: its deadline timer is no longer needed (nor may it keep this reachable). */
  void stopWaiting() {
    IoLoop.Timer t = waitTimer;
    if (t != null) {
      t.cancel();
      waitTimer = null;
    }
  }

  /** Starts the first attempt; on the loop thread. */
  void start() {
    if (System.nanoTime() - query.deadlineNanos() >= 0) {
      finish(null, Failure.NOT_SENT, "not sent: the inspection deadline had passed before the"
          + " question could be sent");
      return;
    }
    attempt = 1;
    send();
  }

  private String transport() {
    return tcp ? "tcp" : "udp";
  }

  /** Builds the query with a fresh ID: every attempt gets its own (RFC 5452 §4.3). */
  private byte[] build() {
    id = loop.nextMessageId();
    Message m = Message.newQuery(Record.newRecord(query.name(), query.type(), DClass.IN));
    m.getHeader().setID(id);
    if (!query.recursionDesired()) {
      m.getHeader().unsetFlag(Flags.RD);
    }
    if (edns) {
      ClientSubnet subnet = query.clientSubnet();
      int flags = query.dnssecOk() ? ExtendedFlags.DO : 0;
      m.addRecord(subnet == null ? new OPTRecord(EDNS_PAYLOAD, 0, 0, flags)
          : new OPTRecord(EDNS_PAYLOAD, 0, 0, flags,
              new ClientSubnetOption(subnet.prefix(), subnet.network())), Section.ADDITIONAL);
    }
    byte[] wire = m.toWire();
    question = Wire.questionOf(wire);
    return wire;
  }

  private void send() {
    closeChannel();
    long now = System.nanoTime();
    long left = query.deadlineNanos() - now;
    if (left <= 0) {
      finish(null, Failure.DEADLINE, "the inspection deadline was reached after " + sent
          + " attempt" + (sent == 1 ? "" : "s"));
      return;
    }
    long timeout = Math.min(query.attemptTimeout().toNanos(), left);
    boolean cutByDeadline = timeout < query.attemptTimeout().toNanos();
    byte[] wire = build();
    try {
      if (tcp) {
        openTcp(wire);
      } else {
        openUdp(wire);
      }
    } catch (IOException | RuntimeException e) {
      failed(e);
      return;
    }
    if (sent == 0) {
      sentNanos = now;
    }
    sent++;
    timer = loop.schedule(now + timeout, () -> timedOut(cutByDeadline));
  }

  private void openUdp(byte[] wire) throws IOException {
    DatagramChannel ch = DatagramChannel.open(routed.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    channel = ch;
    ch.configureBlocking(false);
    // A connected socket only receives datagrams from the server's address and port.
    ch.connect(routed);
    ch.write(ByteBuffer.wrap(wire));
    ch.register(loop.selector(), SelectionKey.OP_READ, this);
  }

  private void openTcp(byte[] wire) throws IOException {
    SocketChannel ch = SocketChannel.open();
    channel = ch;
    ch.configureBlocking(false);
    ByteBuffer out = ByteBuffer.allocate(2 + wire.length);
    out.putShort((short) wire.length).put(wire).flip();
    tcpOut = out;
    tcpLength.clear();
    tcpIn = null;
    if (ch.connect(routed)) {
      ch.register(loop.selector(), SelectionKey.OP_WRITE, this);
    } else {
      ch.register(loop.selector(), SelectionKey.OP_CONNECT, this);
    }
  }

  @Override
  public void ready(SelectionKey key) {
    if (finished || key.channel() != channel) {
      return;
    }
    try {
      if (tcp) {
        tcpReady(key);
      } else if (key.isReadable()) {
        udpReadable();
      }
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  private void udpReadable() throws IOException {
    DatagramChannel ch = (DatagramChannel) channel;
    if (ch == null) {
      return;
    }
    while (!finished && ch == channel) {
      udpBuffer.clear();
      int n = ch.read(udpBuffer);
      if (n <= 0) {
        return;
      }
      byte[] bytes = new byte[n];
      udpBuffer.flip();
      udpBuffer.get(bytes);
      received(bytes);
    }
  }

  private void tcpReady(SelectionKey key) throws IOException {
    SocketChannel ch = (SocketChannel) key.channel();
    if (key.isConnectable()) {
      ch.finishConnect();
      key.interestOps(SelectionKey.OP_WRITE);
      return;
    }
    ByteBuffer out = tcpOut;
    if (key.isWritable() && out != null) {
      ch.write(out);
      if (!out.hasRemaining()) {
        tcpOut = null;
        key.interestOps(SelectionKey.OP_READ);
      }
      return;
    }
    if (!key.isReadable()) {
      return;
    }
    ByteBuffer in = tcpIn;
    if (in == null) {
      if (ch.read(tcpLength) < 0) {
        closedEarly(tcpLength.position(), 2);
        return;
      }
      if (tcpLength.hasRemaining()) {
        return;
      }
      int length = ((tcpLength.get(0) & 0xff) << 8) | (tcpLength.get(1) & 0xff);
      if (length < 12) {
        finish(null, Failure.MALFORMED, "a " + length + "-byte answer over tcp, shorter than a"
            + " DNS header");
        return;
      }
      in = ByteBuffer.allocate(length);
      tcpIn = in;
    }
    if (ch.read(in) < 0) {
      closedEarly(in.position(), in.capacity());
      return;
    }
    if (in.hasRemaining()) {
      return;
    }
    byte[] bytes = in.array();
    String mismatch = Wire.mismatch(bytes, id, question);
    if (mismatch != null) {
      // Over TCP the connection is the server's own: a wrong reply is the server's fault.
      finish(null, Failure.MALFORMED, "an answer over tcp that does not match the question ("
          + mismatch + ")");
      return;
    }
    Message m;
    try {
      m = new Message(bytes);
    } catch (IOException | RuntimeException e) {
      finish(null, Failure.MALFORMED, "a malformed answer over tcp: " + describe(e));
      return;
    }
    answered(m);
  }

  private void closedEarly(int got, int wanted) {
    finish(null, Failure.MALFORMED, "the server closed the tcp connection after " + got + " of "
        + wanted + " bytes of the " + (wanted == 2 ? "length prefix" : "answer"));
  }

  /** A datagram arrived on the connected socket. */
  private void received(byte[] bytes) {
    String mismatch = Wire.mismatch(bytes, id, question);
    if (mismatch != null) {
      discard(mismatch);
      return;
    }
    Message m;
    try {
      m = new Message(bytes);
    } catch (IOException | RuntimeException e) {
      discard("unreadable: " + describe(e));
      return;
    }
    answered(m);
  }

  private void discard(String why) {
    discarded++;
    lastDiscard = why;
  }

  private void answered(Message m) {
    int rcode = m.getRcode();
    if (edns && m.getOPT() == null
        && (rcode == Rcode.FORMERR || rcode == Rcode.NOTIMP || rcode == Rcode.BADVERS)) {
      // RFC 6891 §7: a server that does not understand EDNS answers FORMERR (or NOTIMP) without
      // an OPT record; ask it again without EDNS. This does not use up an attempt.
      edns = false;
      ednsDropped = true;
      cancelTimer();
      send();
      return;
    }
    if (!tcp && m.getHeader().getFlag(Flags.TC)) {
      // RFC 7766 §5: a truncated UDP answer is asked again over TCP.
      tcp = true;
      retriedOverTcp = true;
      attempt = 1;
      cancelTimer();
      send();
      return;
    }
    if (tcp && m.getHeader().getFlag(Flags.TC)) {
      finish(null, Failure.MALFORMED, "the answer was truncated even over tcp (TC bit set)");
      return;
    }
    finish(m, Failure.NONE, "");
  }

  private void timedOut(boolean cutByDeadline) {
    if (finished) {
      return;
    }
    timer = null;
    if (loop.isClosed()) {
      finish(null, Failure.CLOSED, "the inspector was closed");
      return;
    }
    if (cutByDeadline) {
      finish(null, Failure.DEADLINE, "the inspection deadline was reached after " + attempt
          + " attempt" + (attempt == 1 ? "" : "s") + withDiscards());
      return;
    }
    if (attempt < query.attempts()) {
      attempt++;
      send();
      return;
    }
    if (discarded > 0) {
      finish(null, Failure.MALFORMED, "no usable answer after " + attempt + " attempt"
          + (attempt == 1 ? "" : "s") + " of " + millis() + " over " + transport() + withDiscards());
      return;
    }
    finish(null, Failure.TIMEOUT, "no answer after " + attempt + " attempt"
        + (attempt == 1 ? "" : "s") + " of " + millis() + " over " + transport());
  }

  private String withDiscards() {
    return discarded == 0 ? "" : " (" + discarded + " reply" + (discarded == 1 ? "" : "s")
        + " discarded, the last " + lastDiscard + ")";
  }

  private String millis() {
    long ms = query.attemptTimeout().toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private void failed(Throwable e) {
    if (finished) {
      return;
    }
    String what = describe(e);
    if (e instanceof PortUnreachableException) {
      finish(null, Failure.UNREACHABLE, "port unreachable over " + transport()
          + " (nothing listens on the DNS port)");
    } else if (e instanceof ConnectException) {
      finish(null, Failure.UNREACHABLE, "connection refused over " + transport());
    } else if (e instanceof NoRouteToHostException || isNoRoute(e)) {
      finish(null, Failure.LOCAL_NETWORK, "the inspector's host has no route to "
          + routed.getAddress().getHostAddress() + " (" + what + ")");
    } else if (isOutOfDescriptors(e)) {
      finish(null, Failure.LOCAL_RESOURCES, "the inspector could not open a socket (" + what
          + ")");
    } else if (e instanceof SocketException && what.toLowerCase(Locale.ROOT).contains("reset")) {
      finish(null, Failure.UNREACHABLE, "connection reset by the server over " + transport());
    } else if (e instanceof IOException) {
      finish(null, Failure.UNREACHABLE, "could not be reached over " + transport() + ": " + what);
    } else {
      finish(null, Failure.MALFORMED, "could not be asked over " + transport() + ": " + what);
    }
  }

  private static boolean isNoRoute(Throwable e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("network is unreachable") || m.contains("no route to host")
        || m.contains("cannot assign requested address")
        || m.contains("protocol family unavailable") || m.contains("address family not supported");
  }

  private static boolean isOutOfDescriptors(Throwable e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("too many open files") || m.contains("no buffer space");
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The loop is closing. */
  void abandon() {
    finish(null, Failure.CLOSED, "the inspector was closed");
  }

  private void cancelTimer() {
    IoLoop.Timer t = timer;
    if (t != null) {
      t.cancel();
      timer = null;
    }
  }

  private void closeChannel() {
    SelectableChannel ch = channel;
    channel = null;
    if (ch != null) {
      try {
        // Closing also cancels the selection key; the descriptor is released at the next select.
        ch.close();
      } catch (IOException e) {
        // Nothing useful to do: the socket is gone either way.
      }
    }
  }

  private void finish(@Nullable Message response, Failure failure, String detail) {
    if (finished) {
      return;
    }
    finished = true;
    cancelTimer();
    closeChannel();
    onFinished.run();
    long end = System.nanoTime();
    long start = sent == 0 ? end : sentNanos;
    Exchange x = new Exchange(query, response, failure, detail, transport(), retriedOverTcp,
        ednsDropped, sent, discarded, start, end);
    try {
      executor.execute(() -> done.accept(x));
    } catch (RejectedExecutionException e) {
      // The host's executor refuses work: say so, completing here as the last resort.
      done.accept(new Exchange(query, null, Failure.REJECTED, "the host's executor refused the"
          + " work of completing the question (" + describe(e) + ")", transport(), retriedOverTcp,
          ednsDropped, sent, discarded, start, end));
    }
  }
}
