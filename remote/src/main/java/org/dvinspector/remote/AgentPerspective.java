package org.dvinspector.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.Rir;
import org.dvinspector.spi.Text;
import org.dvinspector.remote.internal.Wire;
import org.dvinspector.remote.internal.WireException;
import org.dvinspector.spi.RemotePerspective;
import org.jspecify.annotations.Nullable;

/**
 * A remote perspective served by a {@code dvi agent} ({@link AgentServer}) in another region:
 * {@link #inspect} sends the request's checks to the agent, which runs them with its own network
 * (its resolvers, its routes), and maps the agent's report back, labelled with the agent's region
 * and Regional Internet Registry.
 *
 * <pre>{@code
 * RemotePerspective eu = AgentPerspective.builder("https://eu.agents.example.net:8453",
 *         AgentKey.fromFile(Path.of("agent.key")))
 *     .name("eu-central").rir(Rir.RIPE_NCC)
 *     .client(okHttpClient)                  // optional: trust, proxies, event listeners
 *     .build();
 * MultiPerspectiveInspector mpic = MultiPerspectiveInspector.builder(inspector)
 *     .addRemotePerspective(eu).addRemotePerspective(ap).addRemotePerspective(us).build();
 * }</pre>
 *
 * <p>Trouble on the agent's side never becomes a READY or NOT_READY result: an agent that cannot
 * be reached, does not answer within the budget, refuses the key, is busy, speaks another
 * protocol version or replies with something that is not a report gives a {@linkplain
 * PerspectiveOutcome#failed failed outcome} (UNKNOWN at that perspective) with a {@link
 * FindingCode#REMOTE_PERSPECTIVE_FAILED} finding that says which and what to do. An agent that
 * reports another registry than the one configured here is refused the same way: a quorum
 * counted on wrong registries would mislead.
 *
 * <p>Thread-safe; never blocks the calling thread (calls are enqueued on the OkHttp client's
 * dispatcher). Redirects are not followed, so the key only ever goes to the configured URL.
 */
public final class AgentPerspective implements RemotePerspective {
  /** The largest reply read. */
  static final long MAX_REPLY_BYTES = 16L * 1024 * 1024;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final HttpUrl base;
  private final AgentKey key;
  private final String name;
  private final Optional<Rir> rir;
  private final OkHttpClient client;

  private AgentPerspective(Builder b) {
    this.base = b.base;
    this.key = b.key;
    this.name = b.name != null ? b.name : b.base.host() + ":" + b.base.port();
    this.rir = Optional.ofNullable(b.rir);
    OkHttpClient given = b.client != null ? b.client : DefaultClient.INSTANCE;
    // Derived clients share the given one's connection pool and dispatcher.
    this.client = given.newBuilder().followRedirects(false).followSslRedirects(false).build();
  }

  /**
   * A builder for the agent at {@code url} ({@code http://host:port} or {@code https://...},
   * the agent's base URL), which shares {@code key}.
   *
   * @throws IllegalArgumentException if the URL is not an http or https URL
   */
  public static Builder builder(String url, AgentKey key) {
    return new Builder(url, key);
  }

