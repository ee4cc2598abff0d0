package org.dvinspector.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP server in the test (the JDK's own) that answers given paths with given bodies and
 * 404 otherwise: enough to see Pebble reach "valid" before any web server is involved.
 */
final class ChallengeResponder implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final Map<String, String> bodies = new ConcurrentHashMap<>();

  private ChallengeResponder(HttpServer server) {
    this.server = server;
  }

  static ChallengeResponder start(InetSocketAddress address) throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    ChallengeResponder r = new ChallengeResponder(server);
    server.createContext("/", exchange -> {
      try (exchange) {
        String body = r.bodies.get(exchange.getRequestURI().getPath());
        byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    server.setExecutor(r.executor);
    server.start();
    return r;
  }

  /** Answers {@code path} with 200 and {@code body}. */
  void put(String path, String body) {
    bodies.put(path, body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
