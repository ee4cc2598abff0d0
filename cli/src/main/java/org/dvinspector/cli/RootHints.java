package org.dvinspector.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dvinspector.RootServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Reads a root hints file (zone-file format, like IANA's {@code named.root}): the NS records of
 * the root name the root servers, their A and AAAA records give the addresses. A lab's fake root
 * is written the same way.
 */
final class RootHints {
  private RootHints() {}

  /**
   * Parses root hints.
   *
   * @throws UsageException when the text does not parse or names no root server with an address
   */
  static List<RootServer> parse(String text, String file) {
    List<Name> rootNs = new ArrayList<>();
    Map<Name, Set<InetAddress>> addresses = new LinkedHashMap<>();
    try (Master master = new Master(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root, 3_600_000)) {
      // A hints file is read as data only: $INCLUDE would open any file the text names (say
      // /dev/zero, unbounded) and $GENERATE could expand to billions of records.
      master.disableIncludes(true);
      master.expandGenerate(false);
      Record r;
      while ((r = master.nextRecord()) != null) {
        if (r instanceof NSRecord && r.getName().equals(Name.root)) {
          rootNs.add(((NSRecord) r).getTarget());
        } else if (r instanceof ARecord) {
          addresses.computeIfAbsent(r.getName(), n -> new LinkedHashSet<>())
              .add(((ARecord) r).getAddress());
        } else if (r instanceof AAAARecord) {
          addresses.computeIfAbsent(r.getName(), n -> new LinkedHashSet<>())
              .add(((AAAARecord) r).getAddress());
        }
      }
      if (master.generators().hasNext()) {
        throw new UsageException("--root-hints " + Style.safe(file)
            + ": $GENERATE is not supported in root hints");
      }
    } catch (UsageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UsageException("--root-hints " + Style.safe(file) + ": "
          + Style.safe(why.replaceAll("\\s+", " ")));
    }
    // Without root NS records, every name with an address is taken as a root server.
    List<Name> names = rootNs.isEmpty() ? new ArrayList<>(addresses.keySet()) : rootNs;
    List<RootServer> out = new ArrayList<>();
    for (Name n : names) {
      Set<InetAddress> a = addresses.get(n);
      if (a != null && !a.isEmpty()) {
        String name = n.toString(true).toLowerCase(java.util.Locale.ROOT);
        out.add(RootServer.of(name, List.copyOf(a)));
      }
    }
    if (out.isEmpty()) {
      throw new UsageException("--root-hints " + Style.safe(file)
          + " names no root server with an A or AAAA record");
    }
    return out;
  }
}
