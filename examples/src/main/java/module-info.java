/** Examples of using DV Inspector from an application module. */
module org.dvinspector.examples {
  requires org.dvinspector;
  requires org.dvinspector.http;
  requires org.shredzone.acme4j;

  exports org.dvinspector.examples;
}
