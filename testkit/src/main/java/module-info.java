/**
 * Test support for DV Inspector: the DNS and HTTP labs on loopback, their JUnit extensions and
 * AssertJ assertions for reports. JUnit and AssertJ are optional here ({@code requires static}):
 * the tests that use the extensions or the assertions bring their own.
 */
module org.dvinspector.testkit {
  requires transitive org.dvinspector;
  requires transitive org.dnsjava;
  requires static transitive org.assertj.core;
  requires transitive okhttp3;
  requires transitive okhttp3.tls;
  requires transitive mockwebserver3;
  requires org.slf4j;
  requires static transitive org.junit.jupiter.api;
  requires static org.immutables.value.annotations;

  exports org.dvinspector.testkit;
}
