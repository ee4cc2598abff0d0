package org.dvinspector.http.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.dvinspector.spi.Text;
import org.jspecify.annotations.Nullable;

/**
 * One GET to one address, asynchronously ({@link Call#enqueue}), like a CA's validator: the URL's
 * host name is kept for the Host header and SNI while the connection is pinned to the given
 * address and routed by the network policy; the body is read up to a cap; the whole exchange is
 * bounded by a budget that ends before the inspection deadline.
 */
final class Fetcher {
  /** Never read more than this, whatever the profile says: bodies are only compared, not kept. */
  static final int HARD_BODY_CAP = 16 * 1024;

  /** Below this budget a request is not started: it could not finish meaningfully. */
  static final Duration MIN_BUDGET = Duration.ofMillis(20);

  static final String USER_AGENT =
      "Mozilla/5.0 (compatible; DV Inspector validation check; +https://github.com/dvinspector/dvinspector)";

  /**
   * A current desktop browser's User-Agent: after the CA's agent is refused, the same URL is
   * fetched again with it, to tell a rule against the CA's agent from a broken site.
   */
  static final String BROWSER_USER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

  /** The headers a browser sends with a plain page request. */
  static final Map<String, String> BROWSER_HEADERS = Map.of(
      "User-Agent", BROWSER_USER_AGENT,
      "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
      "Accept-Language", "en-US,en;q=0.5");

  private final OkHttpClient base;
  private final MappedSocketFactory sockets;
  private final X509TrustManager trust;
  private final HostnameVerifier hostnames;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;

