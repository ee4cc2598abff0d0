package org.dvinspector.http.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import org.dvinspector.DomainName;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Text;
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
   * Fetches with this run's budget and rules, and records the observation with {@code causes}
   * (what the fetch waited for: the address lookup, the redirect that named the URL);
   * {@code auxiliary} for diagnostic probes the verdict does not wait for.
   */
  CompletableFuture<FetchResult> fetch(HttpUrl url, InetAddress address, boolean strictTls,
      List<Long> causes, boolean auxiliary) {
    Duration left = budgets.step();
    Duration timeout = policy.httpTimeout();
    boolean cut = left.compareTo(timeout) < 0;
    Duration budget = cut ? left : timeout;
    return fetcher.fetch(url, address, target.bodyCap, strictTls, budget, cut)
        .thenApplyAsync(r -> {
          r.observation = observe(r, causes, auxiliary);
          return r;
        }, executor);
  }

  /**
   * The addresses of a name the CA may connect to, in the order it tries them (IPv6 first when the
   * profile says so), and the non-public ones it refuses.
   */
  static List<InetAddress> ordered(HostAddresses addresses, boolean ipv6First) {
    List<InetAddress> out = new ArrayList<>();
    if (ipv6First) {
      out.addAll(addresses.ipv6());
      out.addAll(addresses.ipv4());
    } else {
      out.addAll(addresses.ipv4());
      out.addAll(addresses.ipv6());
    }
    return out;
  }

  private long observe(FetchResult r, List<Long> causes, boolean auxiliary) {
    Perspective p = Perspective.httpEndpoint(r.url.scheme(), r.url.host(), r.address);
    Observation.Outcome outcome = switch (r.kind) {
      case RESPONSE -> r.status >= 200 && r.status < 400 ? Observation.Outcome.ANSWER
          : r.status == 404 || r.status == 410 ? Observation.Outcome.NEGATIVE
          : Observation.Outcome.ERROR;
      case TIMEOUT, NO_TIME -> Observation.Outcome.TIMEOUT;
      default -> Observation.Outcome.ERROR;
    };
    String result = r.kind == FetchResult.Kind.RESPONSE ? describeResponse(r) : r.error;
    Observation o = Observation.of(p, "GET " + urlText(r.url), outcome, result, r.latency)
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
