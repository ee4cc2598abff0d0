package org.dvinspector.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses {@code HOST:PORT} endpoints and IP literals without ever asking DNS. */
final class Endpoints {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Endpoints() {}

  /**
   * {@code 192.0.2.1}, {@code 192.0.2.1:5353}, {@code [2001:db8::1]:53} or {@code 2001:db8::1}.
   *
   * @throws UsageException when it is not an IP literal with an optional port
   */
  static InetSocketAddress parse(String option, String text, int defaultPort) {
    String t = text.strip();
    String host;
    int port = defaultPort;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw bad(option, text);
      }
      host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw bad(option, text);
        }
        port = port(option, text, rest.substring(1));
      }
    } else if (t.indexOf(':') != t.lastIndexOf(':')) {
      host = t; // a bare IPv6 address
    } else if (t.indexOf(':') >= 0) {
      host = t.substring(0, t.indexOf(':'));
      port = port(option, text, t.substring(t.indexOf(':') + 1));
    } else {
      host = t;
    }
    return new InetSocketAddress(address(option, text, host), port);
  }

  /**
   * An IP literal.
   *
   * @throws UsageException when it is not one (host names are refused: they would need DNS)
   */
  static InetAddress address(String option, String text, String host) {
    boolean ipv4 = IPV4.matcher(host).matches();
    boolean literal = ipv4 || (host.indexOf(':') >= 0
        && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%'));
    if (!literal) {
      throw new UsageException(option + " '" + Style.safe(Dvi.abbreviate(text, 100))
          + "' must be an IP address (with an optional :PORT), not a host name");
    }
    if (ipv4) {
      // InetAddress.getByName asks DNS for what is not a valid literal (999.1.1.1 is a "host
      // name" to it): every octet is checked here, so nothing reaches the resolver.
      for (String octet : host.split("\\.")) {
        if (Integer.parseInt(octet) > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
          throw new UsageException(option + " '" + Style.safe(Dvi.abbreviate(text, 100))
              + "' is not a valid IPv4 address (each of the four numbers is 0 to 255, without"
              + " leading zeros)");
        }
      }
    }
    try {
      // A literal: InetAddress parses it without any lookup (an invalid IPv6 literal, which holds
      // a ':', is refused by the JDK without a lookup too).
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw bad(option, text);
    }
  }

  static int port(String option, String text, String port) {
    try {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw bad(option, text);
      }
      return p;
    } catch (NumberFormatException e) {
      throw bad(option, text);
    }
  }

  private static UsageException bad(String option, String text) {
    return new UsageException(option + " '" + Style.safe(Dvi.abbreviate(text, 100))
        + "' is not an address such as 192.0.2.1:53 or [2001:db8::1]:53");
  }
}
