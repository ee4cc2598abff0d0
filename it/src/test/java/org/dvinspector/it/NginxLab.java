package org.dvinspector.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.tls.HeldCertificate;

/**
 * A real nginx serving the lab's virtual hosts on loopback addresses, plain HTTP and HTTPS (one
 * self-signed certificate for every lab name), from document roots the tests write files into.
 * Files are read per request, so tests may write them after nginx started; the sites themselves
 * (redirects, statuses) are fixed when it starts.
 */
final class NginxLab implements AutoCloseable {
  /** One virtual host: a name on some addresses, with its own document root and locations. */
  static final class Site {
    final String serverName;
    final List<String> aliases = new ArrayList<>();
    final List<Integer> extraPorts = new ArrayList<>();
    final List<InetAddress> addresses = new ArrayList<>();
    boolean https;
    String root;
    final List<String> directives = new ArrayList<>();

    private Site(String serverName) {
      this.serverName = serverName;
      this.root = serverName;
    }

    /** A site for {@code serverName} (its document root is named after it). */
    static Site named(String serverName) {
      return new Site(serverName);
    }

    /** Listens on these addresses (plain HTTP, and HTTPS when {@link #https()}). */
    Site on(InetAddress... addrs) {
      addresses.addAll(List.of(addrs));
      return this;
    }

    /** Also serves HTTPS on the lab's HTTPS port. */
    Site https() {
      this.https = true;
      return this;
    }

    /** Also answers to these names (or address literals) in Host. */
    Site alias(String... names) {
      aliases.addAll(List.of(names));
      return this;
    }

    /** Also serves plain HTTP on these ports (e.g. 8080, a port CAs do not follow redirects to). */
    Site port(int... ports) {
      for (int p : ports) {
        extraPorts.add(p);
      }
      return this;
    }

    /** Uses another site's document root name. */
    Site root(String rootName) {
      this.root = rootName;
      return this;
    }

    /** Adds a raw nginx directive or block, e.g. {@code location /x { return 301 http://y/; }}. */
    Site directive(String d) {
      directives.add(d);
      return this;
    }

    String block(Path www, Path cert, Path key, InetAddress address) {
      StringBuilder sb = new StringBuilder("  server {\n");
      sb.append("    listen ").append(address.getHostAddress()).append(':')
          .append(LabEnvironment.HTTP_PORT).append(";\n");
      for (int p : extraPorts) {
        sb.append("    listen ").append(address.getHostAddress()).append(':').append(p).append(";\n");
      }
      if (https) {
        sb.append("    listen ").append(address.getHostAddress()).append(':')
            .append(LabEnvironment.HTTPS_PORT).append(" ssl;\n")
            .append("    ssl_certificate ").append(cert).append(";\n")
            .append("    ssl_certificate_key ").append(key).append(";\n");
      }
      sb.append("    server_name ").append(serverName);
      for (String a : aliases) {
        sb.append(' ').append(a);
      }
      sb.append(";\n")
          .append("    root ").append(www.resolve(root)).append(";\n");
      for (String d : directives) {
        sb.append("    ").append(d).append('\n');
      }
      return sb.append("  }\n").toString();
    }
  }

  private final ServerProcess process;
  private final Path www;

  private NginxLab(ServerProcess process, Path www) {
    this.process = process;
    this.www = www;
  }

  /** Starts nginx with these sites; returns when every listening socket accepts connections. */
  static NginxLab start(Path dir, HeldCertificate certificate, List<Site> sites) throws IOException {
    Files.createDirectories(dir.resolve("tmp"));
    Path www = dir.resolve("www");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.writeString(cert, certificate.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(key, certificate.privateKeyPkcs8Pem(), StandardCharsets.US_ASCII);
    Set<InetSocketAddress> sockets = new LinkedHashSet<>();
    StringBuilder servers = new StringBuilder();
    for (Site s : sites) {
      Files.createDirectories(www.resolve(s.root));
      for (InetAddress a : s.addresses) {
        servers.append(s.block(www, cert, key, a));
        sockets.add(new InetSocketAddress(a, LabEnvironment.HTTP_PORT));
        for (int p : s.extraPorts) {
          sockets.add(new InetSocketAddress(a, p));
        }
        if (s.https) {
          sockets.add(new InetSocketAddress(a, LabEnvironment.HTTPS_PORT));
        }
      }
    }
    String d = dir.toAbsolutePath().toString();
    String conf = String.join("\n",
        // Foreground, one process: the test owns it and stops it with one signal.
        "daemon off;",
        "master_process off;",
        "worker_processes 1;",
        "pid " + d + "/nginx.pid;",
        "error_log " + d + "/error.log warn;",
        "events { worker_connections 256; }",
        "http {",
        "  access_log " + d + "/access.log;",
        "  client_body_temp_path " + d + "/tmp/body;",
        "  proxy_temp_path " + d + "/tmp/proxy;",
        "  fastcgi_temp_path " + d + "/tmp/fastcgi;",
        "  uwsgi_temp_path " + d + "/tmp/uwsgi;",
        "  scgi_temp_path " + d + "/tmp/scgi;",
        "  default_type text/plain;",
        "  server_tokens off;",
        "  keepalive_timeout 5;",
        servers.toString(),
        "}",
        "");
    Path confFile = dir.resolve("nginx.conf");
    Files.writeString(confFile, conf, StandardCharsets.UTF_8);
    ServerProcess p = ServerProcess.start("nginx", List.of(LabEnvironment.path("nginx"),
        "-p", d, "-e", d + "/error.log", "-c", confFile.toString()), dir);
    NginxLab lab = new NginxLab(p, www);
    try {
      p.awaitReady(Duration.ofSeconds(15), () -> {
        for (InetSocketAddress s : sockets) {
          try (Socket socket = new Socket()) {
            socket.connect(s, 200);
          }
        }
        return true;
      });
    } catch (RuntimeException e) {
      lab.close();
      throw new IllegalStateException(e.getMessage() + "\nerror.log:\n" + errorLog(dir), e);
    }
    return lab;
  }

  private static String errorLog(Path dir) {
    try {
      return Files.readString(dir.resolve("error.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(none)";
    }
  }

  /** Writes a file (bytes as given, no newline added) under a site's document root. */
  void write(String rootName, String path, String content) throws IOException {
    Path file = www.resolve(rootName).resolve(path.startsWith("/") ? path.substring(1) : path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  String log() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
