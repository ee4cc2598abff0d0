package org.dvinspector.benchmarks.harness;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The questions an inspection asked, read back from its {@link Observation}s: a DNS question
 * ({@code TXT _dnsauth.example.test} to one server address) or an HTTP fetch ({@code GET
 * http://...} from one address). The references of the harness (the raw dnsjava floor, the
 * sequential peer) ask exactly these again, so both sides do the same work.
 */
final class Questions {
  private Questions() {}

  /** One DNS question to one server, before routing. */
  record DnsQuestion(InetSocketAddress target, Name name, int type, boolean recursive,
      boolean tcp) {}

  /** One HTTP fetch of {@code url} from {@code address}. */
  record HttpFetch(String url, InetAddress address) {}

  /** One question of either kind. */
  record Question(Optional<DnsQuestion> dns, Optional<HttpFetch> http) {}

  /** The DNS questions among {@code observations}, in order; questions not asked are left out. */
  static List<DnsQuestion> dns(List<Observation> observations) {
    List<DnsQuestion> out = new ArrayList<>();
    for (Observation o : observations) {
      dns(o).ifPresent(out::add);
    }
    return out;
  }

  /** Every question among {@code observations}, ordered by when it was asked. */
  static List<Question> all(List<Observation> observations) {
    List<Observation> sorted = new ArrayList<>(observations);
    sorted.sort(java.util.Comparator.comparing(
        o -> o.startOffset().orElse(java.time.Duration.ZERO)));
    List<Question> out = new ArrayList<>();
    for (Observation o : sorted) {
      Optional<DnsQuestion> d = dns(o);
      Optional<HttpFetch> h = http(o);
      if (d.isPresent() || h.isPresent()) {
        out.add(new Question(d, h));
      }
    }
    return out;
  }

  /** The DNS question of {@code o}, when it is one that was sent. */
  static Optional<DnsQuestion> dns(Observation o) {
    Perspective p = o.perspective();
    boolean authoritative = p.kind() == Perspective.Kind.AUTHORITATIVE_SERVER;
    boolean recursive = p.kind() == Perspective.Kind.RECURSIVE_RESOLVER;
    if ((!authoritative && !recursive) || o.outcome() == Observation.Outcome.SKIPPED
        || p.address().isEmpty()) {
      return Optional.empty();
    }
    String[] parts = o.query().split(" ", 2);
    if (parts.length != 2) {
      return Optional.empty();
    }
    int type = Type.value(parts[0]);
    if (type < 0) {
      return Optional.empty();
    }
    Name name;
    try {
      name = Name.fromString(parts[1], Name.root);
    } catch (TextParseException e) {
      return Optional.empty();
    }
    InetSocketAddress target = authoritative
        ? new InetSocketAddress(RemoteLab.literal(p.address().get()), 53)
        : hostPort(p.address().get());
    boolean tcp = p.transport().map("tcp"::equals).orElse(false);
    return Optional.of(new DnsQuestion(target, name, type, recursive, tcp));
  }

  /** The HTTP fetch of {@code o}, when it is one that was made. */
  static Optional<HttpFetch> http(Observation o) {
    Perspective p = o.perspective();
    if (p.kind() != Perspective.Kind.HTTP_ENDPOINT || o.outcome() == Observation.Outcome.SKIPPED
        || p.address().isEmpty() || !o.query().startsWith("GET ")) {
      return Optional.empty();
    }
    return Optional.of(new HttpFetch(o.query().substring(4), RemoteLab.literal(p.address().get())));
  }

  /** {@code 127.0.0.10:5353} or {@code [::1]:5353}. */
  static InetSocketAddress hostPort(String text) {
    int colon = text.lastIndexOf(':');
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(RemoteLab.literal(host), Integer.parseInt(text.substring(colon + 1)));
  }
}
