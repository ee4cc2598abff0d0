/**
 * DV Inspector core: the inspector API, request and report types, the finding catalogue, CA
 * profiles and the module SPI.
 */
module org.dvinspector {
  requires transitive org.jspecify;
  requires java.xml;
  requires static org.immutables.value.annotations;

  exports org.dvinspector;
  exports org.dvinspector.acme;
  exports org.dvinspector.policy;
  exports org.dvinspector.spi;

  uses org.dvinspector.spi.InspectorModule;
}
