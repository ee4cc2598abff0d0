package org.dvinspector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A small ACME (RFC 8555) client for the agreement tests: an ES256 account key, JWS-signed
 * requests with nonces, and just the resources validation needs (account, order, authorization,
 * challenge). It never finalizes orders: the authorization's status is the CA's verdict.
 */
final class AcmeClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JOSE = MediaType.get("application/jose+json");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** One challenge of an authorization. */
  record Challenge(String type, String url, String token, String status, String error) {}

  /** One authorization: the identifier, its status and its challenges. */
  record Authorization(String url, String identifier, String status, List<Challenge> challenges) {
    Challenge challenge(String type) {
      return challenges.stream().filter(c -> c.type().equals(type)).findFirst()
          .orElseThrow(() -> new AssertionError("no " + type + " challenge in " + this));
    }
  }

  /** An order and the URLs of its authorizations. */
  record Order(String url, String status, List<String> authorizations) {}

  private final OkHttpClient http;
  private final String directoryUrl;
  private final KeyPair key;
  private @Nullable JsonNode directory;
  private @Nullable String nonce;
  private @Nullable String accountUrl;

  AcmeClient(OkHttpClient http, String directoryUrl) {
    this.http = http;
    this.directoryUrl = directoryUrl;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      this.key = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates the account (newAccount, terms agreed); returns its URL. */
  String register() throws IOException {
    ObjectNode payload = JSON.createObjectNode().put("termsOfServiceAgreed", true);
    try (Response r = post(url("newAccount"), payload.toString(), true)) {
      if (r.code() != 201 && r.code() != 200) {
        throw new IOException("newAccount: " + r.code() + " " + r.body().string());
      }
      accountUrl = r.header("Location");
      if (accountUrl == null) {
        throw new IOException("newAccount returned no Location");
      }
      return accountUrl;
    }
  }

  /** The account URL (after {@link #register()}). */
  String accountUrl() {
    if (accountUrl == null) {
      throw new IllegalStateException("not registered");
    }
    return accountUrl;
  }

  /** A new order for DNS identifiers. */
  Order newOrder(String... names) throws IOException {
    ObjectNode payload = JSON.createObjectNode();
    for (String n : names) {
      payload.withArray("identifiers").addObject().put("type", "dns").put("value", n);
    }
    try (Response r = post(url("newOrder"), payload.toString(), false)) {
      String body = r.body().string();
      if (r.code() != 201) {
        throw new IOException("newOrder " + Arrays.toString(names) + ": " + r.code() + " " + body);
      }
      JsonNode o = JSON.readTree(body);
      List<String> authz = new ArrayList<>();
      o.get("authorizations").forEach(a -> authz.add(a.asText()));
      return new Order(String.valueOf(r.header("Location")), o.path("status").asText(), authz);
    }
  }

  /** Reads an authorization (POST-as-GET). */
  Authorization authorization(String url) throws IOException {
    try (Response r = post(url, "", false)) {
      String body = r.body().string();
      if (r.code() != 200) {
        throw new IOException("authorization " + url + ": " + r.code() + " " + body);
      }
      JsonNode a = JSON.readTree(body);
      List<Challenge> challenges = new ArrayList<>();
      for (JsonNode c : a.path("challenges")) {
        JsonNode err = c.path("error");
        challenges.add(new Challenge(c.path("type").asText(), c.path("url").asText(),
            c.path("token").asText(), c.path("status").asText(),
            err.isMissingNode() ? "" : err.path("detail").asText()));
      }
      return new Authorization(url, a.path("identifier").path("value").asText(),
          a.path("status").asText(), challenges);
    }
  }

  /** Tells the CA the challenge is ready: it starts validating. */
  void respond(Challenge challenge) throws IOException {
    try (Response r = post(challenge.url(), "{}", false)) {
      if (r.code() != 200) {
        throw new IOException("challenge " + challenge.url() + ": " + r.code() + " " + r.body().string());
      }
    }
  }

  /**
   * Polls the authorization until it is valid or invalid, at most {@code timeout}; returns the
   * last state read.
   */
  Authorization awaitFinal(String authorizationUrl, Duration timeout) throws IOException {
    long end = System.nanoTime() + timeout.toNanos();
    Authorization a = authorization(authorizationUrl);
    while (("pending".equals(a.status()) || "processing".equals(a.status()))
        && System.nanoTime() < end) {
      ServerProcess.sleep(100);
      a = authorization(authorizationUrl);
    }
    return a;
  }

  /** The key authorization for a token (RFC 8555 §8.1): token "." thumbprint. */
  String keyAuthorization(String token) {
    return token + "." + thumbprint();
  }

  /** The account key's RFC 7638 thumbprint. */
  String thumbprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(canonicalJwk().getBytes(StandardCharsets.UTF_8));
      return B64.encodeToString(d);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // RFC 7638 §3.2: the required members in lexicographic order, no whitespace.
  private String canonicalJwk() {
    ECPublicKey pub = (ECPublicKey) key.getPublic();
    return "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coordinate(pub.getW().getAffineX())
        + "\",\"y\":\"" + coordinate(pub.getW().getAffineY()) + "\"}";
  }

  private static String coordinate(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return B64.encodeToString(out);
  }

  private String url(String resource) throws IOException {
    if (directory == null) {
      try (Response r = http.newCall(new Request.Builder().url(directoryUrl).build()).execute()) {
        directory = JSON.readTree(r.body().string());
      }
    }
    JsonNode u = directory.get(resource);
    if (u == null) {
      throw new IOException("directory has no " + resource);
    }
    return u.asText();
  }

  private String nonce() throws IOException {
    String n = nonce;
    nonce = null;
    if (n != null) {
      return n;
    }
    try (Response r = http.newCall(new Request.Builder().url(url("newNonce")).head().build()).execute()) {
      String fresh = r.header("Replay-Nonce");
      if (fresh == null) {
        throw new IOException("newNonce returned no nonce");
      }
      return fresh;
    }
  }

  /** A JWS-signed POST; retries once on badNonce (RFC 8555 §6.5). */
  private Response post(String url, String payload, boolean withJwk) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Response r = http.newCall(new Request.Builder().url(url)
          // Bytes, so OkHttp adds no "; charset=utf-8": Pebble wants the media type exactly.
          .post(RequestBody.create(jws(url, payload, withJwk).getBytes(StandardCharsets.UTF_8),
              JOSE)).build()).execute();
      nonce = r.header("Replay-Nonce");
      if (r.code() == 400 && attempt == 0) {
        String body = r.peekBody(4096).string();
        if (body.contains("badNonce")) {
          r.close();
          continue;
        }
      }
      return r;
    }
  }

  private String jws(String url, String payload, boolean withJwk) throws IOException {
    ObjectNode header = JSON.createObjectNode().put("alg", "ES256").put("nonce", nonce())
        .put("url", url);
    if (withJwk) {
      header.set("jwk", JSON.readTree(canonicalJwk()));
    } else {
      header.put("kid", Optional.ofNullable(accountUrl)
          .orElseThrow(() -> new IllegalStateException("register first")));
    }
    String protectedB64 = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8));
    String payloadB64 = payload.isEmpty() ? ""
        : B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      // JWS ES256 (RFC 7518 §3.4): the raw R||S form, which "inP1363Format" produces.
      Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
      s.initSign(key.getPrivate());
      s.update((protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
      return JSON.createObjectNode().put("protected", protectedB64).put("payload", payloadB64)
          .put("signature", B64.encodeToString(s.sign())).toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
