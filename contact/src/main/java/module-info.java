/**
 * DV Inspector contact module: readiness for the e-mail and phone validation methods (BR
 * 3.2.2.4.4, .13, .14, .15, .16, .17).
 */
module org.dvinspector.contact {
  requires transitive org.dvinspector;
  requires org.dvinspector.dns;

  exports org.dvinspector.contact;

  provides org.dvinspector.spi.InspectorModule with org.dvinspector.contact.ContactModule;
}
