/** DV Inspector HTTP module: file validation over HTTP and HTTPS from every address. */
module org.dvinspector.http {
  requires transitive org.dvinspector;
  requires transitive okhttp3;
  requires static org.immutables.value.annotations;

  exports org.dvinspector.http;

  provides org.dvinspector.spi.InspectorModule with org.dvinspector.http.HttpModule;
}
