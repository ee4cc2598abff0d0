/** DV Inspector DNS module: TXT and CNAME validation from every authoritative nameserver. */
module org.dvinspector.dns {
  requires transitive org.dvinspector;
  requires org.dnsjava;
  requires org.slf4j;
  requires static org.immutables.value.annotations;

  exports org.dvinspector.dns;

  provides org.dvinspector.spi.InspectorModule with org.dvinspector.dns.DnsModule;
}
