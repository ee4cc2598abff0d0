package org.dvinspector.http.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.dvinspector.spi.Text;
import org.jspecify.annotations.Nullable;

/**
 * Records what is wrong with one server's certificate while the handshake goes on.
 *
 * <p>Let's Encrypt's validator does not check the certificate when a redirect leads to HTTPS, and
 * BR 3.2.2.4.18 does not require a valid certificate either; other CAs do. So the module always
 * checks the chain (with the host's trust manager) and the name (with the host's hostname
 * verifier), records any problem, and — unless the profile says a valid certificate is required —
 * lets the handshake continue so the content can still be compared.
 */
final class TlsRecorder {
  private final X509TrustManager delegate;
  private final HostnameVerifier hostnameDelegate;
  private final boolean strict;
  /** Whether a certificate for another name fails the handshake (DigiCert checks only the name). */
  private final boolean strictName;
  private final long nowMillis;
  private final List<String> problems = new ArrayList<>();
  private @Nullable String certificateSummary;

  TlsRecorder(X509TrustManager delegate, HostnameVerifier hostnameDelegate, boolean strict,
      boolean strictName, long nowMillis) {
    this.delegate = delegate;
    this.hostnameDelegate = hostnameDelegate;
    this.strict = strict;
    this.strictName = strict || strictName;
    this.nowMillis = nowMillis;
  }

  /** Problems seen, already escaped, one line each. */
  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /** The leaf certificate's subject names, escaped, when a handshake got that far. */
  synchronized @Nullable String certificateSummary() {
    return certificateSummary;
  }

  private synchronized void add(String problem) {
    if (!problems.contains(problem)) {
      problems.add(problem);
    }
  }

  private synchronized void leaf(X509Certificate[] chain) {
    if (chain.length > 0 && certificateSummary == null) {
      certificateSummary = describe(chain[0]);
    }
  }

  /** The trust manager that records problems. */
  X509TrustManager trustManager() {
    return new RecordingTrustManager();
  }

  /** The hostname verifier that records problems. */
  HostnameVerifier hostnameVerifier() {
    return this::verify;
  }

  /** An SSL socket factory using {@link #trustManager()}. */
  SSLSocketFactory socketFactory(X509TrustManager trustManager) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustManager}, null);
    return context.getSocketFactory();
  }

  private boolean verify(String host, SSLSession session) {
    boolean ok = hostnameDelegate.verify(host, session);
    if (!ok) {
      String names = "unknown names";
      try {
        Certificate[] peer = session.getPeerCertificates();
        if (peer.length > 0 && peer[0] instanceof X509Certificate leafCert) {
          names = describe(leafCert);
        }
      } catch (SSLPeerUnverifiedException e) {
        // Keep "unknown names".
      }
      add("the certificate does not cover " + host + " (it is for " + names + ")");
    }
    return ok || !strictName;
  }

  private void check(X509Certificate[] chain, String authType, @Nullable Socket socket,
      @Nullable SSLEngine engine) throws CertificateException {
    leaf(chain);
    try {
      if (delegate instanceof X509ExtendedTrustManager ext && socket != null) {
        ext.checkServerTrusted(chain, authType, socket);
      } else if (delegate instanceof X509ExtendedTrustManager ext && engine != null) {
        ext.checkServerTrusted(chain, authType, engine);
      } else {
        delegate.checkServerTrusted(chain, authType);
      }
    } catch (CertificateException e) {
      add(classify(e, chain, nowMillis));
      if (strict) {
        throw e;
      }
    }
  }

  static String classify(CertificateException e, X509Certificate[] chain, long nowMillis) {
    String leaf = chain.length > 0 ? describe(chain[0]) : "no certificate";
    String text = String.valueOf(messages(e));
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (chain.length > 0 && isExpired(chain[0], nowMillis)) {
      return "the certificate for " + leaf + " expired on " + notAfter(chain[0]);
    }
    if (chain.length > 0 && notYetValid(chain[0], nowMillis)) {
      return "the certificate for " + leaf + " is not valid before " + notBefore(chain[0]);
    }
    if (lower.contains("expired") || lower.contains("validity")) {
      return "a certificate in the chain of " + leaf + " is expired or not yet valid";
    }
    if (chain.length == 1 && chain[0].getSubjectX500Principal().equals(
        chain[0].getIssuerX500Principal())) {
      return "the certificate for " + leaf + " is self-signed";
    }
    if (lower.contains("unable to find valid certification path")
        || lower.contains("path") || lower.contains("trust anchor")) {
      return "the certificate for " + leaf + " is not issued by a trusted CA (issuer "
          + Text.quote(chain[0].getIssuerX500Principal().getName(), 120) + ")";
    }
    return "the certificate for " + leaf + " was rejected: " + Text.quote(text, 160);
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        if (b.length() > 0) {
          b.append("; ");
        }
        b.append(c.getMessage());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return b.toString();
  }

  @SuppressWarnings("JavaUtilDate") // X509Certificate's API returns Date
  private static java.time.Instant notAfter(X509Certificate c) {
    return c.getNotAfter().toInstant();
  }

  @SuppressWarnings("JavaUtilDate") // X509Certificate's API returns Date
  private static java.time.Instant notBefore(X509Certificate c) {
    return c.getNotBefore().toInstant();
  }

  private static boolean isExpired(X509Certificate c, long nowMillis) {
    return notAfter(c).toEpochMilli() < nowMillis;
  }

  private static boolean notYetValid(X509Certificate c, long nowMillis) {
    return notBefore(c).toEpochMilli() > nowMillis;
  }

  /** The certificate's DNS names (or subject when it has none), escaped. */
  static String describe(X509Certificate c) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0))) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // Fall back to the subject.
    }
    String text = names.isEmpty()
        ? c.getSubjectX500Principal().getName()
        : String.join(", ", names.subList(0, Math.min(5, names.size())))
            + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    return Text.quote(text, 160);
  }

  private final class RecordingTrustManager extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain, authType, socket, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain, authType, null, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain, authType, null, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("This trust manager only checks servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("This trust manager only checks servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("This trust manager only checks servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