  /** The agent's base URL. */
  public String url() {
    return base.toString();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Rir> rir() {
    return rir;
  }

  @Override
  public CompletionStage<PerspectiveOutcome> inspect(InspectionRequest request, Duration budget) {
    Objects.requireNonNull(request, "request");
    if (budget.isNegative() || budget.isZero()) {
      return CompletableFuture.completedFuture(failed("timeout",
          "no time left before the deadline", "Give the inspection a longer deadline."));
    }
    byte[] body;
    try {
      // The agent reports what it sees from where it is: predicting other regions with the EDNS
      // Client Subnet option is the local inspector's part, so agents are asked not to.
      body = Wire.bytes(Wire.request(request.toBuilder().ednsClientSubnet(false).build(),
          agentDeadline(budget)));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(failed("unsupported-check",
          String.valueOf(e.getMessage()), "Run that check with the local inspector only."));
    }
    Request http = new Request.Builder()
        .url(base.newBuilder().encodedPath(AgentProtocol.INSPECT_PATH).build())
        .header("Authorization", key.authorization())
        .header("Accept", "application/json")
        .post(RequestBody.create(body, JSON))
        .build();
    Call call = client.newCall(http);
    // Stop waiting after the agent's deadline but a little before the budget, so the inspector
    // hears "the agent did not answer in time" from here rather than its own generic deadline.
    Duration wait = budget.minus(budget.minus(agentDeadline(budget)).dividedBy(4));
    call.timeout().timeout(wait.toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<PerspectiveOutcome> out = new CompletableFuture<>();
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call c, IOException e) {
        out.complete(transportFailure(e, budget));
      }

      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          out.complete(outcome(response, request));
        } catch (IOException e) {
          out.complete(transportFailure(e, budget));
        } catch (RuntimeException e) {
          out.complete(failed("malformed-reply", "the reply could not be read ("
              + e.getClass().getSimpleName() + ")", REMEDY_SAME_RELEASE));
        }
      }
    });
    return out;
  }

  /**
   * Asks the agent about itself ({@code GET /v1/agent}): its region, registry and limits. The
   * stage fails with an {@link IOException} when the agent cannot be reached, refuses the key or
   * answers something else.
   */
  public CompletionStage<AgentInfo> info(Duration timeout) {
    Request http = new Request.Builder()
        .url(base.newBuilder().encodedPath(AgentProtocol.INFO_PATH).build())
        .header("Authorization", key.authorization())
        .header("Accept", "application/json")
        .get()
        .build();
    Call call = client.newCall(http);
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<AgentInfo> out = new CompletableFuture<>();
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call c, IOException e) {
        out.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          byte[] body = read(response.body());
          if (response.code() != 200) {
            throw new IOException("HTTP " + response.code()
                + Wire.errorOf(body).map(m -> " (" + m + ")").orElse(""));
          }
          out.complete(Wire.readInfo(Wire.parse(body)));
        } catch (IOException e) {
          out.completeExceptionally(e);
        } catch (WireException e) {
          out.completeExceptionally(new IOException("malformed reply: " + e.getMessage(), e));
        }
      }
    });
    return out;
  }

  // ------------------------------------------------------------------ replies

  private static final String REMEDY_SAME_RELEASE = "Run the same DV Inspector release on the"
      + " agent and on this client, and check that the URL points at a dvi agent.";

  private PerspectiveOutcome outcome(Response response, InspectionRequest request)
      throws IOException {
    byte[] body = read(response.body());
    int code = response.code();
    if (code == 200) {
      return reply(body, request);
    }
    String said = Wire.errorOf(body).map(m -> ": " + m).orElse("");
    switch (code) {
      case 401:
      case 403:
        return failed("unauthorized", "the agent refused the key (HTTP " + code + ")",
            "Give this client the agent's key (the file the agent was started with:"
                + " dvi agent --key-file).");
      case 503:
        String retry = response.header("Retry-After");
        return failed("busy", "the agent is busy (HTTP 503"
            + (retry == null ? "" : ", Retry-After " + Text.escape(retry)) + ")",
            "Inspect again later, raise the agent's --max-concurrent, or add agents.");
      case 404:
        return failed("not-found", "no dvi agent answers at " + base + " (HTTP 404)",
            "Check the agent's URL: scheme, address and port.");
      case 400:
        if (said.startsWith(": unsupported-protocol-version")) {
          return failed("version-mismatch", "the agent does not speak protocol version "
              + AgentProtocol.VERSION + said, REMEDY_SAME_RELEASE);
        }
        return failed("rejected", "the agent rejected the request (HTTP 400" + said + ")",
            REMEDY_SAME_RELEASE);
      default:
        return failed("http-status", "the agent answered HTTP " + code + said,
            code >= 500 ? "Look at the agent's log; inspect again once it is healthy."
                : REMEDY_SAME_RELEASE);
    }
  }

  private PerspectiveOutcome reply(byte[] body, InspectionRequest request) {
    Wire.Reply r;
    try {
      JsonNode doc = Wire.parse(body);
      int version = Wire.protocolVersion(doc);
      if (version != AgentProtocol.VERSION) {
        return failed("version-mismatch", "the agent replied in protocol version " + version
            + ", this client speaks " + AgentProtocol.VERSION, REMEDY_SAME_RELEASE);
      }
      r = Wire.readReply(doc, request);
    } catch (WireException e) {
      return failed("malformed-reply", "the reply is not an agent report: " + e.getMessage()
          + " (body " + Wire.excerpt(body) + ")", REMEDY_SAME_RELEASE);
    }
    if (rir.isPresent() && r.rir.isPresent() && rir.get() != r.rir.get()) {
      return failed("rir-mismatch", "the agent reports registry " + r.rir.get().displayName()
          + " but is configured here as " + rir.get().displayName(),
          "Configure the registry the agent is really in (or leave it out here: the agent's"
              + " own is used).");
    }
    Optional<Rir> effective = rir.isPresent() ? rir : r.rir;
    Perspective p = Perspective.remoteAgent(name,
        r.region + effective.map(x -> ", " + x.displayName()).orElse(""));
    List<Observation> observations = new ArrayList<>();
    for (Observation o : r.observations) {
      // Where the agent asked from stays in the query: "ns1.example.com [192.0.2.1] udp: TXT ...".
      Observation relabelled = Observation.of(p, o.perspective().label() + ": " + o.query(),
          o.outcome(), o.result(), o.latency());
      observations.add(o.auxiliary() ? relabelled.asAuxiliary() : relabelled);
    }
    for (String unknown : r.unknownFindings) {
      observations.add(Observation.of(p, "finding with a code this client does not know",
          Observation.Outcome.ANSWER, unknown, Duration.ZERO));
    }
    return PerspectiveOutcome.builder()
        .perspective(p)
        .rir(effective)
        .checkResults(r.checkResults)
        .observations(observations)
        .findings(r.findings)
        .build();
  }

  private static byte[] read(@Nullable ResponseBody body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    BufferedSource source = body.source();
    if (!source.request(MAX_REPLY_BYTES + 1)) {
      return source.readByteArray();
    }
    throw new IOException("the reply is larger than " + MAX_REPLY_BYTES + " bytes");
  }

  private PerspectiveOutcome transportFailure(IOException e, Duration budget) {
    String message = e.getMessage() == null ? "" : ": " + Text.escape(e.getMessage());
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return failed("unreachable", "cannot connect to the agent at " + base + message,
          "Check that the agent runs (dvi agent) and that this machine can reach its address"
              + " and port.");
    }
    if (e instanceof UnknownHostException) {
      return failed("unreachable", "cannot resolve the agent's host " + base.host(),
          "Check the agent's URL.");
    }
    if (e instanceof SSLException) {
      return failed("tls", "the TLS handshake with the agent failed" + message,
          "Check the agent's certificate and that this client trusts its issuer.");
    }
    if (e instanceof InterruptedIOException) {
      return failed("timeout", "no answer within " + budget.toMillis() + " ms",
          "Give the inspection a longer deadline, or check the agent's load and network.");
    }
    return failed("unreachable", "the exchange with the agent failed ("
        + e.getClass().getSimpleName() + message + ")",
        "Check that the agent runs and that this machine can reach it.");
  }

  private PerspectiveOutcome failed(String reason, String what, String remedy) {
    Perspective p = PerspectiveOutcome.remote(name, rir);
    String detail = what + " (" + base + ")";
    return PerspectiveOutcome.builder()
        .perspective(p)
        .rir(rir)
        .failure(detail)
        .addFindings(Finding.builder(FindingCode.REMOTE_PERSPECTIVE_FAILED)
            .message("Remote perspective \"" + Text.escape(name) + "\" gave no answer: " + detail)
            .remedy(remedy)
            .evidence(p, "no answer - " + detail)
            .attribute("reason", reason)
            .attribute("url", base.toString())
            .build())
        .build();
  }

  /**
   * The deadline the agent gets: the budget less a margin for the round trip, so its report
   * arrives before the client stops waiting.
   */
  static Duration agentDeadline(Duration budget) {
    Duration margin = budget.dividedBy(5);
    if (margin.compareTo(Duration.ofSeconds(1)) > 0) {
      margin = Duration.ofSeconds(1);
    }
    Duration d = budget.minus(margin);
    return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
  }

  @Override
  public String toString() {
    return "AgentPerspective[" + name + " " + base + "]";
  }

  /**
   * One client for every AgentPerspective built without one. Its dispatcher runs calls on daemon threads:
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
        Thread t = new Thread(r, "dvinspector-agent-client-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }
  }

  /** Builds an {@link AgentPerspective}. Not thread-safe. */
  public static final class Builder {
    private final HttpUrl base;
    private final AgentKey key;
    private @Nullable String name;
    private @Nullable Rir rir;
    private @Nullable OkHttpClient client;

    Builder(String url, AgentKey key) {
      Objects.requireNonNull(url, "url");
      this.key = Objects.requireNonNull(key, "key");
      HttpUrl parsed = HttpUrl.parse(url.strip());
      if (parsed == null) {
        throw new IllegalArgumentException("The agent URL \"" + Text.escape(url)
            + "\" is not an http:// or https:// URL");
      }
      if (!parsed.encodedPath().equals("/") || parsed.query() != null
          || parsed.fragment() != null || !parsed.username().isEmpty()) {
        throw new IllegalArgumentException("The agent URL \"" + Text.escape(url)
            + "\" must be a base URL such as http://192.0.2.10:8453 (no path, query or user)");
      }
      this.base = parsed;
    }

    /** The perspective's name in reports (default: the agent's {@code host:port}). */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("A remote perspective needs a name");
      }
      this.name = name.strip();
      return this;
    }

    /**
     * The registry the agent is in. Default: the one the agent reports with each reply; when
     * both are known they must agree.
     */
    public Builder rir(Rir rir) {
      this.rir = Objects.requireNonNull(rir, "rir");
      return this;
    }

    /**
     * The OkHttp client to call the agent with (its trust for the agent's certificate, proxy,
     * event listener); the perspective derives one that does not follow redirects. Default: a
     * shared {@code new OkHttpClient()}.
     */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The perspective. */
    public AgentPerspective build() {
      return new AgentPerspective(this);
    }
  }
}
