package org.dvinspector.openmpic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import org.dvinspector.spi.Text;
import org.jspecify.annotations.Nullable;

/**
 * The calls of one inspection to an Open MPIC coordinator, made at once, and what came back from
 * each: the coordinator's result, or the trouble that kept it from answering.
 */
public final class MpicExchange {
  /** The largest reply read. */
  static final long MAX_REPLY_BYTES = 4L * 1024 * 1024;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** Why the coordinator gave no usable answer to one call. */
  public static final class Trouble {
    /** A short stable word: unreachable, timeout, unauthorized, engine-rejected, ... */
    public final String reason;
    /** What happened, escaped, one line. */
    public final String what;
    /** What to do. */
    public final String remedy;

    Trouble(String reason, String what, String remedy) {
      this.reason = reason;
      this.what = what;
      this.remedy = remedy;
    }
  }

  /** What one call gave: a result or trouble, and how long it took. */
  public static final class CallResult {
    /** The coordinator's result, when it answered well. */
    public final Optional<MpicResult> result;
    /** The trouble, when it did not. */
    public final Optional<Trouble> trouble;
    /** From sending to the end of the reply. */
    public final Duration latency;

    CallResult(@Nullable MpicResult result, @Nullable Trouble trouble, Duration latency) {
      this.result = Optional.ofNullable(result);
      this.trouble = Optional.ofNullable(trouble);
      this.latency = latency;
    }
  }

  /** The calls, in order. */
  public final List<MpicCall> calls;
  /** What each call gave, aligned with {@link #calls}. */
  public final List<CallResult> results;
  /** The {@code trace_identifier} of every call, for the coordinator's logs. */
  public final String traceId;

  private MpicExchange(List<MpicCall> calls, List<CallResult> results, String traceId) {
    this.calls = List.copyOf(calls);
    this.results = List.copyOf(results);
    this.traceId = traceId;
  }

  /**
   * Sends every call at once to {@code url} with {@code headers} and completes (normally) when
   * each has a result or trouble, at the latest when {@code budget} has passed.
   */
  public static CompletableFuture<MpicExchange> start(OkHttpClient client, HttpUrl url,
      Map<String, String> headers, List<MpicCall> calls, Duration budget, String traceId) {
    List<CompletableFuture<CallResult>> pending = new ArrayList<>();
    for (MpicCall c : calls) {
      pending.add(send(client, url, headers, c, budget));
    }
    return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
      List<CallResult> results = new ArrayList<>();
      for (CompletableFuture<CallResult> p : pending) {
        results.add(p.join());
      }
      return new MpicExchange(calls, results, traceId);
    });
  }

  private static CompletableFuture<CallResult> send(OkHttpClient client, HttpUrl url,
      Map<String, String> headers, MpicCall c, Duration budget) {
    Request.Builder b = new Request.Builder().url(url)
        .header("Accept", "application/json")
        .post(RequestBody.create(Json.bytes(c.body), JSON));
    headers.forEach(b::header);
    Call call = client.newCall(b.build());
    call.timeout().timeout(budget.toNanos(), TimeUnit.NANOSECONDS);
    long start = System.nanoTime();
    CompletableFuture<CallResult> out = new CompletableFuture<>();
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call x, IOException e) {
        out.complete(new CallResult(null, transport(e, url, budget), since(start)));
      }

      @Override
      public void onResponse(Call x, Response response) {
        try (response) {
          byte[] body = read(response.body());
          out.complete(answer(response.code(), body, c, since(start)));
        } catch (IOException e) {
          out.complete(new CallResult(null, transport(e, url, budget), since(start)));
        } catch (RuntimeException e) {
          out.complete(new CallResult(null, new Trouble("malformed-reply", "the reply could not"
              + " be read (" + e.getClass().getSimpleName() + ")", REMEDY_ENGINE), since(start)));
        }
      }
    });
    return out;
  }

  private static final String REMEDY_ENGINE = "Check that the URL is the coordinator's /mpic"
      + " endpoint of an Open MPIC APIv2 deployment, and look at the coordinator's log.";

  private static CallResult answer(int code, byte[] body, MpicCall c, Duration latency) {
    if (code == 200) {
      try {
        return new CallResult(MpicResult.parse(body, c.checkType,
            c.body.get("domain_or_ip_target").asText()), null, latency);
      } catch (MpicFormatException e) {
        return new CallResult(null, new Trouble("malformed-reply",
            "the reply is not an Open MPIC result: " + e.getMessage(), REMEDY_ENGINE), latency);
      }
    }
    String said = said(body);
    Trouble t;
    if (code == 401 || code == 403) {
      t = new Trouble("unauthorized", "the coordinator refused the request (HTTP " + code + said
          + ")", "Give this client the deployment's API key (sent as x-api-key), e.g. in the"
              + " perspectives configuration file.");
    } else if (code == 400 || code == 422) {
      t = new Trouble("engine-rejected", "the coordinator rejected the request (HTTP " + code
          + said + ")", "Check the perspective count against the deployment's perspectives"
              + " and that this release supports the engine's API version.");
    } else if (code >= 500) {
      t = new Trouble("engine-error", "the coordinator failed (HTTP " + code + said + ")",
          "Look at the coordinator's log; inspect again once the engine is healthy.");
    } else {
      t = new Trouble("http-status", "the coordinator answered HTTP " + code + said,
          REMEDY_ENGINE);
    }
    return new CallResult(null, t, latency);
  }

  /** ": <error>" from an error body ({"error", "validation_issues"} or a gateway's {"message"}). */
  private static String said(byte[] body) {
    try {
      JsonNode n = Json.parse(body);
      StringBuilder b = new StringBuilder();
      for (String field : List.of("error", "message")) {
        JsonNode v = n.get(field);
        if (v != null && v.isTextual()) {
          b.append(b.length() == 0 ? "" : ", ").append(v.textValue());
        }
      }
      JsonNode issues = n.get("validation_issues");
      if (issues != null && !issues.isNull()) {
        b.append(b.length() == 0 ? "" : ", ").append("validation_issues ").append(issues);
      }
      return b.length() == 0 ? "" : ": " + Text.escape(truncate(b.toString()));
    } catch (MpicFormatException e) {
      return body.length == 0 ? "" : ": " + Json.excerpt(body);
    }
  }

  private static String truncate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static Trouble transport(IOException e, HttpUrl url, Duration budget) {
    String message = e.getMessage() == null ? "" : ": " + Text.escape(e.getMessage());
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new Trouble("unreachable", "cannot connect to the coordinator at " + url + message,
          "Check the coordinator's URL and that this machine can reach it.");
    }
    if (e instanceof UnknownHostException) {
      return new Trouble("unreachable", "cannot resolve the coordinator's host " + url.host(),
          "Check the coordinator's URL.");
    }
    if (e instanceof SSLException) {
      return new Trouble("tls", "the TLS handshake with the coordinator failed" + message,
          "Check the coordinator's certificate and this client's trust.");
    }
    if (e instanceof InterruptedIOException) {
      return new Trouble("timeout", "no answer from the coordinator within " + budget.toMillis()
          + " ms", "Give the inspection a longer deadline (the engine retries and waits for"
              + " every perspective), or check the coordinator's health.");
    }
    return new Trouble("unreachable", "the exchange with the coordinator failed ("
        + e.getClass().getSimpleName() + message + ")",
        "Check the coordinator's URL and that this machine can reach it.");
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

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
