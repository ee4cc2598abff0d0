package org.dvinspector;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One place an observation is made from: a recursive resolver, one address of an authoritative
 * nameserver over one transport, one HTTP endpoint (scheme and address), or a remote agent.
 */
@Value.Immutable
public abstract class Perspective {
  /** The kind of perspective. */
  public enum Kind {
    /** A configured recursive resolver: what the user's own tools see. */
    RECURSIVE_RESOLVER,
    /** One address of an authoritative nameserver, asked directly (the CA's view). */
    AUTHORITATIVE_SERVER,
    /** One HTTP or HTTPS endpoint (scheme × address). */
    HTTP_ENDPOINT,
    /** A remote vantage point supplied by the host. */
    REMOTE_AGENT,
    /** The inspector itself (policy checks, computations). */
    INSPECTOR
  }

  /** What kind of perspective this is. */
  public abstract Kind kind();

  /** A human name: the nameserver's host name, the resolver, the URL's host, the agent's name. */
  public abstract String name();

  /** The address asked, as text ({@code 192.0.2.1}, {@code 2001:db8::1}), when there is one. */
  public abstract Optional<String> address();

  /**
   * The transport or scheme: {@code udp}, {@code tcp}, {@code http}, {@code https}, or {@code tls}
   * for a tls-alpn-01 handshake.
   */
  public abstract Optional<String> transport();

  /** Region or network label of a remote agent (e.g. an RIR name), when known. */
  public abstract Optional<String> region();

  /** A compact label: {@code ns1.example.com [192.0.2.1] udp}. */
  public String label() {
    StringBuilder b = new StringBuilder(name());
    address().ifPresent(a -> b.append(" [").append(a).append(']'));
    transport().ifPresent(t -> b.append(' ').append(t));
    return b.toString();
  }

  /** A configured recursive resolver. */
  public static Perspective recursiveResolver(InetSocketAddress resolver) {
    return ImmutablePerspective.builder()
        .kind(Kind.RECURSIVE_RESOLVER)
        .name("resolver")
        .address(hostPort(resolver))
        .transport("udp")
        .build();
  }

  /** One address of an authoritative nameserver over one transport. */
  public static Perspective authoritative(String serverName, InetAddress address, String transport) {
    return ImmutablePerspective.builder()
        .kind(Kind.AUTHORITATIVE_SERVER)
        .name(serverName)
        .address(address.getHostAddress())
        .transport(transport)
        .build();
  }

  /** One HTTP endpoint. */
  public static Perspective httpEndpoint(String scheme, String host, InetAddress address) {
    return ImmutablePerspective.builder()
        .kind(Kind.HTTP_ENDPOINT)
        .name(host)
        .address(address.getHostAddress())
        .transport(scheme)
        .build();
  }

  /** A remote agent. */
  public static Perspective remoteAgent(String name, String region) {
    return ImmutablePerspective.builder().kind(Kind.REMOTE_AGENT).name(name).region(region).build();
  }

  /** The inspector itself. */
  public static Perspective inspector() {
    return ImmutablePerspective.builder().kind(Kind.INSPECTOR).name("inspector").build();
  }

  /** A builder for other perspectives. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Perspective}. */
  public static final class Builder extends ImmutablePerspective.Builder {
    Builder() {}
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + a.getPort() : host + ":" + a.getPort();
  }

  @Override
  public String toString() {
    return label();
  }
}