  Fetcher(OkHttpClient base, MappedSocketFactory sockets, X509TrustManager trust,
      HostnameVerifier hostnames, ScheduledExecutorService scheduler, Clock clock) {
    this.base = base;
    this.sockets = sockets;
    this.trust = trust;
    this.hostnames = hostnames;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Fetches {@code url} from {@code address}.
   *
   * @param headers the request headers, User-Agent included (the CA's, or a browser's)
   * @param cap bytes of body the CA reads; one more is read to tell whether the body is larger
   * @param strictTls whether a certificate problem aborts the handshake
   * @param strictName whether a certificate for another host name aborts it
   * @param budget how long the whole exchange may take
   * @param cutByDeadline whether the budget was shortened by the inspection deadline (a timeout
   *     then says nothing about the CA's own timeout)
   */
  CompletableFuture<FetchResult> fetch(HttpUrl url, InetAddress address,
      Map<String, String> headers, int cap, boolean strictTls, boolean strictName,
      Duration budget, boolean cutByDeadline) {
    CompletableFuture<FetchResult> out = new CompletableFuture<>();
    long t0 = System.nanoTime();
    if (budget.compareTo(MIN_BUDGET) < 0) {
      out.complete(FetchResult.failure(url, address, FetchResult.Kind.NO_TIME, false, true,
          "not attempted: the inspection deadline was reached", List.of(), null, Duration.ZERO));
      return out;
    }
    int readCap = Math.max(1, Math.min(cap, HARD_BODY_CAP));
    TlsRecorder tls = new TlsRecorder(trust, hostnames, strictTls, strictName, clock.millis());
    Phases phases = new Phases();
    EventListener.Factory hostListeners = base.eventListenerFactory();
    OkHttpClient.Builder builder = base.newBuilder()
        .dns(new PinnedDns(url.host(), address))
        .socketFactory(sockets)
        .eventListenerFactory(call -> hostListeners.create(call).plus(phases))
        .connectTimeout(budget)
        .readTimeout(budget)
        .writeTimeout(budget)
        .callTimeout(budget);
    if (url.isHttps()) {
      try {
        X509TrustManager tm = tls.trustManager();
        builder.sslSocketFactory(tls.socketFactory(tm), tm).hostnameVerifier(tls.hostnameVerifier());
      } catch (GeneralSecurityException e) {
        out.complete(FetchResult.failure(url, address, FetchResult.Kind.TLS_FAILED, false, false,
            "TLS is not available in this JVM: " + Text.escape(String.valueOf(e.getMessage())),
            List.of(), null, Duration.ZERO));
        return out;
      }
    }
    Request.Builder rb = new Request.Builder().url(url);
    headers.forEach(rb::header);
    Request request = rb.build();
    Call call = builder.build().newCall(request);
    AtomicBoolean timerFired = new AtomicBoolean();
    // callTimeout starts only when the dispatcher runs the call; this timer also covers the time
    // a call waits in the dispatcher's queue (concurrency limit).
    ScheduledFuture<?> timer = scheduler.schedule(() -> {
      timerFired.set(true);
      call.cancel();
    }, budget.toMillis(), TimeUnit.MILLISECONDS);
    try {
      call.enqueue(callback(out, url, address, readCap, tls, phases, timerFired, timer,
          cutByDeadline, t0));
    } catch (RuntimeException e) {
      // The dispatcher was shut down: the inspector is closing.
      timer.cancel(false);
      out.complete(FetchResult.failure(url, address, FetchResult.Kind.NO_TIME, false, true,
          "not attempted: the inspector is closing", List.of(), null, Duration.ZERO));
    }
    return out;
  }

  private static Callback callback(CompletableFuture<FetchResult> out, HttpUrl url,
      InetAddress address, int readCap, TlsRecorder tls, Phases phases, AtomicBoolean timerFired,
      ScheduledFuture<?> timer, boolean cutByDeadline, long t0) {
    return new Callback() {
      @Override
      public void onFailure(Call c, IOException e) {
        timer.cancel(false);
        out.complete(failure(url, address, e, phases, tls, timerFired.get(), cutByDeadline, t0));
      }

      @Override
      public void onResponse(Call c, Response response) {
        try (Response r = response) {
          ResponseBody body = r.body();
          BufferedSource source = body.source();
          boolean over = source.request(readCap + 1L);
          long available = Math.min(source.getBuffer().size(), readCap);
          byte[] bytes = source.getBuffer().readByteArray(available);
          if (over) {
            // Stop the server's stream at once instead of draining an endless body.
            c.cancel();
          }
          timer.cancel(false);
          out.complete(new FetchResult(url, address, FetchResult.Kind.RESPONSE, r.code(),
              r.headers(), bytes, over, true, url.isHttps(), cutByDeadline, "", tls.problems(),
              tls.certificateSummary(), elapsed(t0)));
        } catch (IOException | RuntimeException e) {
          timer.cancel(false);
          IOException io = e instanceof IOException ioe ? ioe : new IOException(e);
          FetchResult f = failure(url, address, io, phases, tls, timerFired.get(), cutByDeadline, t0);
          if (f.kind == FetchResult.Kind.TIMEOUT) {
            out.complete(f);
          } else if (isProtocolError(io)) {
            out.complete(FetchResult.failure(url, address, FetchResult.Kind.MALFORMED, true,
                true, cutByDeadline, "the body of the response (status " + response.code()
                    + ") is malformed: " + describe(io), f.tlsProblems, f.certificate, f.latency));
          } else {
            out.complete(FetchResult.failure(url, address, FetchResult.Kind.BROKEN, true,
                cutByDeadline, "the response (status " + response.code() + ") broke off: "
                    + describe(io), f.tlsProblems, f.certificate, f.latency));
          }
        }
      }
    };
  }

  private static FetchResult failure(HttpUrl url, InetAddress address, IOException e,
      Phases phases, TlsRecorder tls, boolean timerFired, boolean cutByDeadline, long t0) {
    boolean connected = phases.tcpConnected;
    FetchResult.Kind kind;
    String what;
    if (timerFired || isTimeout(e)) {
      kind = FetchResult.Kind.TIMEOUT;
      what = !connected ? "no connection in time"
          : url.isHttps() && !phases.tlsDone ? "no TLS handshake in time"
          : phases.responseStarted ? "the response did not finish in time"
          : "no response in time";
    } else if (!connected) {
      kind = FetchResult.Kind.CONNECT_FAILED;
      what = "connection failed: " + describe(e);
    } else if (url.isHttps() && !phases.tlsDone) {
      kind = FetchResult.Kind.TLS_FAILED;
      what = "TLS handshake failed: " + describe(e);
    } else if (unterminatedLineBytes(e) == 0) {
      kind = FetchResult.Kind.BROKEN;
      what = "the server closed the connection without answering";
    } else if (headerLimitExceeded(e)) {
      // OkHttp reads at most 256 KiB of response headers; Go's client (Let's Encrypt) reads up
      // to 10 MiB. What the CA would make of the response is unknown here.
      kind = FetchResult.Kind.INSPECTOR_LIMIT;
      what = "the response headers are longer than the inspector reads ("
          + HEADER_LIMIT / 1024 + " KiB)";
    } else if (unterminatedLineBytes(e) > 0) {
      kind = FetchResult.Kind.MALFORMED;
      what = "the answer is not valid HTTP: the connection closed in the middle of a line of the"
          + " status or headers (an HTTP/0.9 reply or a truncated header), after "
          + unterminatedLineBytes(e) + " bytes";
    } else if (isProtocolError(e)) {
      kind = FetchResult.Kind.MALFORMED;
      String d = describe(e);
      what = (d.contains("\\x15\\x03") || d.contains("\\x16\\x03")
          ? "the server answered with TLS instead of HTTP: " : "the answer is not valid HTTP: ") + d;
    } else {
      kind = FetchResult.Kind.BROKEN;
      what = "the exchange broke off: " + describe(e);
    }
    return FetchResult.failure(url, address, kind, connected, phases.tlsDone, cutByDeadline, what,
        tls.problems(), tls.certificateSummary(), elapsed(t0));
  }

  /** OkHttp's limit on the bytes of response headers (HeadersReader). */
  static final int HEADER_LIMIT = 256 * 1024;

  /**
   * Whether OkHttp gave up reading the response headers at its own limit rather than because the
   * server closed the connection mid-line: okio reports both as {@code "\\n not found: limit=N
   * ..."}, N being the bytes it scanned, so a long scan means the limit (Go's client, Let's
   * Encrypt's, reads up to 10 MiB of headers).
   */
  static boolean headerLimitExceeded(Throwable e) {
    return unterminatedLineBytes(e) >= 64 * 1024;
  }

  /**
   * The bytes of a status or header line the response ended in without a line end (okio's {@code
   * "\\n not found: limit=N"}), or -1 when the error is something else.
   */
  static long unterminatedLineBytes(Throwable e) {
    String prefix = "\\n not found: limit=";
    for (Throwable c = e; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (c instanceof java.io.EOFException && m != null && m.startsWith(prefix)) {
        String digits = m.substring(prefix.length()).replaceAll("\\D.*", "");
        try {
          return digits.isEmpty() ? -1 : Long.parseLong(digits);
        } catch (NumberFormatException ex) {
          return -1;
        }
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return -1;
  }

  /** Whether the server's answer broke the HTTP/1.1 syntax (OkHttp's ProtocolException). */
  static boolean isProtocolError(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.net.ProtocolException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private static boolean isTimeout(IOException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SocketTimeoutException) {
        return true;
      }
      if (c instanceof InterruptedIOException && "timeout".equals(c.getMessage())) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** A short, escaped description of an I/O error: its type and message. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root
        && !(root instanceof SSLException && root.getMessage() != null)) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    String type = root.getClass().getSimpleName();
    return Text.escape(msg == null || msg.isBlank() ? type : type + ": " + msg);
  }

  private static Duration elapsed(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** Resolves only the URL's host, to the one pinned address. */
  private static final class PinnedDns implements Dns {
    private final String host;
    private final InetAddress address;

    PinnedDns(String host, InetAddress address) {
      this.host = host;
      this.address = address;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
      if (hostname.equalsIgnoreCase(host)) {
        return List.of(address);
      }
      throw new UnknownHostException("Only " + host + " is resolvable on this connection");
    }
  }

  /** How far one call got: whether TCP connected, TLS finished, a response started. */
  private static final class Phases extends EventListener {
    volatile boolean tcpConnected;
    volatile boolean tlsDone;
    volatile boolean responseStarted;

    @Override
    public void secureConnectStart(Call call) {
      tcpConnected = true;
    }

    @Override
    public void secureConnectEnd(Call call, @Nullable Handshake handshake) {
      tlsDone = true;
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy,
        @Nullable Protocol protocol) {
      tcpConnected = true;
    }

    @Override
    public void responseHeadersStart(Call call) {
      responseStarted = true;
    }
  }
}
