package org.dvinspector.http.internal;

import java.net.Proxy;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.CookieJar;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.AcmeTlsAlpn01Check;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.http.internal.tlsalpn.AlpnClient;
import org.dvinspector.http.internal.tlsalpn.TlsAlpnCheckRun;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;
import org.jspecify.annotations.Nullable;

/**
 * The started {@code http} module of one inspector: an OkHttp client derived from the host's,
 * behaving like a CA's validator, shared by every inspection; each check runs on it.
 */
public final class HttpRuntime implements ModuleRuntime {
  private final ModuleServices services;
  private final @Nullable HostAddressLookup hostLookup;
  private final Dispatcher dispatcher;
  private final ConnectionPool pool;
  private final Fetcher fetcher;
  private final AlpnClient alpn;

  /** Starts the runtime with the host's client (trust, interceptors and listeners are kept). */
  public HttpRuntime(
      ModuleServices services, OkHttpClient hostClient, @Nullable HostAddressLookup hostLookup) {
    this.services = services;
    this.hostLookup = hostLookup;
    NetworkPolicy policy = services.networkPolicy();
    // OkHttp's default dispatcher pool uses non-daemon threads that live 60 s after the last
    // call: an application that forgets close() would not exit for a minute. Ours are daemons.
    this.dispatcher = new Dispatcher(dispatcherPool());
    // All requests of a check go to the same host name: the per-host limit must not be lower.
    dispatcher.setMaxRequests(policy.maxConcurrentConnections());
    dispatcher.setMaxRequestsPerHost(policy.maxConcurrentConnections());
    // A CA opens a fresh connection per validation: no pooled connection is reused (it could be to
    // another address of the same name).
    this.pool = new ConnectionPool(0, 1, TimeUnit.SECONDS);
    OkHttpClient base = hostClient.newBuilder()
        .dispatcher(dispatcher)
        .connectionPool(pool)
        .proxy(Proxy.NO_PROXY)
        .cache(null)
        .cookieJar(CookieJar.NO_COOKIES)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .protocols(List.of(Protocol.HTTP_1_1))
        .build();
    X509TrustManager trust = hostClient.x509TrustManager();
    this.fetcher = new Fetcher(base, new MappedSocketFactory(policy),
        trust != null ? trust : platformTrust(), hostClient.hostnameVerifier(),
        services.scheduler(), services.clock());
    this.alpn = new AlpnClient(policy, services.scheduler());
  }

  /** Like OkHttp's default dispatcher pool (unbounded, 60 s keep-alive), with daemon threads. */
  private static ExecutorService dispatcherPool() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "dvinspector-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static X509TrustManager platformTrust() {
    try {
      TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      for (TrustManager tm : f.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("The platform has no X.509 trust manager");
    } catch (NoSuchAlgorithmException | KeyStoreException e) {
      throw new IllegalStateException("The platform's trust store cannot be loaded", e);
    }
  }

  @Override
  public CompletionStage<CheckResult.Status> run(Check check, InspectionContext context) {
    if (check instanceof AcmeTlsAlpn01Check tls) {
      if (context.domain().isWildcard()) {
        // BR 3.2.2.4.20: tls-alpn-01 cannot validate a wildcard; the policy gates report it.
        return CompletableFuture.completedFuture(CheckResult.Status.FAILED);
      }
      Budgets budgets = new Budgets(context);
      return new TlsAlpnCheckRun(tls, context, services.networkPolicy(), alpn,
          new AddressResolver(services, hostLookup, context, budgets), budgets,
          services.executor()).run();
    }
    ValidationTarget target;
    if (check instanceof HttpFileCheck file) {
      target = ValidationTarget.file(file, context.profile());
    } else if (check instanceof AcmeHttp01Check acme) {
      target = ValidationTarget.acme(acme, context.profile());
    } else {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "The http module cannot run a " + check.kind() + " check"));
    }
    if (context.domain().isWildcard()) {
      // BR 3.2.2.4.18/.19: no HTTP method for wildcard names. The policy gates already report
      // METHOD_NOT_ALLOWED_FOR_WILDCARD; there is no host to fetch from.
      return CompletableFuture.completedFuture(CheckResult.Status.FAILED);
    }
    Budgets budgets = new Budgets(context);
    AddressResolver resolver = new AddressResolver(services, hostLookup, context, budgets);
    CheckRun run = new CheckRun(target, context.domain(), context, services.networkPolicy(),
        fetcher, resolver, budgets, services.executor());
    return new HttpCheckRunner(run).run();
  }

  @Override
  public void close() {
    alpn.close();
    dispatcher.cancelAll();
    dispatcher.executorService().shutdown();
    pool.evictAll();
  }
}
