package org.dvinspector.openmpic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.dvinspector.InspectionRequest;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.Rir;
import org.dvinspector.spi.Text;
import org.dvinspector.openmpic.internal.MpicCall;
import org.dvinspector.openmpic.internal.MpicExchange;
import org.dvinspector.openmpic.internal.MpicOutcomes;
import org.dvinspector.spi.RemotePerspective;
import org.jspecify.annotations.Nullable;

/**
 * An Open MPIC coordinator (the open-source multi-perspective issuance corroboration engine CAs
 * run; API "Open MPIC APIv2") as a source of remote perspectives: each perspective of the
 * engine becomes a {@link RemotePerspective} for {@link org.dvinspector.MultiPerspectiveInspector},
 * which then predicts the CA's quorum from the engine's per-perspective results.
 *
 * <pre>{@code
 * OpenMpicCoordinator mpic = OpenMpicCoordinator.builder(
 *         "https://abc123.execute-api.us-east-2.amazonaws.com/v1/mpic")
 *     .apiKey(System.getenv("MPIC_API_KEY"))          // sent as x-api-key
 *     .addPerspective("us-east-2").addPerspective("eu-west-2").addPerspective("ap-northeast-2")
 *     .build();
 * MultiPerspectiveInspector.Builder b = MultiPerspectiveInspector.builder(inspector);
 * mpic.perspectives().forEach(b::addRemotePerspective);
 * }</pre>
 *
 * <p>The engine checks one thing per call, so one inspection makes one call per check (dns-txt
 * and dns-cname as {@code dns-change}, acme-dns-01, acme-http-01, http-file as {@code
 * website-change} once per scheme of the profile, CAA as a {@code caa} check), all at once, and
 * every perspective of this coordinator reads its part of the same calls: the first perspective
 * asked for an inspection starts them, the others join. The calls ask for as many perspectives
 * as are listed here ({@code orchestration_parameters.perspective_count}), so list every
 * perspective the deployment has; a perspective the coordinator did not use is reported as
 * giving no answer. The quorum is left to the coordinator (its default is the BR table); its
 * own verdict ({@code is_valid}) is kept as an observation beside the prediction.
 *
 * <p>Trouble of the engine itself (unreachable, a refused key, HTTP errors, a malformed reply, a
 * perspective it could not reach) never becomes a result about the domain: the check is
 * undecided at the perspectives concerned, with a {@link
 * org.dvinspector.FindingCode#REMOTE_PERSPECTIVE_FAILED} finding.
 *
 * <p>Thread-safe. Calls are enqueued on the OkHttp client's dispatcher; nothing blocks.
 */
public final class OpenMpicCoordinator {
  private final HttpUrl url;
  private final Map<String, String> headers;
  private final Map<String, Optional<Rir>> codes;
  private final int perspectiveCount;
  private final OkHttpClient client;
  private final List<RemotePerspective> perspectives;
  /** Exchanges in progress, by the request they serve (identity: one inspection's object). */
  private final Map<InspectionRequest, Pending> pending = new IdentityHashMap<>();

  private static final class Pending {
    final CompletableFuture<MpicExchange> exchange;
    int joined;

    Pending(CompletableFuture<MpicExchange> exchange) {
      this.exchange = exchange;
    }
  }

  private OpenMpicCoordinator(Builder b) {
    this.url = b.url;
    this.headers = Map.copyOf(b.headers);
    this.codes = new LinkedHashMap<>(b.codes);
    this.perspectiveCount = b.perspectiveCount > 0 ? b.perspectiveCount : b.codes.size();
    OkHttpClient given = b.client != null ? b.client : DefaultClient.INSTANCE;
    this.client = given.newBuilder().followRedirects(false).followSslRedirects(false).build();
    List<RemotePerspective> list = new ArrayList<>();
    for (Map.Entry<String, Optional<Rir>> e : codes.entrySet()) {
      list.add(new EnginePerspective(e.getKey(), e.getValue()));
    }
    this.perspectives = List.copyOf(list);
  }

  /**
   * A builder for the coordinator whose API endpoint is {@code url} (the full URL of {@code POST
   * /mpic}, e.g. {@code https://abc.execute-api.us-east-2.amazonaws.com/v1/mpic}).
   *
   * @throws IllegalArgumentException if it is not an http or https URL
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** The engine's perspectives, one {@link RemotePerspective} each, in the order added. */
  public List<RemotePerspective> perspectives() {
    return perspectives;
  }

  /** The coordinator's endpoint. */
  public String url() {
    return url.toString();
  }

  private CompletableFuture<MpicExchange> join(InspectionRequest request, Duration budget) {
    synchronized (pending) {
      Pending p = pending.get(request);
      if (p == null) {
        List<MpicCall> calls;
        String trace = UUID.randomUUID().toString();
        try {
          calls = MpicCall.forRequest(request, perspectiveCount, trace);
        } catch (IllegalArgumentException e) {
          return CompletableFuture.failedFuture(e);
        }
        // Stop waiting a little before the budget, so the inspector hears "the coordinator did
        // not answer in time" from here rather than its own generic deadline.
        Duration margin = budget.dividedBy(10);
        if (margin.compareTo(Duration.ofMillis(500)) > 0) {
          margin = Duration.ofMillis(500);
        }
        p = new Pending(MpicExchange.start(client, url, headers, calls, budget.minus(margin),
            trace));
        Pending started = p;
        pending.put(request, p);
        // Forget it once every perspective has joined, or once it is over (a host that uses
        // only some perspectives must not leak it).
        p.exchange.whenComplete((x, e) -> {
          synchronized (pending) {
            if (pending.get(request) == started) {
              pending.remove(request);
            }
          }
        });
      }
      p.joined++;
      if (p.joined >= perspectives.size()) {
        pending.remove(request);
      }
      return p.exchange;
    }
  }

