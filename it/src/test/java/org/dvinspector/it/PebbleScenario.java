package org.dvinspector.it;

import static org.dvinspector.it.LabEnvironment.WEB1;
import static org.dvinspector.it.LabEnvironment.WEB2;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.testkit.TlsAlpnServer;

/**
 * One agreement scenario: an identifier, a challenge type, and how the lab is set up for it once
 * the token is known (DNS records, web sites, files). It records what Pebble was observed to
 * decide and what Let's Encrypt's production rules decide; where those differ the scenario is a
 * divergence between the two CAs.
 *
 * @param id short name, also the identifier's first label ({@code <id>.example.org})
 * @param type {@code http-01}, {@code dns-01} or {@code tls-alpn-01}
 * @param what one line for the table
 * @param name the identifier when it is not {@code <id>.example.org}
 * @param setup sets the lab up for this scenario
 * @param pebbleValid what Pebble 2.4 (Debian) decides, verified by {@code PebbleAgreementTest}
 * @param letsEncryptValid what Let's Encrypt's production validator decides (SPEC §6)
 */
record PebbleScenario(
    String id,
    String type,
    String what,
    Optional<String> name,
    Consumer<Stage> setup,
    boolean pebbleValid,
    boolean letsEncryptValid) {

  /** The identifier validated. */
  String identifier() {
    return name.orElse(id + ".example.org");
  }

  /** Whether Pebble and Let's Encrypt decide this scenario differently. */
  boolean divergence() {
    return pebbleValid != letsEncryptValid;
  }

  @Override
  public String toString() {
    return id;
  }

  /** What a scenario's setup may do once its challenge token is known. */
  static final class Stage {
    final PebbleScenario scenario;
    final String token;
    final String keyAuthorization;
    final Map<String, List<String>> zoneLines = new LinkedHashMap<>();
    final List<NginxLab.Site> sites = new ArrayList<>();
    final Map<String, String> files = new LinkedHashMap<>();
    /** What the tls-alpn-01 responder answers, by SNI name. */
    final Map<String, TlsAlpnServer.Response> tls = new LinkedHashMap<>();

    Stage(PebbleScenario scenario, String token, String keyAuthorization) {
      this.scenario = scenario;
      this.token = token;
      this.keyAuthorization = keyAuthorization;
    }

    String id() {
      return scenario.id();
    }

    /** The dns-01 TXT value for this scenario's key authorization. */
    String digest() {
      return AcmeChallenges.dns01TxtValue(keyAuthorization);
    }

    /** The http-01 path. */
    String path() {
      return AcmeChallenges.http01Path(token);
    }

    /** A master-file line for a lab zone (example.org, example.net, ...). */
    Stage record(String zone, String line) {
      zoneLines.computeIfAbsent(zone, z -> new ArrayList<>()).add(line);
      return this;
    }

    /** {@code <id> A address} in example.org. */
    Stage address(InetAddress address) {
      return record("example.org", id() + " A " + address.getHostAddress());
    }

    /** A site for {@code <id><suffix>.example.org} on {@code address}, served from this scenario's root. */
    NginxLab.Site site(String suffix, InetAddress address) {
      NginxLab.Site s = NginxLab.Site.named(id() + suffix + ".example.org").on(address).root(id());
      sites.add(s);
      return s;
    }

    /** The file at the challenge path with exactly {@code content}. */
    Stage file(String content) {
      files.put(path(), content);
      return this;
    }

    /**
     * The identifier's A record points at the lab's tls-alpn-01 responder ({@link
     * LabEnvironment#ALPN}), which answers its SNI name with {@code response}.
     */
    Stage tlsResponder(TlsAlpnServer.Response response) {
      tls.put(scenario.identifier(), response);
      return address(LabEnvironment.ALPN);
    }

    /** The identifier's own site (on WEB1), with the identifier's A record. */
    NginxLab.Site ownSite() {
      address(WEB1);
      return site("", WEB1);
    }

    /**
     * The identifier redirects with {@code status} to {@code <id>-target.example.org} on WEB2 (or
     * to {@code targetAuthority} when given, e.g. with a port), which serves the file.
     */
    Stage redirectToTarget(int status, String scheme, String targetAuthority) {
      ownSite().directive("location / { return " + status + " " + scheme + "://"
          + targetAuthority + "$request_uri; }");
      record("example.org", id() + "-target A " + WEB2.getHostAddress());
      NginxLab.Site target = site("-target", WEB2).https();
      if (targetAuthority.contains(":")) {
        target.port(Integer.parseInt(targetAuthority.substring(targetAuthority.indexOf(':') + 1)));
      }
      return file(keyAuthorization);
    }

    /** A chain of {@code hops} redirects on the identifier's own site, then the file. */
    Stage redirectChain(int hops) {
      NginxLab.Site s = ownSite();
      String host = scenario.identifier();
      s.directive("location /.well-known/ { return 301 http://" + host + "/h1$request_uri; }");
      for (int i = 1; i < hops; i++) {
        s.directive("location ~ ^/h" + i + "/(.*)$ { return 301 http://" + host + "/h" + (i + 1)
            + "/$1; }");
      }
      s.directive("location ~ ^/h" + hops + "(/.*)$ { rewrite ^/h" + hops + "(/.*)$ $1 break; }");
      return file(keyAuthorization);
    }
  }
}
