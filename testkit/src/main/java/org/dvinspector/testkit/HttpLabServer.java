package org.dvinspector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Protocol;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * One mockwebserver3 server of an {@link HttpLabEndpoint}: the one standing in for port 80 or
 * for port 443. Answers by path (the request target without its query): each method below sets
 * what one path returns; any other path gets {@link #otherwise(MockResponse)} (404 by default).
 * Thread-safe: paths can be changed while the server runs.
 */
public final class HttpLabServer {
  private final MockWebServer server;
  private final boolean tls;
  private final Map<String, MockResponse> routes = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile MockResponse otherwise =
      new MockResponse.Builder().code(404).body("not found\n").build();
  private volatile boolean stopped;
  /** Answers for requests whose User-Agent contains a key: a firewall rule against an agent. */
  private final Map<String, MockResponse> agentRefusals = new ConcurrentHashMap<>();

  HttpLabServer(InetAddress address, @Nullable SSLSocketFactory tlsFactory) {
    this.tls = tlsFactory != null;
    this.server = new MockWebServer();
    server.setProtocols(List.of(Protocol.HTTP_1_1));
    if (tlsFactory != null) {
      server.useHttps(tlsFactory);
    }
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String agent = request.getHeaders().get("User-Agent");
        for (Map.Entry<String, MockResponse> refusal : agentRefusals.entrySet()) {
          if (agent != null && agent.contains(refusal.getKey())) {
            return refusal.getValue();
          }
        }
        String target = request.getTarget();
        int q = target.indexOf('?');
        String path = q >= 0 ? target.substring(0, q) : target;
        MockResponse r = routes.get(path);
        return r != null ? r : otherwise;
      }
    });
    try {
      server.start(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a lab web server on " + address.getHostAddress()
          + " (is it a loopback address this machine can bind?)", e);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** Where the server listens. */
  public InetSocketAddress socketAddress() {
    return server.getSocketAddress();
  }

  /** Whether the server speaks TLS. */
  public boolean isTls() {
    return tls;
  }

  /** Answers {@code path} with status 200 and {@code body} as {@code text/plain}. */
  public HttpLabServer serve(String path, String body) {
    return serve(path, 200, body);
  }

  /** Answers {@code path} with {@code status} and {@code body} as {@code text/plain}. */
  public HttpLabServer serve(String path, int status, String body) {
    return serve(path, status, body, Map.of());
  }

  /** Answers {@code path} with {@code status}, {@code body} and extra response headers. */
  public HttpLabServer serve(String path, int status, String body, Map<String, String> headers) {
    MockResponse.Builder b = new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "text/plain; charset=utf-8")
        .body(body);
    headers.forEach(b::setHeader);
    return respond(path, b.build());
  }

  /** Answers {@code path} with exact bytes (for byte-order marks and odd encodings). */
  public HttpLabServer serveBytes(String path, int status, byte[] body) {
    return respond(path, new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "text/plain")
        .body(new okio.Buffer().write(body))
        .build());
  }

  /** Answers {@code path} with a ready mockwebserver3 response. */
  public HttpLabServer respond(String path, MockResponse response) {
    requirePath(path);
    routes.put(path, Objects.requireNonNull(response, "response"));
    return this;
  }

  /** Answers {@code path} with a redirect ({@code status}, e.g. 301) to {@code location}. */
  public HttpLabServer redirect(String path, int status, String location) {
    return respond(path, new MockResponse.Builder()
        .code(status)
        .setHeader("Location", location)
        .body("")
        .build());
  }

  /**
   * Answers {@code path} with status 200 and {@code body}, one byte per {@code interval}: a slow
   * server whose body takes {@code body.length() * interval} to arrive.
   */
  public HttpLabServer dripFeed(String path, String body, Duration interval) {
    return respond(path, new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "text/plain")
        .body(body)
        .throttleBody(1, interval.toNanos(), TimeUnit.NANOSECONDS)
        .build());
  }

  /**
   * Answers {@code path} with status 200 and a body that never ends (no Content-Length, bytes
   * until the client goes away or the lab closes).
   */
  public HttpLabServer endless(String path) {
    return respond(path, new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "text/plain")
        .body(new EndlessBody())
        .build());
  }

  /** Accepts requests for {@code path} and never answers them (no status line, no headers). */
  public HttpLabServer stall(String path) {
    return respond(path, new MockResponse.Builder()
        .onResponseStart(SocketEffect.Stall.INSTANCE)
        .build());
  }

  /**
   * Answers every request whose User-Agent contains {@code agentPart} with {@code status} and a
   * short body, whatever its path: a firewall, WAF or bot rule against one client (a CA's
   * validator), while other clients get the normal answers.
   */
  public HttpLabServer refuseAgent(String agentPart, int status) {
    if (agentPart.isEmpty()) {
      throw new IllegalArgumentException("agentPart must not be empty");
    }
    agentRefusals.put(agentPart, new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "text/html")
        .body("<html><body>Access denied</body></html>\n")
        .build());
    return this;
  }

  /** What every path without its own answer gets (default: 404). */
  public HttpLabServer otherwise(MockResponse response) {
    this.otherwise = Objects.requireNonNull(response, "response");
    return this;
  }

  /** Forgets every path's answer (they get {@link #otherwise(MockResponse)} again). */
  public HttpLabServer clear() {
    routes.clear();
    agentRefusals.clear();
    return this;
  }

  /** The requests received, in order (with their Host header and, over TLS, the SNI names). */
  public List<RecordedRequest> requests() {
    return new ArrayList<>(requests);
  }

  /** How many requests were received. */
  public int requestCount() {
    return requests.size();
  }

  /** Stops listening: from now on connections to this server's port are refused. */
  public void stop() {
    if (!stopped) {
      stopped = true;
      server.close();
    }
  }

  /** Whether {@link #stop()} was called. */
  public boolean isStopped() {
    return stopped;
  }

  @Override
  public String toString() {
    return (tls ? "https" : "http") + " lab server on " + socketAddress();
  }

  private static void requirePath(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("A lab path must start with '/': " + path);
    }
  }

  /** A body without Content-Length that writes until the connection breaks. */
  private final class EndlessBody implements MockResponseBody {
    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      byte[] chunk = new byte[1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      // Bounded by the socket: the write fails once the client or the lab closes it.
      while (!stopped) {
        sink.write(chunk);
        sink.flush();
      }
    }
  }
}
