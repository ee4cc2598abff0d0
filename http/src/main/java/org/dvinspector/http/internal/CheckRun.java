package org.dvinspector.http.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import org.dvinspector.DomainName;
import org.dvinspector.HttpRules;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.dvinspector.spi.HostAddresses;
import org.dvinspector.spi.InspectionContext;

/** What every endpoint of one check run shares: the target, the network, the time budget. */
final class CheckRun {
  final ValidationTarget target;
  final DomainName domain;
  final InspectionContext context;
  final NetworkPolicy policy;
  final Fetcher fetcher;
  final AddressResolver resolver;
  final Budgets budgets;
  final Executor executor;

  CheckRun(ValidationTarget target, DomainName domain, InspectionContext context,
      NetworkPolicy policy, Fetcher fetcher, AddressResolver resolver, Budgets budgets,
      Executor executor) {
    this.target = target;
    this.domain = domain;
    this.context = context;
    this.policy = policy;
    this.fetcher = fetcher;
    this.resolver = resolver;
    this.budgets = budgets;
    this.executor = executor;
  }

  /** The CA's name, for messages. */
  String ca() {
    return context.profile().displayName();
  }

  /**
   * The request headers of the CA's validator: its User-Agent (or, when the profile names none,
   * the inspector's) and the other headers it sends (Accept for any media type when the profile
   * names none).
   */
  Map<String, String> caHeaders() {
    HttpRules rules = target.rules;
    Map<String, String> h = new LinkedHashMap<>();
    h.put("User-Agent", rules.userAgent().orElse(Fetcher.USER_AGENT));
    if (rules.requestHeaders().isEmpty()) {
      h.put("Accept", "*/*");
    } else {
      h.putAll(rules.requestHeaders());
    }
    return h;
  }

  /** Whether the profile names its CA's User-Agent (so a browser's can be compared with it). */
  boolean sendsCaUserAgent() {
    return target.rules.userAgent().isPresent();
  }

  /**
   * Fetches with this run's budget and rules, and records the observation with {@code causes}
   * (what the fetch waited for: the address lookup, the redirect that named the URL);
   * {@code auxiliary} for diagnostic probes the verdict does not wait for.
   */
  CompletableFuture<FetchResult> fetch(HttpUrl url, InetAddress address, boolean strictTls,
      List<Long> causes, boolean auxiliary) {
    return fetch(url, address, caHeaders(), strictTls, target.rules.httpsHostnameMustMatch(),
        causes, auxiliary, "");
  }

  /**
   * Fetches {@code url} again as a browser (its User-Agent and Accept headers), as an auxiliary
   * observation caused by the CA-like fetch that failed.
   */
  CompletableFuture<FetchResult> fetchAsBrowser(HttpUrl url, InetAddress address,
      List<Long> causes) {
    return fetch(url, address, Fetcher.BROWSER_HEADERS, false, false, causes, true,
        " (as a browser: " + Fetcher.BROWSER_USER_AGENT + ")");
  }

  private CompletableFuture<FetchResult> fetch(HttpUrl url, InetAddress address,
      Map<String, String> headers, boolean strictTls, boolean strictName, List<Long> causes,
      boolean auxiliary, String as) {
    Duration left = budgets.step();
    Duration timeout = policy.httpTimeout();
    boolean cut = left.compareTo(timeout) < 0;
    Duration budget = cut ? left : timeout;
    return fetcher.fetch(url, address, headers, target.bodyCap, strictTls, strictName, budget,
            cut)
        .thenApplyAsync(r -> {
          r.observation = observe(r, causes, auxiliary, as);
          return r;
        }, executor);
  }

  /**
   * The addresses of a name the CA may connect to, in the order it tries them (IPv6 first when the
   * profile says so; IPv4 only when the CA does not use IPv6).
   */
  static List<InetAddress> ordered(HostAddresses addresses, HttpRules rules) {
    List<InetAddress> out = new ArrayList<>();
    if (!rules.usesIpv6()) {
      // DigiCert's file client asks for A records only: AAAA addresses are never fetched.
      out.addAll(addresses.ipv4());
    } else if (rules.ipv6First()) {
      out.addAll(addresses.ipv6());
      out.addAll(addresses.ipv4());
    } else {
      out.addAll(addresses.ipv4());
      out.addAll(addresses.ipv6());
    }
    return out;
  }

  private long observe(FetchResult r, List<Long> causes, boolean auxiliary, String as) {
    Perspective p = Perspective.httpEndpoint(r.url.scheme(), r.url.host(), r.address);
    Observation.Outcome outcome = switch (r.kind) {
      case RESPONSE -> r.status >= 200 && r.status < 400 ? Observation.Outcome.ANSWER
          : r.status == 404 || r.status == 410 ? Observation.Outcome.NEGATIVE
          : Observation.Outcome.ERROR;
      case TIMEOUT, NO_TIME -> Observation.Outcome.TIMEOUT;
      default -> Observation.Outcome.ERROR;
    };
    String result = r.kind == FetchResult.Kind.RESPONSE ? describeResponse(r) : r.error;
    Observation o = Observation.of(p, "GET " + urlText(r.url) + Text.escape(as), outcome, result,
            r.latency)
        .withCauses(causes);
    return context.observe(auxiliary ? o.asAuxiliary() : o).id();
  }

  /** {@code 200, 43 bytes "abc"} or {@code 301 Location "https://..."}, escaped. */
  static String describeResponse(FetchResult r) {
    StringBuilder b = new StringBuilder().append(r.status);
    String location = r.header("Location");
    if (r.status >= 300 && r.status < 400 && location != null) {
      b.append(" Location ").append(Text.quote(location, 200));
    } else {
      b.append(", ").append(r.bodyOverCap ? "more than " + r.body.length : r.body.length)
          .append(" bytes");
      if (r.body.length > 0) {
        b.append(' ').append(Text.quote(r.text(), 120));
      }
    }
    return b.toString();
  }

  /** The URL as text for messages: scheme, host, port when not the default, path. */
  static String urlText(HttpUrl url) {
    return Text.escape(url.toString());
  }
}
