package org.dvinspector.http.internal.tlsalpn;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.spi.Text;
import org.jspecify.annotations.Nullable;

/**
 * TLS handshakes the way a CA's validator makes them for tls-alpn-01 (boulder va/tlsalpn.go at
 * commit 2d00c8e27919fe945e53b2cf857838e68a1da111, {@code getChallengeCert}): TLS 1.2 or 1.3, SNI
 * set to the name, ALPN offering the given protocols ({@code acme-tls/1} only, for the
 * validation), every certificate accepted (the challenge certificate is self-signed: it is judged
 * afterwards), the connection closed once the handshake is done. The socket goes where the
 * {@link NetworkPolicy} routes "address, port 443".
 *
 * <p>Handshakes are blocking socket calls: they run on this client's own threads (at most the
 * policy's {@link NetworkPolicy#maxConcurrentConnections()} at once), each bounded by its budget
 * with a timer that closes the socket, so nothing outlives the inspection deadline.
 */
public final class AlpnClient implements AutoCloseable {
  /** The port tls-alpn-01 uses (RFC 8737 §3). */
  static final int PORT = 443;

  /** Below this budget a handshake is not started. */
  static final Duration MIN_BUDGET = Duration.ofMillis(20);

  private static final String[] VERSIONS = {"TLSv1.3", "TLSv1.2"};

  private final NetworkPolicy policy;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService threads;
  private final SSLSocketFactory tls;

