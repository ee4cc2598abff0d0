package org.dvinspector.http;

import java.util.Objects;
import org.dvinspector.http.internal.OkHttpVersion;
import org.dvinspector.http.internal.HttpRuntime;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The {@code http} module: runs {@link org.dvinspector.HttpFileCheck} (BR 3.2.2.4.18), {@link
 * org.dvinspector.AcmeHttp01Check} (RFC 8555 §8.3, BR 3.2.2.4.19) and {@link
 * org.dvinspector.AcmeTlsAlpn01Check} (RFC 8737, BR 3.2.2.4.20) the way a CA does.
 *
 * <p>For each check the module resolves the name's A and AAAA records, then fetches the
 * validation URL from every address at once, over HTTP (port 80) and HTTPS (port 443) as the
 * method and the {@linkplain org.dvinspector.HttpRules profile's HTTP rules} say. Every request is
 * pinned to one address while keeping the domain's {@code Host} header and TLS SNI, and its socket
 * goes where the {@linkplain org.dvinspector.NetworkPolicy#route network policy routes} that
 * address and port. Redirects are followed by the profile's {@linkplain
 * org.dvinspector.RedirectPolicy redirect rules}, each target resolved and checked the same way.
 *
 * <p>For tls-alpn-01 the module connects to port 443 of every address of the name with SNI set to
 * the name and ALPN offering only {@code acme-tls/1}, as Let's Encrypt's validator does, and
 * judges the self-signed challenge certificate the server presents (its one subjectAltName, the
 * critical acmeIdentifier extension holding the SHA-256 of the key authorization). These
 * handshakes run on the module's own threads, at most {@link
 * org.dvinspector.NetworkPolicy#maxConcurrentConnections()} at once, each bounded by the
 * inspection's budget.
 *
 * <p>Addresses come, in order of preference, from the lookup given to {@link
 * Builder#addressLookup(HostAddressLookup)}, from the {@code dns} module when it is present (the
 * CA's view: the authoritative servers), or from the JDK's resolver.
 *
 * <p>Found by {@link java.util.ServiceLoader} with the defaults; build one with {@link #builder()}
 * to give it the host's {@link OkHttpClient} (for its TLS trust, interceptors or event listener)
 * or a fixed address table:
 *
 * <pre>{@code
 * DomainValidationInspector inspector = DomainValidationInspector.builder()
 *     .addModule(HttpModule.builder().client(myOkHttpClient).build())
 *     .findAndAddModules()
 *     .build();
 * }</pre>
 *
 * <p>The module derives its own client from the given one ({@link OkHttpClient#newBuilder()}):
 * it keeps the TLS trust (trust manager and hostname verifier), interceptors and event listeners,
 * and replaces what must behave like a CA's validator: no proxy, no cache, no cookies, no
 * automatic redirects or retries, HTTP/1.1, fresh connections, its own dispatcher bounded by
 * {@link org.dvinspector.NetworkPolicy#maxConcurrentConnections()}, and the policy's timeouts.
 *
 * <p>Threads: the dispatcher runs calls on daemon threads named {@code dvinspector-http-N} (idle
 * ones end after 60 s; all end when the inspector closes), and OkHttp's own {@code OkHttp
 * TaskRunner} daemon threads time out and clean up connections. None keeps the JVM alive.
 *
 * <p>Needs OkHttp 5: the module checks the OkHttp on the class path when it starts and fails
 * with a message naming {@code com.squareup.okhttp3:okhttp-bom} when it finds another major
 * version (an application that declares OkHttp 4.x gets both jars otherwise).
 */
public final class HttpModule implements InspectorModule {
  /** The module id that {@link org.dvinspector.Check#moduleId()} refers to. */
  public static final String ID = "http";

  private final @Nullable OkHttpClient client;
  private final @Nullable HostAddressLookup addressLookup;

  /** The module with its defaults: a new {@link OkHttpClient} trusting the platform's CAs. */
  public HttpModule() {
    this(null, null);
  }

  private HttpModule(@Nullable OkHttpClient client, @Nullable HostAddressLookup addressLookup) {
    this.client = client;
    this.addressLookup = addressLookup;
  }

  /** A builder, to give the module the host's {@link OkHttpClient} or an address lookup. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * Starts the module for one inspector.
   *
   * @throws IllegalStateException if the OkHttp on the class path is not OkHttp 5 (for example an
   *     application's OkHttp 4.x jar ahead of ours): the message names the {@code okhttp-bom} to
   *     import
   */
  @Override
  public ModuleRuntime start(ModuleServices services) {
    Objects.requireNonNull(services, "services");
    ClassLoader okhttp = OkHttpClient.class.getClassLoader();
    OkHttpVersion.check(okhttp != null ? okhttp : ClassLoader.getSystemClassLoader());
    OkHttpClient base = client != null ? client : new OkHttpClient();
    return new HttpRuntime(services, base, addressLookup);
  }

  @Override
  public String toString() {
    return "HttpModule";
  }

  /** Builds an {@link HttpModule}. Not thread-safe. */
  public static final class Builder {
    private @Nullable OkHttpClient client;
    private @Nullable HostAddressLookup addressLookup;

    Builder() {}

    /**
     * The client the module derives its own from: its trust manager, hostname verifier,
     * interceptors and event listener factory are kept (e.g. a client that trusts a private CA).
     * Default: {@code new OkHttpClient()}, which trusts the platform's CAs.
     */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Where the module learns the addresses of the domain and of redirect targets, instead of the
     * {@code dns} module or the JDK's resolver: for example a {@link StaticHostAddressLookup} for
     * a site whose addresses the host already knows (staging, split-horizon DNS, a CDN's origin
     * list).
     */
    public Builder addressLookup(HostAddressLookup lookup) {
      this.addressLookup = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /** The module. */
    public HttpModule build() {
      return new HttpModule(client, addressLookup);
    }
  }
}
