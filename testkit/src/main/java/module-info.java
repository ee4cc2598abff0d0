/** Test support for DV Inspector. */
module org.dvinspector.testkit {
  requires transitive org.dvinspector;
  requires transitive org.dnsjava;
  requires transitive org.assertj.core;
  requires static org.junit.jupiter.api;
  requires static org.immutables.value.annotations;

  exports org.dvinspector.testkit;
}
