package org.dvinspector.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Rir;
import org.dvinspector.remote.AgentKey;
import org.dvinspector.remote.AgentProtocol;
import org.dvinspector.remote.AgentServer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dvi agent}: the inspector as a remote perspective (BR 3.2.2.9) for {@code dvi check
 * --perspectives agent:URL} and {@code AgentPerspective} clients in other regions. Runs until
 * stopped (Ctrl-C, SIGTERM), writing one access-log line per request to stderr.
 */
@Command(
    name = "agent",
    sortOptions = false,
    usageHelpAutoWidth = true,
    mixinStandardHelpOptions = true,
    headerHeading = "%n",
    header = "Serve inspections to other regions: a remote perspective for dvi check --perspectives.",
    descriptionHeading = "%n",
    description = {
        "Listens for inspection requests (dvi agent protocol, version 1: see remote/PROTOCOL.md)"
            + " from clients that share the key, runs them with this machine's network (the"
            + " network options below) and answers with the report, labelled with the region and"
            + " registry. Non-public addresses are refused unless the options allow them, whatever"
            + " a client asks.",
    },
    optionListHeading = "%nOptions:%n",
    footerHeading = "%nExamples:%n",
    footer = {
        "  openssl rand -hex 32 > agent.key",
        "  dvi agent --listen 0.0.0.0:8453 --key-file agent.key --region eu-central --rir RIPE",
        "  dvi agent --listen 127.0.0.2:8453 --key-file agent.key --region lab-b --rir ARIN"
            + " --allow-loopback-addresses",
    })
final class AgentCommand implements Callable<Integer> {
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final CliEnvironment env;

  @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = "127.0.0.1:8453",
      description = "Where to listen: an IP address and port (default: ${DEFAULT-VALUE}; use"
          + " 0.0.0.0:8453 or [::]:8453 to serve other machines; port 0 picks a free one).")
  String listen = "127.0.0.1:8453";

  @Option(names = "--key-file", paramLabel = "FILE", required = true,
      description = "The shared key clients must send (at least 16 visible ASCII characters,"
          + " e.g. from openssl rand -hex 32). Keep it readable by this user only.")
  String keyFile = "";

  @Option(names = "--region", paramLabel = "LABEL", required = true,
      description = "This agent's region label, shown with its results, e.g. eu-central.")
  String region = "";

  @Option(names = "--rir", paramLabel = "RIR",
      description = "The Regional Internet Registry this agent's network is in: AFRINIC, APNIC,"
          + " ARIN, LACNIC or RIPE (counted for the BR's two-registry rule).")
  @Nullable String rir;

  @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "8",
      description = "Inspections run at once; more are refused with 503 and Retry-After"
          + " (default: ${DEFAULT-VALUE}).")
  int maxConcurrent = 8;

  @Option(names = "--tls-certificate", paramLabel = "FILE",
      description = "Serve HTTPS with this PEM file: the certificate (then any intermediates)"
          + " and its PKCS#8 private key. Without it the agent speaks plain HTTP; put it behind"
          + " TLS (a proxy, an ingress, a VPN) before it leaves the machine.")
  @Nullable String tlsCertificate;

  @Option(names = "--quiet", description = "No access log on stderr.")
  boolean quiet;

  @Mixin NetworkOptions network = new NetworkOptions();

  AgentCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    AgentKey key = key(Path.of(keyFile));
    Rir registry = null;
    if (rir != null) {
      try {
        registry = Rir.fromName(rir);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--rir: " + e.getMessage());
      }
    }
    InetSocketAddress address = listenAddress(listen);
    SSLContext tls = tlsCertificate == null ? null : tls(tlsCertificate);
    NetworkPolicy policy = network.policy();
    // Bound how long one request or response may take on the wire (the JDK server's own
    // setting, in seconds; unset means forever).
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "60");
    System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", "60");
    AgentServer.Builder b;
    try (DomainValidationInspector inspector = Inspectors.create(policy)) {
      try {
        b = AgentServer.builder(inspector, key).listen(address).region(region)
            .maxConcurrent(maxConcurrent).software("dvi " + VersionProvider.version());
      } catch (IllegalArgumentException e) {
        throw new UsageException(String.valueOf(e.getMessage()));
      }
      if (registry != null) {
        b.rir(registry);
      }
      if (tls != null) {
        b.tls(tls);
      }
      if (!quiet) {
        b.listener(event -> {
          env.err().println(LOG_TIME.format(Instant.now()) + " " + event);
          env.err().flush();
        });
      }
      AgentServer server;
      try {
        server = b.start();
      } catch (java.io.UncheckedIOException e) {
        throw new UsageException("--listen " + Style.safe(listen) + ": " + e.getMessage());
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = null;
      if (env.installShutdownHooks()) {
        hook = new Thread(() -> {
          server.close();
          env.err().println("dvi agent: stopped");
          env.err().flush();
          stopped.countDown();
        }, "dvi-agent-stop");
        Runtime.getRuntime().addShutdownHook(hook);
      }
      try {
        env.err().println("dvi agent: " + region
            + (registry == null ? "" : " (" + registry.displayName() + ")") + " listening on "
            + server.url() + " - protocol v" + AgentProtocol.VERSION + ", up to "
            + maxConcurrent + " inspections at once, deadline " + Durations.human(policy.deadline())
            + "; stop with Ctrl-C");
        env.err().flush();
        stopped.await();
        return 0;
      } finally {
        server.close();
        if (hook != null) {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException e) {
            // Already shutting down: the hook runs.
          }
        }
      }
    }
  }

  /** {@code ADDR:PORT}, {@code ADDR} (port 8453) or {@code ADDR:0} (a free port, printed). */
  static InetSocketAddress listenAddress(String text) {
    String t = text.strip();
    if (t.endsWith(":0") && t.length() > 2) {
      String host = t.substring(0, t.length() - 2);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return new InetSocketAddress(Endpoints.address("--listen", text, host), 0);
    }
    return Endpoints.parse("--listen", t, AgentProtocol.DEFAULT_PORT);
  }

  private AgentKey key(Path file) {
    try {
      AgentKey k = AgentKey.fromFile(file);
      warnIfShared(file);
      return k;
    } catch (NoSuchFileException e) {
      throw new UsageException("--key-file " + Style.safe(keyFile) + ": no such file");
    } catch (IOException e) {
      throw new UsageException("--key-file " + Style.safe(keyFile) + ": cannot read it ("
          + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      throw new UsageException("--key-file: " + e.getMessage());
    }
  }

  private void warnIfShared(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
        env.err().println("dvi agent: warning: " + Style.safe(keyFile)
            + " is readable by other users; chmod 600 it");
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to check.
    }
  }

  private static SSLContext tls(String file) {
    try {
      return AgentServer.tlsContext(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new UsageException("--tls-certificate " + Style.safe(file) + ": no such file");
    } catch (IOException e) {
      throw new UsageException("--tls-certificate " + Style.safe(file) + ": cannot read it ("
          + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      throw new UsageException("--tls-certificate: " + e.getMessage());
    }
  }
}
