package org.dvinspector.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.testkit.DnsLab;

/** The {@code dvi check} network options that point the command at a {@link DnsLab}. */
final class LabNetwork {
  private LabNetwork() {}

  /**
   * Root hints written to {@code dir}, the lab resolver, port 53 mapped, the lab's trust anchor
   * (or no DNSSEC validation for an unsigned lab), short timeouts.
   */
  static List<String> options(DnsLab lab, Path dir) {
    Path hints = dir.resolve("lab.root");
    DemoLab.writeRootHints(hints, lab.rootServers());
    InetSocketAddress resolver = lab.recursiveResolver();
    List<String> args = new ArrayList<>();
    args.add("--root-hints");
    args.add(hints.toString());
    args.add("--resolver");
    args.add(resolver.getAddress().getHostAddress() + ":" + resolver.getPort());
    args.add("--port-map");
    args.add("53=" + lab.port());
    args.addAll(DemoLab.trustAnchorArguments(lab, dir.resolve("lab.anchors")));
    args.add("--allow-private-addresses");
    args.add("--timeout");
    args.add("400ms");
    args.add("--deadline");
    args.add("5s");
    return args;
  }

  /** {@code first} followed by the lab options. */
  static String[] args(DnsLab lab, Path dir, String... first) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(options(lab, dir));
    return all.toArray(new String[0]);
  }
}
