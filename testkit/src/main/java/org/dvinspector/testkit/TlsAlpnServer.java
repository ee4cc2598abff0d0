package org.dvinspector.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import okhttp3.tls.HeldCertificate;
import org.dvinspector.acme.AcmeChallenges;
import org.jspecify.annotations.Nullable;

/**
 * A TLS server on loopback answering tls-alpn-01 the way a real responder (or a server in the
 * way) does: per SNI name, which certificate it presents and what it does with the client's ALPN
 * offer of {@code acme-tls/1} ({@link Alpn}). Each connection ends after the handshake, as the
 * CA closes it then; what each client sent (SNI, ALPN protocols) is recorded.
 *
 * <pre>{@code
 * try (TlsAlpnServer server = TlsAlpnServer.start("127.0.0.60")) {
 *   server.respond("www.example.com",
 *       TlsAlpnServer.Response.challenge(AcmeTlsCertificate.forChallenge("www.example.com", ka)));
 *   NetworkPolicy policy = NetworkPolicy.builder()
 *       .endpointMapping(EndpointMapping.builder()
 *           .route(server.address().getAddress(), 443, server.address()).build())
 *       ...
 * }
 * }</pre>
 */
public final class TlsAlpnServer implements AutoCloseable {
  /** What the server does with the client's ALPN offer. */
  public enum Alpn {
    /** Selects {@code acme-tls/1} when offered (a tls-alpn-01 responder). */
    SELECT,
    /** Selects no protocol and completes the handshake (a server without ALPN support). */
    IGNORE,
    /**
     * Speaks only {@code h2} and {@code http/1.1}: selects one of them when offered, and refuses
     * any other offer with the fatal alert no_application_protocol (RFC 7301 §3.2), as nginx and
     * many CDNs do when a client offers only {@code acme-tls/1}.
     */
    REFUSE
  }

  /** What the server answers for one SNI name. */
  public static final class Response {
    private final Alpn alpn;
    private final X509Certificate[] chain;
    private final PrivateKey key;

    private Response(Alpn alpn, X509Certificate[] chain, PrivateKey key) {
      this.alpn = alpn;
      this.chain = chain.clone();
      this.key = key;
    }

    /** {@code alpn} behaviour with this chain (leaf first) and the leaf's key. */
    public static Response of(Alpn alpn, List<X509Certificate> chain, PrivateKey key) {
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("A response needs a certificate");
      }
      return new Response(alpn, chain.toArray(new X509Certificate[0]), key);
    }

    /** A tls-alpn-01 responder: selects {@code acme-tls/1} and presents {@code certificate}. */
    public static Response challenge(AcmeTlsCertificate certificate) {
      return of(Alpn.SELECT, List.of(certificate.certificate()), certificate.privateKey());
    }

    /** An ordinary site: presents its own certificate and selects no protocol. */
    public static Response site(HeldCertificate certificate) {
      return of(Alpn.IGNORE, List.of(certificate.certificate()), certificate.keyPair().getPrivate());
    }

    /** An ordinary site that refuses unknown protocols (no_application_protocol). */
    public static Response refusing(HeldCertificate certificate) {
      return of(Alpn.REFUSE, List.of(certificate.certificate()), certificate.keyPair().getPrivate());
    }

    /** A server that negotiates {@code acme-tls/1} but presents {@code certificate} anyway. */
    public static Response selectingWith(HeldCertificate certificate) {
      return of(Alpn.SELECT, List.of(certificate.certificate()), certificate.keyPair().getPrivate());
    }

