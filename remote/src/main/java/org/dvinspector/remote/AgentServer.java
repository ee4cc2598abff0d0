package org.dvinspector.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.MissingModuleException;
import org.dvinspector.Rir;
import org.dvinspector.remote.internal.Wire;
import org.dvinspector.remote.internal.WireException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code dvi agent} service: an inspector behind a small HTTP/JSON API (protocol in {@code
 * remote/PROTOCOL.md}) that a host deploys in another region, so {@link AgentPerspective}
 * clients can run their checks from there (BR 3.2.2.9 remote perspectives).
 *
 * <pre>{@code
 * try (DomainValidationInspector inspector = DomainValidationInspector.builder()
 *         .findAndAddModules().build();
 *     AgentServer agent = AgentServer.builder(inspector, AgentKey.fromFile(keyFile))
 *         .listen(new InetSocketAddress("0.0.0.0", AgentProtocol.DEFAULT_PORT))
 *         .region("eu-central").rir(Rir.RIPE_NCC)
 *         .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>What the agent checks, and from where, is its own: the inspector's {@linkplain
 * org.dvinspector.NetworkPolicy network policy} (resolvers, the rule against non-public
 * addresses, timeouts, the longest deadline) applies to every request and no request can change
 * it; a request's deadline is capped at the policy's. Every endpoint but {@value
 * AgentProtocol#HEALTH_PATH} needs the shared {@link AgentKey}. At most {@code maxConcurrent}
 * inspections run at once; more are refused at once with 503 and {@code Retry-After}, so a busy
 * agent never queues work past its clients' deadlines. Request bodies are capped at {@value
 * #MAX_BODY_BYTES} bytes.
 *
 * <p>The host keeps ownership of the inspector. Closing the server stops it and its threads.
 */
public final class AgentServer implements AutoCloseable {
  /** The largest request body accepted. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private final HttpServer server;
  private final ExecutorService executor;
  private final DomainValidationInspector inspector;
  private final AgentKey key;
  private final AgentInfo info;
  private final Semaphore permits;
  private final Listener listener;
  private final boolean tls;

  private AgentServer(Builder b, HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.inspector = b.inspector;
    this.key = b.key;
    this.listener = b.listener;
    this.tls = b.sslContext != null;
    this.permits = new Semaphore(b.maxConcurrent);
    String region = Objects.requireNonNull(b.region, "region");
    this.info = AgentInfo.builder()
        .region(region)
        .rir(Optional.ofNullable(b.rir))
        .protocolVersion(AgentProtocol.VERSION)
        .software(b.software)
        .maxConcurrent(b.maxConcurrent)
        .deadline(b.inspector.networkPolicy().deadline())
        .build();
  }

  /** A builder for an agent serving {@code inspector}, guarded by {@code key}. */
  public static Builder builder(DomainValidationInspector inspector, AgentKey key) {
    return new Builder(inspector, key);
  }

  /** Where the agent listens (the real port when it was started on port 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8453}. */
  public String url() {
    InetSocketAddress a = address();
    InetAddress ip = a.getAddress();
    String host = ip.getHostAddress();
    if (host.indexOf(':') >= 0) {
      int zone = host.indexOf('%');
      host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
    }
    return (tls ? "https" : "http") + "://" + host + ":" + a.getPort();
  }

  /** What the agent says about itself. */
  public AgentInfo info() {
    return info;
  }

  /** Inspections running now. */
  public int inFlight() {
    return info.maxConcurrent() - permits.availablePermits();
  }

  /** Stops listening, waits up to a second for replies being written, and stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "AgentServer[" + info.region() + " " + url() + "]";
  }

  // ------------------------------------------------------------------ handling

  private void handle(HttpExchange ex) {
    long start = System.nanoTime();
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = ex.getRequestURI().getRawPath();
    try {
      if (AgentProtocol.HEALTH_PATH.equals(path)) {
        if (method.equals("GET") || method.equals("HEAD")) {
          sendText(ex, start, 200, "ok\n", null);
        } else {
          sendError(ex, start, 405, "method-not-allowed", "Use GET", null, "GET, HEAD");
        }
        return;
      }
      if (!authorized(ex)) {
        ex.getResponseHeaders().set("WWW-Authenticate",
            AgentProtocol.AUTH_SCHEME + " realm=\"dvi-agent\"");
        sendError(ex, start, 401, "unauthorized",
            "Send the agent's shared key as Authorization: Bearer <key>", null, null);
        return;
      }
      if (AgentProtocol.INFO_PATH.equals(path)) {
        if (method.equals("GET")) {
          send(ex, start, 200, Wire.info(info), null);
        } else {
          sendError(ex, start, 405, "method-not-allowed", "Use GET", null, "GET");
        }
      } else if (AgentProtocol.INSPECT_PATH.equals(path)) {
        if (method.equals("POST")) {
          inspect(ex, start);
        } else {
          sendError(ex, start, 405, "method-not-allowed", "Use POST", null, "POST");
        }
      } else {
        sendError(ex, start, 404, "not-found", "No such endpoint; see remote/PROTOCOL.md", null,
            null);
      }
    } catch (IOException | RuntimeException e) {
      // The client went away or the exchange broke: nothing more can be sent.
      ex.close();
    }
  }

  private boolean authorized(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null) {
      return false;
    }
    String prefix = AgentProtocol.AUTH_SCHEME + " ";
    if (header.length() <= prefix.length()
        || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
      // Still spend a comparison, so a malformed header takes as long as a wrong key.
      key.matches(header);
      return false;
    }
    return key.matches(header.substring(prefix.length()).strip());
  }

  private void inspect(HttpExchange ex, long start) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      sendError(ex, start, 415, "unsupported-media-type", "Send application/json", null, null);
      return;
    }
    byte[] body = readBody(ex);
    if (body == null) {
      sendError(ex, start, 413, "too-large",
          "The request body is larger than " + MAX_BODY_BYTES + " bytes", null, null);
      return;
    }
    InspectionRequest request;
    try {
      JsonNode doc = Wire.parse(body);
      int version = Wire.protocolVersion(doc);
      if (version != AgentProtocol.VERSION) {
        ObjectNode err = Wire.error("unsupported-protocol-version", "This agent speaks protocol"
            + " version " + AgentProtocol.VERSION + ", the request version " + version);
        err.putArray("supportedVersions").add(AgentProtocol.VERSION);
        send(ex, start, 400, err, null);
        return;
      }
      request = Wire.readRequest(doc, info.deadline());
    } catch (WireException e) {
      sendError(ex, start, 400, "bad-request", String.valueOf(e.getMessage()), null, null);
      return;
    }
    String domain = request.domain().ascii();
    if (!permits.tryAcquire()) {
      ex.getResponseHeaders().set("Retry-After", "1");
      sendError(ex, start, 503, "busy", "The agent runs " + info.maxConcurrent()
          + " inspections already; retry later", domain, null);
      return;
    }
    CompletionStage<InspectionReport> stage;
    try {
      stage = inspector.inspectAsync(request);
    } catch (MissingModuleException e) {
      permits.release();
      sendError(ex, start, 400, "unsupported-check", String.valueOf(e.getMessage()), domain, null);
      return;
    } catch (RuntimeException e) {
      permits.release();
      sendError(ex, start, 500, "internal-error", e.getClass().getSimpleName(), domain, null);
      return;
    }
    stage.whenCompleteAsync((report, error) -> {
      permits.release();
      try {
        if (error != null || report == null) {
          sendError(ex, start, 500, "internal-error", "The inspection failed inside the agent",
              domain, null);
        } else {
          send(ex, start, 200, Wire.reply(report, info), domain);
        }
      } catch (IOException | RuntimeException e) {
        ex.close();
      }
    }, executor);
  }

  /**
   * The body, or null when it is larger than {@link #MAX_BODY_BYTES}. An oversized body of
   * moderate size is read and dropped before the 413 goes out: a client still sending would
   * otherwise see its connection reset instead of the answer.
   */
  private static byte @Nullable [] readBody(HttpExchange ex) throws IOException {
    long drainLimit = 4L * MAX_BODY_BYTES;
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        long declared = Long.parseLong(length.strip());
        if (declared > drainLimit) {
          return null;
        }
      } catch (NumberFormatException e) {
        // The server rejects a malformed Content-Length itself; read what comes.
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length <= MAX_BODY_BYTES) {
        return body;
      }
      long dropped = body.length;
      byte[] sink = new byte[8192];
      int n;
      while (dropped < drainLimit && (n = in.read(sink)) > 0) {
        dropped += n;
      }
      return null;
    }
  }

  private void sendError(HttpExchange ex, long start, int status, String code, String message,
      @Nullable String domain, @Nullable String allow) throws IOException {
    if (allow != null) {
      ex.getResponseHeaders().set("Allow", allow);
    }
    send(ex, start, status, Wire.error(code, message), domain);
  }

  private void send(HttpExchange ex, long start, int status, JsonNode doc, @Nullable String domain)
      throws IOException {
    write(ex, start, status, "application/json; charset=utf-8", Wire.bytes(doc), domain);
  }

  private void sendText(HttpExchange ex, long start, int status, String text,
      @Nullable String domain) throws IOException {
    write(ex, start, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8),
        domain);
  }

  private void write(HttpExchange ex, long start, int status, String type, byte[] body,
      @Nullable String domain) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
    Event event = new Event(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), status,
        ex.getRemoteAddress(), domain, Duration.ofNanos(System.nanoTime() - start));
    try {
      listener.exchange(event);
    } catch (RuntimeException e) {
      // Listeners must not throw; one that does is ignored.
    }
  }

  // ------------------------------------------------------------------ TLS

  /**
   * An {@link SSLContext} for {@link Builder#tls(SSLContext)} from a PEM file holding the
   * server's certificate, its private key (PKCS#8, {@code BEGIN PRIVATE KEY}) and any
   * intermediate certificates after the server's.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it does not hold one certificate and its key
   */
  public static SSLContext tlsContext(Path pemFile) throws IOException {
    String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
    List<String> certificates = new ArrayList<>();
    String privateKey = null;
    int at = 0;
    while (true) {
      int begin = pem.indexOf("-----BEGIN ", at);
      if (begin < 0) {
        break;
      }
      int labelEnd = pem.indexOf("-----", begin + 11);
      int end = labelEnd < 0 ? -1 : pem.indexOf("-----END ", labelEnd);
      int endLine = end < 0 ? -1 : pem.indexOf("-----", end + 9);
      if (endLine < 0) {
        throw new IllegalArgumentException(pemFile + ": a PEM block is not closed");
      }
      String label = pem.substring(begin + 11, labelEnd);
      String block = pem.substring(begin, endLine + 5) + "\n";
      if (label.equals("CERTIFICATE")) {
        certificates.add(block);
      } else if (label.equals("PRIVATE KEY")) {
        privateKey = block;
      } else {
        throw new IllegalArgumentException(pemFile + ": unexpected PEM block " + label
            + " (give the certificate chain and a PKCS#8 \"PRIVATE KEY\"; convert others with"
            + " openssl pkcs8 -topk8 -nocrypt)");
      }
      at = endLine + 5;
    }
    if (certificates.isEmpty() || privateKey == null) {
      throw new IllegalArgumentException(pemFile
          + ": needs the server certificate and its PKCS#8 private key in PEM");
    }
    try {
      HeldCertificate held = HeldCertificate.decode(certificates.get(0) + privateKey);
      X509Certificate[] chain = new X509Certificate[certificates.size() - 1];
      for (int i = 1; i < certificates.size(); i++) {
        chain[i - 1] = Certificates.decodeCertificatePem(certificates.get(i));
      }
      return new HandshakeCertificates.Builder().heldCertificate(held, chain).build().sslContext();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(pemFile + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ events

  /**
   * Told about every exchange once its response is sent (an access log). Be fast, never throw.
   */
  @FunctionalInterface
  public interface Listener {
    /** Does nothing. */
    Listener NONE = event -> { };

    /** One request was answered. */
    void exchange(Event event);
  }

  /** One answered request. */
  public static final class Event {
    private final String method;
    private final String path;
    private final int status;
    private final @Nullable InetSocketAddress remote;
    private final @Nullable String domain;
    private final Duration duration;

    Event(String method, String path, int status, @Nullable InetSocketAddress remote,
        @Nullable String domain, Duration duration) {
      this.method = method;
      this.path = path;
      this.status = status;
      this.remote = remote;
      this.domain = domain;
      this.duration = duration;
    }

    /** The HTTP method. */
    public String method() {
      return method;
    }

    /** The raw request path. */
    public String path() {
      return path;
    }

    /** The response status. */
    public int status() {
      return status;
    }

    /** The client's address, when known. */
    public Optional<InetSocketAddress> remote() {
      return Optional.ofNullable(remote);
    }

    /** The domain inspected (A-labels), for inspection requests that were read. */
    public Optional<String> domain() {
      return Optional.ofNullable(domain);
    }

    /** From the request's arrival to the end of the response. */
    public Duration duration() {
      return duration;
    }

    @Override
    public String toString() {
      return (remote == null ? "-" : remote.getAddress().getHostAddress()) + " " + method + " "
          + path + " " + status + (domain == null ? "" : " " + domain) + " "
          + duration.toMillis() + " ms";
    }
  }

  // ------------------------------------------------------------------ builder

  /** Builds and starts an {@link AgentServer}. Not thread-safe. */
  public static final class Builder {
    private final DomainValidationInspector inspector;
    private final AgentKey key;
    private InetSocketAddress listen =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), AgentProtocol.DEFAULT_PORT);
    private @Nullable String region;
    private @Nullable Rir rir;
    private int maxConcurrent = 8;
    private @Nullable SSLContext sslContext;
    private Listener listener = Listener.NONE;
    private String software = "dvinspector";

    Builder(DomainValidationInspector inspector, AgentKey key) {
      this.inspector = Objects.requireNonNull(inspector, "inspector");
      this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Where to listen (default: 127.0.0.1 port {@value AgentProtocol#DEFAULT_PORT}; port 0 picks
     * a free one). An agent other regions reach listens on a public or VPN address.
     */
    public Builder listen(InetSocketAddress address) {
      Objects.requireNonNull(address, "address");
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("Listen on an IP address, not the unresolved name "
            + address.getHostString());
      }
      this.listen = address;
      return this;
    }

    /**
     * The agent's region label, shown with every result it gives, e.g. {@code eu-central}:
     * letters, digits, '.', '_' and '-', at most 63 characters. Required.
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException("The region label \"" + org.dvinspector.spi.Text.escape(
            region) + "\" must be 1 to 63 letters, digits, '.', '_' or '-', starting with a"
            + " letter or digit");
      }
      this.region = region;
      return this;
    }

    /** The Regional Internet Registry whose service region the agent is in (BR 3.2.2.9). */
    public Builder rir(Rir rir) {
      this.rir = Objects.requireNonNull(rir, "rir");
      return this;
    }

    /** How many inspections run at once before further requests get 503 (default 8). */
    public Builder maxConcurrent(int maxConcurrent) {
      if (maxConcurrent < 1 || maxConcurrent > 1024) {
        throw new IllegalArgumentException("maxConcurrent must be between 1 and 1024, got "
            + maxConcurrent);
      }
      this.maxConcurrent = maxConcurrent;
      return this;
    }

    /** Serve HTTPS with this context (see {@link AgentServer#tlsContext(Path)}). */
    public Builder tls(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "context");
      return this;
    }

    /** Told about every answered request (default: nothing). */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The software name and version the agent reports (default {@code dvinspector}). */
    public Builder software(String software) {
      this.software = Objects.requireNonNull(software, "software");
      return this;
    }

    /**
     * Binds the address and starts serving.
     *
     * @throws IllegalStateException if no region was given
     * @throws UncheckedIOException if the address cannot be bound
     */
    public AgentServer start() {
      if (region == null) {
        throw new IllegalStateException("Give the agent a region label");
      }
      AtomicInteger n = new AtomicInteger();
      // Handlers only parse and hand over to the inspector; replies are written from here too.
      int threads = 2 + Math.min(maxConcurrent, 30);
      ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads,
          30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "dvi-agent-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      executor.allowCoreThreadTimeOut(true);
      HttpServer server;
      try {
        if (sslContext != null) {
          HttpsServer https = HttpsServer.create(listen, 64);
          https.setHttpsConfigurator(new HttpsConfigurator(sslContext));
          server = https;
        } else {
          server = HttpServer.create(listen, 64);
        }
      } catch (IOException e) {
        executor.shutdownNow();
        throw new UncheckedIOException("Cannot listen on " + listen.getAddress().getHostAddress()
            + ":" + listen.getPort() + ": " + e.getMessage(), e);
      }
      AgentServer agent = new AgentServer(this, server, executor);
      server.createContext("/", agent::handle);
      server.setExecutor(executor);
      server.start();
      return agent;
    }
  }
}