  @Override
  public String toString() {
    return "OpenMpicCoordinator[" + url + " " + codes.keySet() + "]";
  }

  /** One perspective of the engine. */
  private final class EnginePerspective implements RemotePerspective {
    private final String code;
    private final Optional<Rir> rir;

    EnginePerspective(String code, Optional<Rir> rir) {
      this.code = code;
      this.rir = rir;
    }

    @Override
    public String name() {
      return code;
    }

    @Override
    public Optional<Rir> rir() {
      return rir;
    }

    @Override
    public CompletionStage<PerspectiveOutcome> inspect(InspectionRequest request, Duration budget) {
      Objects.requireNonNull(request, "request");
      if (budget.isNegative() || budget.isZero()) {
        return CompletableFuture.completedFuture(
            PerspectiveOutcome.failed(code, rir, "no time left before the deadline"));
      }
      return join(request, budget).handle((x, error) -> {
        if (error != null || x == null) {
          Throwable cause = error instanceof java.util.concurrent.CompletionException
              && error.getCause() != null ? error.getCause() : error;
          return PerspectiveOutcome.failed(code, rir, cause == null ? "no exchange"
              : Text.escape(String.valueOf(cause.getMessage())));
        }
        return MpicOutcomes.outcome(code, code, rir, request, x);
      });
    }

    @Override
    public String toString() {
      return "OpenMpicPerspective[" + code + "]";
    }
  }

  /**
   * One client for every OpenMpicCoordinator built without one. Its dispatcher runs calls on daemon threads:
   * OkHttp's default dispatcher threads are not daemons and live 60 s after the last call, which
   * would keep an application's JVM alive that long after it is done.
   */
  static final class DefaultClient {
    static final OkHttpClient INSTANCE = new OkHttpClient.Builder()
        .dispatcher(new okhttp3.Dispatcher(new java.util.concurrent.ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 60, java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(), daemonThreads())))
        .build();

    private DefaultClient() {}

    private static java.util.concurrent.ThreadFactory daemonThreads() {
      java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
      return r -> {
        Thread t = new Thread(r, "dvinspector-openmpic-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }
  }

  /** Builds an {@link OpenMpicCoordinator}. Not thread-safe. */
  public static final class Builder {
    private final HttpUrl url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Optional<Rir>> codes = new LinkedHashMap<>();
    private int perspectiveCount;
    private @Nullable OkHttpClient client;

    Builder(String url) {
      Objects.requireNonNull(url, "url");
      HttpUrl parsed = HttpUrl.parse(url.strip());
      if (parsed == null) {
        throw new IllegalArgumentException("The Open MPIC URL \"" + Text.escape(url)
            + "\" is not an http:// or https:// URL");
      }
      this.url = parsed;
    }

    /** The API key, sent as {@code x-api-key} (the AWS API Gateway deployment's scheme). */
    public Builder apiKey(String key) {
      Objects.requireNonNull(key, "key");
      if (key.isBlank() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new IllegalArgumentException("The Open MPIC API key must be visible ASCII"
            + " characters without spaces");
      }
      return header("x-api-key", key);
    }

    /**
     * Another header sent with every call, e.g. {@code Authorization: Bearer ...} for a
     * deployment behind another gateway (the specification leaves authentication to the
     * deployment).
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      // OkHttp validates header names and values when the request is built; fail here instead.
      new okhttp3.Headers.Builder().add(name, value);
      headers.put(name, value);
      return this;
    }

    /**
     * A perspective of the deployment by its code, with the registry from {@link
     * OpenMpicRegions#awsRegion(String)} when the code is an AWS region (else unknown).
     */
    public Builder addPerspective(String code) {
      return addPerspective(code, OpenMpicRegions.awsRegion(requireCode(code)));
    }

    /** A perspective of the deployment by its code, in the registry {@code rir}. */
    public Builder addPerspective(String code, Rir rir) {
      return addPerspective(code, Optional.of(rir));
    }

    private Builder addPerspective(String code, Optional<Rir> rir) {
      requireCode(code);
      if (codes.putIfAbsent(code, rir) != null) {
        throw new IllegalArgumentException("Perspective " + Text.escape(code)
            + " is listed twice");
      }
      return this;
    }

    private static String requireCode(String code) {
      Objects.requireNonNull(code, "code");
      if (code.isBlank() || code.length() > 64 || !code.equals(code.strip())) {
        throw new IllegalArgumentException("The perspective code \"" + Text.escape(code)
            + "\" must be 1 to 64 characters without surrounding spaces");
      }
      return code;
    }

    /**
     * The perspective count to ask for (default: the number of perspectives added). The engine
     * needs at least 2.
     */
    public Builder perspectiveCount(int count) {
      if (count < 2) {
        throw new IllegalArgumentException("Open MPIC needs a perspective count of at least 2");
      }
      this.perspectiveCount = count;
      return this;
    }

    /**
     * The OkHttp client for the calls (trust, proxy, event listener); redirects are not
     * followed. Default: a shared {@code new OkHttpClient()}.
     */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The coordinator.
     *
     * @throws IllegalStateException if fewer than two perspectives were added
     */
    public OpenMpicCoordinator build() {
      if (codes.size() < 2) {
        throw new IllegalStateException("List the coordinator's perspectives (at least two; the"
            + " engine needs a perspective count of 2 or more)");
      }
      if (perspectiveCount > 0 && perspectiveCount < codes.size()) {
        throw new IllegalStateException("The perspective count " + perspectiveCount
            + " is smaller than the " + codes.size() + " perspectives listed");
      }
      return new OpenMpicCoordinator(this);
    }
  }
}