  /** A client with its own threads; close it with the module. */
  public AlpnClient(NetworkPolicy policy, ScheduledExecutorService scheduler) {
    this.policy = policy;
    this.scheduler = scheduler;
    int max = Math.max(1, policy.maxConcurrentConnections());
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(max, max, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "dvinspector-tls-alpn-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    this.threads = pool;
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new AcceptAll()}, null);
      this.tls = context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM cannot make TLS connections", e);
    }
  }

  /**
   * One handshake with {@code address} on port 443 for {@code serverName}, offering {@code
   * protocols}; completes normally within {@code budget} (plus a moment to close).
   */
  CompletableFuture<AlpnHandshake> handshake(InetAddress address, String serverName,
      List<String> protocols, Duration budget, boolean cutByDeadline) {
    if (budget.compareTo(MIN_BUDGET) < 0) {
      return CompletableFuture.completedFuture(AlpnHandshake.failed(address,
          AlpnHandshake.Kind.NO_TIME, "not attempted: the inspection deadline was reached",
          Duration.ZERO, true));
    }
    CompletableFuture<AlpnHandshake> out = new CompletableFuture<>();
    long t0 = System.nanoTime();
    Socket plain = new Socket();
    AtomicBoolean timerFired = new AtomicBoolean();
    ScheduledFuture<?> timer = scheduler.schedule(() -> {
      timerFired.set(true);
      closeQuietly(plain);
    }, budget.toMillis(), TimeUnit.MILLISECONDS);
    try {
      threads.execute(() -> {
        AlpnHandshake h = run(plain, address, serverName, protocols, budget, timerFired,
            cutByDeadline, t0);
        timer.cancel(false);
        out.complete(h);
      });
    } catch (RejectedExecutionException e) {
      timer.cancel(false);
      out.complete(AlpnHandshake.failed(address, AlpnHandshake.Kind.NO_TIME,
          "not attempted: the inspector is closing", Duration.ZERO, true));
    }
    return out;
  }

  private AlpnHandshake run(Socket plain, InetAddress address, String serverName,
      List<String> protocols, Duration budget, AtomicBoolean timerFired, boolean cut, long t0) {
    boolean connected = false;
    try (Socket p = plain) {
      InetSocketAddress target = policy.route(new InetSocketAddress(address, PORT));
      p.connect(target, (int) Math.max(1, budget.toMillis()));
      connected = true;
      long left = budget.toMillis() - elapsed(t0).toMillis();
      p.setSoTimeout((int) Math.max(1, left));
      try (SSLSocket s = (SSLSocket) tls.createSocket(p, serverName, PORT, true)) {
        SSLParameters params = s.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(serverName)));
        params.setApplicationProtocols(protocols.toArray(new String[0]));
        params.setProtocols(supported(s.getSupportedProtocols()));
        params.setEndpointIdentificationAlgorithm(null);
        s.setSSLParameters(params);
        s.startHandshake();
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : s.getSession().getPeerCertificates()) {
          if (c instanceof X509Certificate x) {
            chain.add(x);
          }
        }
        String protocol = s.getApplicationProtocol();
        return new AlpnHandshake(address, AlpnHandshake.Kind.COMPLETED,
            protocol == null ? "" : protocol, s.getSession().getProtocol(), chain, "",
            elapsed(t0), cut);
      }
    } catch (IOException | RuntimeException e) {
      return classify(address, e, connected, timerFired.get(), cut, elapsed(t0));
    }
  }

  private static String[] supported(String[] available) {
    List<String> out = new ArrayList<>();
    for (String v : VERSIONS) {
      if (Arrays.asList(available).contains(v)) {
        out.add(v);
      }
    }
    return out.toArray(new String[0]);
  }

  static AlpnHandshake classify(InetAddress address, Exception e, boolean connected,
      boolean timerFired, boolean cut, Duration latency) {
    String text = messages(e);
    String lower = text.toLowerCase(Locale.ROOT);
    AlpnHandshake.Kind kind;
    String what;
    if (timerFired || e instanceof SocketTimeoutException) {
      kind = connected ? AlpnHandshake.Kind.HANDSHAKE_TIMEOUT : AlpnHandshake.Kind.CONNECT_TIMEOUT;
      what = connected ? "no TLS handshake in time" : "no connection to port 443 in time";
    } else if (!connected) {
      kind = AlpnHandshake.Kind.CONNECT_FAILED;
      what = e instanceof ConnectException ? "port 443 refused the connection"
          : e instanceof NoRouteToHostException ? "no route to the address"
          : "connection to port 443 failed: " + Text.escape(text);
    } else if (lower.contains("no_application_protocol")) {
      kind = AlpnHandshake.Kind.NO_APPLICATION_PROTOCOL;
      what = "the server refused the protocol acme-tls/1 (TLS alert no_application_protocol)";
    } else if (e instanceof SSLException && lower.contains("unsupported or unrecognized ssl message")) {
      kind = AlpnHandshake.Kind.PLAIN_TEXT;
      what = "the server answered without TLS (plain HTTP on port 443?)";
    } else if (e instanceof EOFException || lower.contains("remote host terminated")
        || lower.contains("connection reset")) {
      kind = AlpnHandshake.Kind.HANDSHAKE_FAILED;
      what = "the server closed the connection during the TLS handshake";
    } else {
      kind = AlpnHandshake.Kind.HANDSHAKE_FAILED;
      what = "the TLS handshake failed: " + Text.quote(text, 160);
    }
    return AlpnHandshake.failed(address, kind, what, latency, cut);
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        if (b.length() > 0) {
          b.append("; ");
        }
        b.append(c.getMessage());
      } else if (b.length() == 0) {
        b.append(c.getClass().getSimpleName());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return b.toString();
  }

  private static Duration elapsed(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  /**
   * Accepts every certificate: the challenge certificate is self-signed by design (RFC 8737 §3,
   * boulder's {@code InsecureSkipVerify}); {@link ChallengeCertificate} judges it afterwards. An
   * extended trust manager, so the JDK adds no checks of its own.
   */
  private static final class AcceptAll extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType,
        @Nullable Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType,
        @Nullable SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType,
        @Nullable Socket socket) throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("client certificates are not checked");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType,
        @Nullable SSLEngine engine) throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("client certificates are not checked");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("client certificates are not checked");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
