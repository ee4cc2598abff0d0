/** DV Inspector CAA module: RFC 8659 / RFC 8657 evaluation. */
module org.dvinspector.caa {
  requires transitive org.dvinspector;
  requires org.dvinspector.dns;
  requires static org.immutables.value.annotations;

  exports org.dvinspector.caa;

  provides org.dvinspector.spi.InspectorModule with org.dvinspector.caa.CaaModule;
}
