package org.dvinspector.http.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;
import org.dvinspector.NetworkPolicy;

/**
 * Plain sockets whose connections go where the {@link NetworkPolicy} routes them ({@link
 * NetworkPolicy#route}): OkHttp asks to connect to "address A, port 80" and the socket connects to
 * the mapped endpoint (a loopback test port, for instance). TLS is layered on top by OkHttp with
 * the original host name, so the Host header and SNI are unchanged and observations still name the
 * original address and port.
 */
final class MappedSocketFactory extends SocketFactory {
  private final NetworkPolicy policy;

  MappedSocketFactory(NetworkPolicy policy) {
    this.policy = policy;
  }

  @Override
  public Socket createSocket() {
    return new MappedSocket(policy);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw unresolved(host);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    throw unresolved(host);
  }

  private static IOException unresolved(String host) {
    // Connections are pinned to addresses the module resolved and checked; never resolve here.
    return new IOException("Refusing to resolve " + host + " in the socket factory");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localAddress, localPort));
    s.connect(new InetSocketAddress(address, port));
    return s;
  }

  /** A socket that connects to the mapped endpoint of the address it is asked for. */
  static final class MappedSocket extends Socket {
    private final NetworkPolicy policy;

    MappedSocket(NetworkPolicy policy) {
      this.policy = policy;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (endpoint instanceof InetSocketAddress target && !target.isUnresolved()) {
        super.connect(policy.route(target), timeout);
      } else {
        // Only resolved addresses are pinned; anything else is a bug in the caller.
        throw new IOException("Refusing to connect to an unresolved endpoint " + endpoint);
      }
    }
  }
}
