/** Test support for DV Inspector. */
module org.dvinspector.testkit {
  requires transitive org.dvinspector;
  requires transitive org.dnsjava;
  requires transitive org.assertj.core;
  requires transitive okhttp3;
  requires transitive okhttp3.tls;
  requires transitive mockwebserver3;
  requires org.slf4j;
  requires static transitive org.junit.jupiter.api;
  requires static org.immutables.value.annotations;

  exports org.dvinspector.testkit;
}
