package org.dvinspector.contact.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.spi.Text;

/**
 * The opt-in, lab-only SMTP probe: asks a mail server whether it would accept mail for the
 * contact addresses, without sending any (RFC 5321 §3: greeting, {@code EHLO}, {@code MAIL
 * FROM:<>}, one {@code RCPT TO} per address, {@code QUIT}; never {@code DATA}). It talks only to
 * mail servers the network policy routes to a loopback address ({@link #inLab}), so a lab can
 * test its mail set-up and the inspector never probes real mail servers (which treat such probes
 * as abuse).
 */
final class SmtpProbe {
  /** The SMTP port of mail relay between servers. */
  static final int PORT = 25;

  /** The name the probe gives in EHLO: a reserved name (RFC 2606), so nobody mistakes it. */
  static final String HELO_NAME = "dvinspector.invalid";

  /** One reply: its code and its text (escaped). */
  record Reply(int code, String text) {
    boolean accepted() {
      return code >= 200 && code < 300;
    }

    boolean permanent() {
      return code >= 500;
    }
  }

  /**
   * What one mail server said: whether it could be talked to, and its reply to each recipient.
   */
  record Result(InetAddress address, Optional<String> failure, Map<String, Reply> recipients) {}

  private final NetworkPolicy policy;
  private final ExecutorService threads;

  SmtpProbe(NetworkPolicy policy, ExecutorService threads) {
    this.policy = policy;
    this.threads = threads;
  }

  /** Whether {@code address}:25 is routed to a loopback address (a lab): only then is it probed. */
  boolean inLab(InetAddress address) {
    return policy.route(new InetSocketAddress(address, PORT)).getAddress().isLoopbackAddress();
  }

  /** Asks {@code address} about {@code recipients}; completes normally within the budget. */
  CompletableFuture<Result> probe(InetAddress address, List<String> recipients, Duration budget) {
    CompletableFuture<Result> out = new CompletableFuture<>();
    try {
      threads.execute(() -> out.complete(run(address, recipients, budget)));
    } catch (RejectedExecutionException e) {
      out.complete(new Result(address, Optional.of("not asked: the inspector is closing"),
          Map.of()));
    }
    return out;
  }

  private Result run(InetAddress address, List<String> recipients, Duration budget) {
    Map<String, Reply> replies = new LinkedHashMap<>();
    int timeout = (int) Math.max(1, budget.toMillis());
    try (Socket s = new Socket()) {
      s.connect(policy.route(new InetSocketAddress(address, PORT)), timeout);
      s.setSoTimeout(timeout);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.ISO_8859_1));
      OutputStream o = s.getOutputStream();
      Reply greeting = read(in);
      if (greeting.code() != 220) {
        return new Result(address, Optional.of("the server greets with " + greeting.code() + " "
            + greeting.text()), replies);
      }
      Reply ehlo = command(o, in, "EHLO " + HELO_NAME);
      if (!ehlo.accepted()) {
        ehlo = command(o, in, "HELO " + HELO_NAME);
      }
      if (!ehlo.accepted()) {
        return new Result(address, Optional.of("the server refuses EHLO/HELO: " + ehlo.code()
            + " " + ehlo.text()), replies);
      }
      // The null reverse-path (RFC 5321 §4.5.5): nothing could bounce anywhere.
      Reply from = command(o, in, "MAIL FROM:<>");
      if (!from.accepted()) {
        return new Result(address, Optional.of("the server refuses MAIL FROM:<>: " + from.code()
            + " " + from.text()), replies);
      }
      for (String r : recipients) {
        replies.put(r, command(o, in, "RCPT TO:<" + r + ">"));
      }
      command(o, in, "QUIT");
      return new Result(address, Optional.empty(), replies);
    } catch (IOException | RuntimeException e) {
      String why = e instanceof java.net.ConnectException ? "port 25 refused the connection"
          : e instanceof java.net.SocketTimeoutException ? "no answer in time"
          : "the SMTP conversation failed: " + Text.escape(String.valueOf(e.getMessage()));
      return new Result(address, Optional.of(why), replies);
    }
  }

  private static Reply command(OutputStream o, BufferedReader in, String line) throws IOException {
    o.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    o.flush();
    return read(in);
  }

  /** One reply, multi-line ones ({@code 250-...} then {@code 250 ...}) joined. */
  static Reply read(BufferedReader in) throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = in.readLine();
      if (line == null) {
        throw new IOException("the server closed the connection");
      }
      if (line.length() < 3 || lines.size() > 100) {
        throw new IOException("not an SMTP reply: " + Text.quote(line, 60));
      }
      lines.add(line.length() > 4 ? line.substring(4) : "");
      if (line.length() == 3 || line.charAt(3) != '-') {
        int code;
        try {
          code = Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
          throw new IOException("not an SMTP reply: " + Text.quote(line, 60), e);
        }
        return new Reply(code, Text.escape(String.join(" ", lines)));
      }
    }
  }
}