    /** The ALPN behaviour. */
    public Alpn alpn() {
      return alpn;
    }
  }

  /** What one client sent: its SNI name (empty when none) and the ALPN protocols it offered. */
  public record ClientHello(String serverName, List<String> protocols) {}

  private final ServerSocket server;
  private final SSLSocketFactory tls;
  private final Map<String, Response> bySni = new ConcurrentHashMap<>();
  private final List<ClientHello> hellos = new CopyOnWriteArrayList<>();
  private final ExecutorService workers;
  private volatile @Nullable Response fallback;
  private volatile boolean closed;

  private TlsAlpnServer(ServerSocket server) throws GeneralSecurityException {
    this.server = server;
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {new SniKeyManager()}, null, null);
    this.tls = context.getSocketFactory();
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "tls-alpn-lab-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    workers.execute(this::acceptLoop);
  }

  /** Starts a server on {@code address} (loopback), on a free port. */
  public static TlsAlpnServer start(String address) {
    return start(address, 0);
  }

  /** Starts a server on {@code address} (loopback) and {@code port} (0 for a free one). */
  public static TlsAlpnServer start(String address, int port) {
    try {
      InetAddress a = InetAddress.getByName(address);
      if (!a.isLoopbackAddress()) {
        throw new IllegalArgumentException("The TLS lab binds loopback addresses only: " + address);
      }
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(a, port), 64);
      return new TlsAlpnServer(s);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the TLS lab on " + address, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot make a TLS server", e);
    }
  }

  /** Where the server listens. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** Answers connections whose SNI is {@code serverName} with {@code response}. */
  public TlsAlpnServer respond(String serverName, Response response) {
    bySni.put(serverName.toLowerCase(java.util.Locale.ROOT), Objects.requireNonNull(response));
    return this;
  }

  /** Answers connections with any other (or no) SNI with {@code response}. */
  public TlsAlpnServer respondByDefault(Response response) {
    this.fallback = Objects.requireNonNull(response);
    return this;
  }

  /** What every client sent so far, in order. */
  public List<ClientHello> clientHellos() {
    return List.copyOf(hellos);
  }

  private @Nullable Response responseFor(@Nullable String sni) {
    Response r = sni == null ? null : bySni.get(sni.toLowerCase(java.util.Locale.ROOT));
    return r != null ? r : fallback;
  }

  private static @Nullable String sniOf(@Nullable SSLSession session) {
    if (session instanceof ExtendedSSLSession ext) {
      for (SNIServerName n : ext.getRequestedServerNames()) {
        if (n instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return null;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket plain;
      try {
        plain = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      workers.execute(() -> serve(plain));
    }
  }

  private void serve(Socket plain) {
    try (Socket p = plain) {
      p.setSoTimeout(10_000);
      SSLSocket s = (SSLSocket) tls.createSocket(p, null, p.getPort(), true);
      s.setUseClientMode(false);
      s.setHandshakeApplicationProtocolSelector((socket, offered) -> {
        String sni = sniOf(socket.getHandshakeSession());
        hellos.add(new ClientHello(sni == null ? "" : sni, List.copyOf(offered)));
        Response r = responseFor(sni);
        Alpn alpn = r == null ? Alpn.REFUSE : r.alpn;
        return switch (alpn) {
          case SELECT -> offered.contains(AcmeChallenges.TLS_ALPN_PROTOCOL)
              ? AcmeChallenges.TLS_ALPN_PROTOCOL : null;
          case IGNORE -> "";
          // null: the fatal no_application_protocol alert.
          case REFUSE -> offered.contains("h2") ? "h2"
              : offered.contains("http/1.1") ? "http/1.1" : null;
        };
      });
      s.startHandshake();
      // The client closes after the handshake; wait for that (or the timeout), then close.
      InputStream in = s.getInputStream();
      byte[] buffer = new byte[256];
      while (in.read(buffer) >= 0) {
        // discard
      }
    } catch (IOException | RuntimeException e) {
      // A refused or broken handshake is one of the behaviours under test.
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    workers.shutdownNow();
  }

  /** Chooses the certificate by the SNI name of the handshake. */
  private final class SniKeyManager extends X509ExtendedKeyManager {
    private @Nullable String alias(@Nullable SSLSession session, String keyType) {
      Response r = responseFor(sniOf(session));
      if (r == null || !r.key.getAlgorithm().equalsIgnoreCase(keyType)) {
        return null;
      }
      String sni = sniOf(session);
      return sni != null && bySni.containsKey(sni.toLowerCase(java.util.Locale.ROOT))
          ? "sni:" + sni.toLowerCase(java.util.Locale.ROOT) : "default";
    }

    private @Nullable Response byAlias(String alias) {
      return alias.startsWith("sni:") ? bySni.get(alias.substring(4)) : fallback;
    }

    @Override
    public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers,
        @Nullable Socket socket) {
      return socket instanceof SSLSocket s ? alias(s.getHandshakeSession(), keyType) : null;
    }

    @Override
    public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers,
        @Nullable SSLEngine engine) {
      return engine == null ? null : alias(engine.getHandshakeSession(), keyType);
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
      Response r = byAlias(alias);
      return r == null ? null : r.chain.clone();
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
      Response r = byAlias(alias);
      return r == null ? null : r.key;
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
      List<String> out = new ArrayList<>();
      bySni.forEach((k, v) -> out.add("sni:" + k));
      return out.toArray(new String[0]);
    }

    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
      return null;
    }

    @Override
    public @Nullable String chooseClientAlias(String[] keyType, Principal @Nullable [] issuers,
        @Nullable Socket socket) {
      return null;
    }
  }
}
