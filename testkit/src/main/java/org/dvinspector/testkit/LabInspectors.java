package org.dvinspector.testkit;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.spi.InspectorModule;

/**
 * Inspectors aimed at the labs, ready to {@code build()}: the DNS lab answers every name (its
 * root, delegations, resolver), the HTTP lab's servers answer ports 80 and 443 of the addresses
 * those names resolve to, and HTTPS trusts the HTTP lab's CA.
 *
 * <pre>{@code
 * try (DnsLab dns = DnsLab.builder()
 *         .zone("example.test", z -> z
 *             .nameserver("ns1.example.test", "127.0.0.11")
 *             .records("www A 127.0.0.50", "_dnsauth.www TXT \"token\""))
 *         .start();
 *     HttpLab web = HttpLab.start("www.example.test");
 *     DomainValidationInspector inspector = LabInspectors.builder(dns, web).build()) {
 *   web.endpoint("127.0.0.50").serve("/.well-known/pki-validation/fileauth.txt", "token");
 *   assertThat(inspector.inspect(request)).isReady();
 * }
 * }</pre>
 *
 * <p>The builder has every module found on the class path ({@code findAndAddModules()}), with the
 * {@code http} module replaced by one whose OkHttp client trusts the HTTP lab's CA; its policy is
 * {@link #networkPolicy(DnsLab, HttpLab)}. Change either before {@code build()}; a module added
 * later with {@code addModule} replaces the found one with the same id.
 */
public final class LabInspectors {
  private LabInspectors() {}

  private static final String HTTP_MODULE = "org.dvinspector.http.HttpModule";

  /**
   * An inspector builder for the DNS lab and the HTTP lab together.
   *
   * @throws IllegalStateException if {@code dvinspector-http} is not on the test class path (an
   *     HTTP lab needs it)
   */
  public static DomainValidationInspector.Builder builder(DnsLab dns, HttpLab http) {
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(http, "http");
    return DomainValidationInspector.builder()
        .networkPolicy(networkPolicy(dns, http).build())
        .findAndAddModules()
        .addModule(httpModule(http.trustingClient()));
  }

  /** An inspector builder for the DNS lab alone (every module found on the class path). */
  public static DomainValidationInspector.Builder builder(DnsLab dns) {
    Objects.requireNonNull(dns, "dns");
    return DomainValidationInspector.builder()
        .networkPolicy(dns.networkPolicy().build())
        .findAndAddModules();
  }

  /**
   * The DNS lab's policy ({@link DnsLab#networkPolicy(org.dvinspector.EndpointMapping)}) with the
   * HTTP lab's endpoints routed, an HTTP timeout of 3 s and a 10 s deadline: loopback answers in
   * milliseconds, but a loaded CI machine can take a second for a TLS handshake, and a ready lab
   * must not turn into a timeout there. Tests of slow or silent servers shorten them. Adjust and
   * {@code build()}.
   */
  public static NetworkPolicy.Builder networkPolicy(DnsLab dns, HttpLab http) {
    NetworkPolicy.Builder b = dns.networkPolicy(http.endpointMapping());
    b.httpTimeout(Duration.ofSeconds(3)).deadline(Duration.ofSeconds(10));
    return b;
  }

  /**
   * The {@code http} module with {@code client}, built by name: the testkit cannot depend on
   * {@code dvinspector-http} (that module's own tests use the testkit), so the tests' class path
   * supplies it.
   */
  static InspectorModule httpModule(OkHttpClient client) {
    Class<?> type;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      type = Class.forName(HTTP_MODULE, true,
          loader != null ? loader : LabInspectors.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("An HttpLab needs the http module: add"
          + " org.dvinspector:dvinspector-http to the test dependencies", e);
    }
    try {
      Object builder = type.getMethod("builder").invoke(null);
      builder.getClass().getMethod("client", OkHttpClient.class).invoke(builder, client);
      return (InspectorModule) builder.getClass().getMethod("build").invoke(builder);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("Cannot configure the http module", cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot configure the http module (" + HTTP_MODULE
          + " has no builder().client(OkHttpClient).build()?)", e);
    }
  }
}
