package org.dvinspector.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A mail server on loopback for the contact module's lab-only SMTP probe: it greets, answers
 * {@code EHLO}/{@code HELO}, {@code MAIL FROM}, and {@code RCPT TO} with 250 for the mailboxes it
 * {@linkplain #accept(String...) has} and 550 for any other, refuses {@code DATA} (nothing is
 * ever delivered) and records every command, so a test can show that no message was sent.
 */
public final class SmtpLabServer implements AutoCloseable {
  private final ServerSocket server;
  private final Set<String> mailboxes = ConcurrentHashMap.newKeySet();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "smtp-lab");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  private SmtpLabServer(ServerSocket server) {
    this.server = server;
    workers.execute(this::acceptLoop);
  }

  /** Starts a server on {@code address} (loopback), on a free port. */
  public static SmtpLabServer start(String address) {
    try {
      InetAddress a = InetAddress.getByName(address);
      if (!a.isLoopbackAddress()) {
        throw new IllegalArgumentException("The SMTP lab binds loopback addresses only: " + address);
      }
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(a, 0), 16);
      return new SmtpLabServer(s);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the SMTP lab on " + address, e);
    }
  }

  /** Where the server listens. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** Mailboxes that exist (RCPT TO answers 250); any other gets 550. */
  public SmtpLabServer accept(String... addresses) {
    for (String a : addresses) {
      mailboxes.add(a.toLowerCase(Locale.ROOT));
    }
    return this;
  }

  /** Every command received, in order. */
  public List<String> commands() {
    return List.copyOf(commands);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        workers.execute(() -> serve(s));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (Socket s = socket) {
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      write(out, "220 mail.lab.invalid ESMTP DV Inspector lab");
      String line;
      while ((line = in.readLine()) != null) {
        commands.add(line);
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("EHLO")) {
          write(out, "250-mail.lab.invalid\r\n250 SIZE 1000000");
        } else if (upper.startsWith("HELO") || upper.startsWith("MAIL FROM:")
            || upper.startsWith("RSET") || upper.startsWith("NOOP")) {
          write(out, "250 OK");
        } else if (upper.startsWith("RCPT TO:")) {
          String address = line.substring(8).strip();
          if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1);
          }
          write(out, mailboxes.contains(address.toLowerCase(Locale.ROOT)) ? "250 OK"
              : "550 5.1.1 <" + address + ">: Recipient address rejected: no such mailbox");
        } else if (upper.startsWith("DATA")) {
          write(out, "554 5.7.1 The lab delivers nothing");
        } else if (upper.startsWith("QUIT")) {
          write(out, "221 Bye");
          return;
        } else {
          write(out, "502 5.5.2 Command not recognized");
        }
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    workers.shutdownNow();
  }
}
